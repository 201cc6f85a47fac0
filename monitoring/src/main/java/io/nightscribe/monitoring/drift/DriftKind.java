package io.nightscribe.monitoring.drift;

import io.nightscribe.monitoring.LabelValue;

/** What a drift score compares: the audio coming in, or what the model made of it. */
public enum DriftKind implements LabelValue {
  /** Input features: durations, loudness, speech share, clipping, sample rates, codecs. */
  DATA("data"),
  /** Output features: confidences, words per minute, empty transcripts, out-of-vocabulary words. */
  PREDICTION("prediction");

  private final String label;

  DriftKind(String label) {
    this.label = label;
  }

  @Override
  public String label() {
    return label;
  }
}
