package io.nightscribe.runs.execution;

import io.nightscribe.asr.audio.AudioProbe;
import io.nightscribe.asr.json.JsonFields;
import io.nightscribe.asr.manifest.EncodedManifest;
import io.nightscribe.asr.manifest.ErrorEntry;
import io.nightscribe.asr.manifest.InputEntry;
import io.nightscribe.asr.manifest.JsonLinesManifest;
import io.nightscribe.asr.manifest.OutputEntry;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.runs.layout.OutputLayout;
import io.nightscribe.runs.ledger.InputRow;
import io.nightscribe.runs.ledger.RunLedger;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.ledger.RunStatus;
import io.nightscribe.runs.mlflow.MlflowMirror;
import io.nightscribe.runs.partition.ResolvedPartition;
import io.nightscribe.runs.record.RunRecord;
import io.nightscribe.runs.record.RunRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finishes a run whose every input is transcribed or quarantined: writes its manifests, mirrors it
 * to MLflow (through the outbox), and writes run.json last, so a run.json in storage always
 * describes a finished run. Thread-safe.
 */
public final class RunFinisher {
  private static final Logger log = LoggerFactory.getLogger(RunFinisher.class);

  private final RunLedger ledger;
  private final ObjectStores stores;
  private final RunRecords records;
  private final MlflowMirror mlflow;
  private final JsonMapper json;
  private final Supplier<RunRecord.Retries> retries;

  /**
   * @param retries the S3 and ledger retries this process has made so far
   */
  public RunFinisher(
      RunLedger ledger,
      ObjectStores stores,
      RunRecords records,
      MlflowMirror mlflow,
      JsonMapper json,
      Supplier<RunRecord.Retries> retries) {
    this.retries = retries;
    this.ledger = ledger;
    this.stores = stores;
    this.records = records;
    this.mlflow = mlflow;
    this.json = json;
  }

  /**
   * Finishes {@code run}, the run of {@code partition}, and returns it as the ledger now holds it.
   * A run that was finished already (its process killed after it recorded the run) is returned as
   * it is: writing its record again would only change its wall-clock figures.
   *
   * @param wallTime how long this execution of the run took
   * @throws IllegalStateException when an input is still pending
   */
  public RunRow finish(RunRow run, ResolvedPartition partition, Duration wallTime) {
    if (run.runRecord().isPresent()) {
      log.info("Run {} was already finished", run.runId());
      return run;
    }
    if (partition.request().backfillId().isPresent()) {
      ledger.tagBackfill(run.runId(), partition.request().backfillId().get());
      run = ledger.run(run.runId()).orElseThrow();
    }
    long started = System.nanoTime();
    List<InputRow> rows = ledger.inputs(run.runId());
    List<InputEntry> inputs = new ArrayList<>();
    List<OutputEntry> outputs = new ArrayList<>();
    List<ErrorEntry> errors = new ArrayList<>();
    for (InputRow row : rows) {
      inputs.add(inputEntry(row));
      switch (row.status()) {
        case TRANSCRIBED ->
            outputs.add(
                new OutputEntry(
                    row.outputKey().orElseThrow(),
                    row.outputSha256().orElseThrow(),
                    row.key(),
                    row.sha256().orElseThrow()));
        case QUARANTINED ->
            errors.add(
                new ErrorEntry(
                    row.key(),
                    row.errorReason().orElse("unknown"),
                    row.errorStage().orElse("unknown")));
        case PENDING ->
            throw new IllegalStateException(
                "Cannot finish run " + run.runId() + ": input " + row.key() + " is still pending");
      }
    }
    OutputLayout.RunFolder folder = partition.layout().run(run.runId());
    EncodedManifest inputManifest = JsonLinesManifest.writeInputs(inputs);
    EncodedManifest outputManifest = JsonLinesManifest.writeOutputs(outputs);
    EncodedManifest errorManifest = JsonLinesManifest.writeErrors(errors);
    write(folder.inputs(), inputManifest.bytes());
    write(folder.outputs(), outputManifest.bytes());
    write(folder.errors(), errorManifest.bytes());

    RunStatus status = errors.isEmpty() ? RunStatus.COMPLETED : RunStatus.COMPLETED_WITH_QUARANTINE;
    RunRecord record =
        records.create(
            run,
            partition.request().transcripts().toString(),
            rows,
            status,
            new RunRecord.Manifests(
                inputManifest.sha256(), outputManifest.sha256(), errorManifest.sha256()),
            environment(run.runId()),
            wallTime,
            retries.get());
    MlflowMirror.Result mirrored =
        mlflow.mirror(record, folder.folder(), inputManifest, outputManifest, errorManifest);
    byte[] runJson =
        records.toJson(
            record.withMlflow(
                mirrored.state(),
                mirrored.mlflowRunId(),
                record.retries().withMlflow(mlflow.failedPublications(run.runId()))));
    write(folder.record(), runJson);
    ledger.finish(
        run.runId(),
        status,
        new String(runJson, StandardCharsets.UTF_8),
        mirrored.state(),
        mirrored.mlflowRunId());
    log.info(
        "Run {} {}: {} transcribed, {} quarantined; record {} (manifests and record in {} ms)",
        run.runId(),
        status,
        outputs.size(),
        errors.size(),
        folder.record(),
        (System.nanoTime() - started) / 1_000_000);
    return ledger.run(run.runId()).orElseThrow();
  }

  private void write(StorageUri uri, byte[] bytes) {
    stores.forUri(uri).write(uri, bytes);
  }

  private Map<String, String> environment(String runId) {
    Optional<String> recorded = ledger.environment(runId);
    return recorded.isEmpty()
        ? Map.of()
        : json.readValue(recorded.get(), new TypeReference<TreeMap<String, String>>() {});
  }

  private InputEntry inputEntry(InputRow row) {
    Optional<AudioProbe> probe =
        row.probeJson()
            .map(
                text ->
                    JsonLinesManifest.readProbe(
                        JsonFields.parse(text, "the ledger's probe of " + row.key()),
                        "the ledger's probe of " + row.key()));
    return new InputEntry(
        row.key(), row.versionId(), row.etag(), row.sizeBytes(), row.sha256().orElse(""), probe);
  }
}
