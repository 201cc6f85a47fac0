package io.nightscribe.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * What every task of a run needs to know, broadcast once from the driver: which model (by its
 * reference and the digest it must have), the decoding settings, where inputs are read and
 * transcripts written. Small: the model itself is never shipped, each executor resolves and loads
 * it once ({@link ExecutorModels}).
 *
 * @param modelReference the reference the run resolved (a registry alias is pinned to its version)
 * @param modelSha256 the digest the run recorded: an executor refuses any other package
 * @param settingsJson the decoding settings, canonical JSON
 * @param configHash their digest, stamped into transcripts
 * @param input the run's input prefix or object
 * @param transcripts where transcripts go
 * @param mlflowTrackingUri the registry to resolve {@code models:/} references from, or null
 * @param modelCache the folder executors keep model packages in
 */
public record RunReference(
    String modelReference,
    String modelSha256,
    String settingsJson,
    String configHash,
    String input,
    String transcripts,
    String mlflowTrackingUri,
    String modelCache)
    implements Serializable {
  public RunReference {
    Objects.requireNonNull(modelReference, "modelReference");
    Objects.requireNonNull(modelSha256, "modelSha256");
    Objects.requireNonNull(settingsJson, "settingsJson");
    Objects.requireNonNull(configHash, "configHash");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(transcripts, "transcripts");
    Objects.requireNonNull(modelCache, "modelCache");
  }

  /** The key a loaded model is held by in an executor: one per package and settings. */
  String modelKey() {
    return modelSha256 + "/" + configHash;
  }
}
