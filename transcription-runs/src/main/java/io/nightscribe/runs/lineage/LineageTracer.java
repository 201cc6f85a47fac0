package io.nightscribe.runs.lineage;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.asr.transcript.TranscriptJson;
import io.nightscribe.asr.transcript.TranscriptRecord;
import io.nightscribe.registry.models.ModelResolver;
import io.nightscribe.runs.layout.OutputLayout;
import io.nightscribe.runs.ledger.RunLedger;
import io.nightscribe.runs.ledger.RunRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Traces a transcript back through the ledger: the runs that wrote its exact bytes, its source, and
 * its model's training run and dataset digest. Thread-safe.
 */
public final class LineageTracer {
  /** model.json properties a model package trained by nightscribe carries. */
  static final String TRAINING_RUN = "lineage.trainingRun";

  static final String DATASET_DIGEST = "lineage.datasetDigest";

  private final RunLedger ledger;
  private final ObjectStores stores;
  private final ModelResolver models;
  private final JsonMapper json;

  public LineageTracer(
      RunLedger ledger, ObjectStores stores, ModelResolver models, JsonMapper json) {
    this.ledger = ledger;
    this.stores = stores;
    this.models = models;
    this.json = json;
  }

  /**
   * @throws NightscribeException BAD_INPUT when the object is not a transcript, or no run in the
   *     ledger wrote these bytes there
   */
  public TranscriptLineage trace(StorageUri transcriptUri) {
    byte[] bytes = stores.forUri(transcriptUri).readAllBytes(transcriptUri);
    String sha256 = Sha256.hex(bytes);
    TranscriptRecord transcript = TranscriptJson.decode(bytes);
    List<RunRow> writers = new ArrayList<>();
    for (RunLedger.WrittenTranscript written : ledger.transcriptsWithDigest(sha256)) {
      RunRow run = ledger.run(written.runId()).orElseThrow();
      if (run.runRecord().isEmpty()) {
        continue;
      }
      StorageUri transcripts =
          StorageUri.parse(json.readTree(run.runRecord().get()).get("transcripts").asString());
      if (transcripts.resolve(written.outputKey()).equals(transcriptUri)) {
        writers.add(run);
      }
    }
    if (writers.isEmpty()) {
      throw NightscribeException.badInput(
          "No finished run in the ledger wrote "
              + transcriptUri
              + " with sha256 "
              + sha256
              + ": it was changed after it was written, or its run is in another ledger (check --config)");
    }
    var source = transcript.source();
    return new TranscriptLineage(
        transcriptUri.toString(),
        sha256,
        writers.stream().map(LineageTracer::run).toList(),
        new TranscriptLineage.Source(
            source.uri(), source.versionId().orElse(null), source.sha256()),
        model(transcript.model(), writers.get(0)),
        transcript.configHash());
  }

  private static TranscriptLineage.Run run(RunRow run) {
    return new TranscriptLineage.Run(
        run.runId(),
        run.jobKind().value(),
        run.pipeline(),
        run.partitionDate().map(Object::toString).orElse(null),
        run.status().name(),
        OutputLayout.of(run.outputUri()).run(run.runId()).record().toString(),
        run.mlflowRunId().orElse(null),
        run.backfillId().orElse(null));
  }

  private TranscriptLineage.Model model(TranscriptRecord.ModelIdentity identity, RunRow run) {
    String reference = run.modelReference();
    if (reference.startsWith("builtin")) {
      return new TranscriptLineage.Model(
          identity.name(),
          identity.version(),
          identity.sha256(),
          reference,
          "pretrained by its publisher and shipped with nightscribe; not trained by nightscribe",
          null,
          null);
    }
    ModelPackage found;
    try {
      // a registry alias may have moved since the run: look at the version it used
      found =
          models.resolve(
              ModelResolver.exactReference(reference, run.modelName(), run.modelVersion()));
    } catch (NightscribeException e) {
      return new TranscriptLineage.Model(
          identity.name(),
          identity.version(),
          identity.sha256(),
          reference,
          "unknown: the model package cannot be read now (" + e.getMessage() + ")",
          null,
          null);
    }
    if (!found.sha256().equals(identity.sha256())) {
      return new TranscriptLineage.Model(
          identity.name(),
          identity.version(),
          identity.sha256(),
          reference,
          "unknown: " + reference + " now holds another package (sha256 " + found.sha256() + ")",
          null,
          null);
    }
    Map<String, String> properties = found.descriptor().properties();
    String trainingRun = properties.get(TRAINING_RUN);
    return new TranscriptLineage.Model(
        identity.name(),
        identity.version(),
        identity.sha256(),
        reference,
        trainingRun != null
            ? "trained by nightscribe"
            : "not trained by nightscribe: its model.json records no training run",
        trainingRun,
        properties.get(DATASET_DIGEST));
  }
}
