package io.nightscribe.lifecycle.dataset;

import io.nightscribe.asr.dataset.DatasetLayout;
import io.nightscribe.asr.storage.StorageUri;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code nightscribe dataset build} is asked for.
 *
 * @param output the dataset's root (s3:// or file://), a prefix
 * @param slices which slices to build: {@link DatasetLayout#SYNTHETIC}, {@link DatasetLayout#REAL}
 * @param sentences how many sentences the synthetic slice speaks
 * @param seed decides which sentences, voices, rates, pitches and augmentations
 * @param workers clips made at once
 */
public record DatasetRequest(
    StorageUri output, Set<String> slices, int sentences, long seed, int workers) {
  public DatasetRequest {
    Objects.requireNonNull(output, "output");
    slices = Set.copyOf(slices);
    if (slices.isEmpty()
        || !Set.of(DatasetLayout.SYNTHETIC, DatasetLayout.REAL).containsAll(slices)) {
      throw new IllegalArgumentException("Invalid slices: " + slices);
    }
    if (sentences < 0 || workers < 1) {
      throw new IllegalArgumentException(
          "Invalid request: " + sentences + " sentences, " + workers + " workers");
    }
    output = output.asPrefix();
  }

  boolean includes(String slice) {
    return slices.contains(slice);
  }
}
