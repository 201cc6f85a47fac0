package io.nightscribe.monitoring.drift;

/**
 * A feature with one category per object, kept as counts per category and compared with the
 * population stability index.
 */
public enum CategoricalFeature implements Feature {
  /** The input's sample rate as probed, e.g. {@code 16000}. */
  SAMPLE_RATE_HZ("sampleRateHz", DriftKind.DATA),
  /** The input's codec as probed, e.g. {@code mp3}, {@code pcm_s16le}. */
  CODEC("codec", DriftKind.DATA);

  private final String key;
  private final DriftKind kind;

  CategoricalFeature(String key, DriftKind kind) {
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
