package io.nightscribe.monitoring.drift;

/** A feature counted as events among trials, compared by the absolute difference of the rates. */
public enum RateFeature implements Feature {
  /** Transcribed objects whose transcript has no word, among transcribed objects. */
  EMPTY_TRANSCRIPT("emptyTranscript", DriftKind.PREDICTION),
  /** Words outside the model's vocabulary (word list), among all transcribed words. */
  OUT_OF_VOCABULARY("outOfVocabulary", DriftKind.PREDICTION);

  private final String key;
  private final DriftKind kind;

  RateFeature(String key, DriftKind kind) {
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
