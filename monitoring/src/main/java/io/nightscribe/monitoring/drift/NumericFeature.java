package io.nightscribe.monitoring.drift;

/**
 * A feature with one number per object, kept as samples and compared with the two-sample
 * Kolmogorov-Smirnov test.
 */
public enum NumericFeature implements Feature {
  /** Length of the input audio, seconds. */
  INPUT_DURATION_SECONDS("inputDurationSeconds", DriftKind.DATA),
  /** Integrated loudness of the input, dBFS (digital silence floored by the caller, e.g. -120). */
  LOUDNESS_DBFS("loudnessDbfs", DriftKind.DATA),
  /** Share of the input's duration detected as speech, 0-1. */
  SPEECH_SHARE("speechShare", DriftKind.DATA),
  /** Share of the input's samples at or near full scale, 0-1. */
  CLIPPING_SHARE("clippingShare", DriftKind.DATA),
  /** Mean word confidence of the object's transcript, 0-1 (objects with words only). */
  CONFIDENCE("confidence", DriftKind.PREDICTION),
  /** Words per minute of audio in the object's transcript. */
  WORDS_PER_MINUTE("wordsPerMinute", DriftKind.PREDICTION);

  private final String key;
  private final DriftKind kind;

  NumericFeature(String key, DriftKind kind) {
    this.key = key;
    this.kind = kind;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public DriftKind kind() {
    return kind;
  }
}
