package io.nightscribe.lifecycle.gate;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.manifest.DatasetEntry;
import io.nightscribe.asr.manifest.JsonLinesManifest;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import java.util.List;

/**
 * A frozen evaluation set: a dataset manifest and its digest. Models are compared only on the same
 * digest.
 *
 * @param manifest where the manifest is
 * @param sha256 the manifest's digest
 * @param entries its utterances, in key order
 */
public record EvaluationSet(StorageUri manifest, String sha256, List<DatasetEntry> entries) {
  public EvaluationSet {
    entries = List.copyOf(entries);
  }

  /**
   * Reads the set at {@code location}: a manifest.jsonl, or a dataset folder holding one.
   *
   * @throws NightscribeException CONFIGURATION when there is no manifest there or it is empty
   */
  public static EvaluationSet read(ObjectStores stores, StorageUri location) {
    StorageUri manifest =
        location.key().endsWith(".jsonl")
            ? location
            : location.asPrefix().resolve("manifest.jsonl");
    byte[] bytes;
    try {
      bytes = stores.forUri(manifest).readAllBytes(manifest);
    } catch (NightscribeException e) {
      throw NightscribeException.configuration(
          "Cannot read evaluation set "
              + manifest
              + ": "
              + e.getMessage()
              + " (give a dataset folder made by 'nightscribe dataset build', or its manifest.jsonl)",
          e);
    }
    List<DatasetEntry> entries = JsonLinesManifest.readDataset(bytes);
    if (entries.isEmpty()) {
      throw NightscribeException.configuration(
          "Cannot evaluate on " + manifest + ": the set is empty");
    }
    return new EvaluationSet(manifest, Sha256.hex(bytes), entries);
  }
}
