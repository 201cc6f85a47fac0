package io.nightscribe.lifecycle.dataset;

import io.nightscribe.asr.storage.StorageUri;
import java.util.Map;
import java.util.Objects;

/**
 * What a build made.
 *
 * @param output the dataset's root
 * @param manifest its manifest.jsonl
 * @param sha256 the manifest's sha256: the dataset digest
 * @param seed the seed it was built from
 * @param slices clips and audio per slice, by slice name
 * @param written audio files written
 * @param unchanged audio files already there with the same bytes, left alone
 */
public record DatasetSummary(
    StorageUri output,
    StorageUri manifest,
    String sha256,
    long seed,
    Map<String, SliceTotals> slices,
    int written,
    int unchanged) {
  public DatasetSummary {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(sha256, "sha256");
    slices = Map.copyOf(slices);
  }

  /** The audio of every slice. */
  public long audioMillis() {
    return slices.values().stream().mapToLong(SliceTotals::audioMillis).sum();
  }
}
