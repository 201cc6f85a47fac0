package io.nightscribe.asr.training;

import io.nightscribe.asr.acoustic.Features;
import io.nightscribe.asr.manifest.DatasetEntry;
import java.util.Objects;

/**
 * One dataset clip ready to train on: its manifest entry, split, target tokens and features.
 *
 * @param entry the manifest line
 * @param split where it belongs
 * @param labels the token ids of its text
 * @param features its front-end features
 */
public record Utterance(DatasetEntry entry, DataSplit split, int[] labels, Features features) {
  public Utterance {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(features, "features");
  }

  /** Feature frames. */
  public int frames() {
    return features.frames();
  }
}
