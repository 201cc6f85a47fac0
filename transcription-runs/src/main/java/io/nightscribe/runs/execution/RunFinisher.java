package io.nightscribe.runs.execution;

import io.nightscribe.asr.manifest.EncodedManifest;
import io.nightscribe.asr.manifest.ErrorEntry;
import io.nightscribe.asr.manifest.InputEntry;
import io.nightscribe.asr.manifest.JsonLinesManifest;
import io.nightscribe.asr.manifest.OutputEntry;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.monitoring.drift.DriftKind;
import io.nightscribe.monitoring.drift.ProfileJson;
import io.nightscribe.monitoring.drift.RunProfile;
import io.nightscribe.runs.drift.DriftCheck;
import io.nightscribe.runs.drift.NightProfiles;
import io.nightscribe.runs.drift.RunDrift;
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
 * Finishes a run whose every input is transcribed or quarantined: writes its manifests and the
 * night's drift profile (profile.json), compares the profile with its reference, mirrors the run to
 * MLflow (through the outbox), and writes run.json last, so a run.json in storage always describes
 * a finished run. Thread-safe.
 */
public final class RunFinisher {
  private static final Logger log = LoggerFactory.getLogger(RunFinisher.class);

  private final RunLedger ledger;
  private final ObjectStores stores;
  private final RunRecords records;
  private final MlflowMirror mlflow;
  private final DriftCheck drift;
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
      DriftCheck drift,
      JsonMapper json,
      Supplier<RunRecord.Retries> retries) {
    this.retries = retries;
    this.ledger = ledger;
    this.stores = stores;
    this.records = records;
    this.mlflow = mlflow;
    this.drift = drift;
    this.json = json;
  }

  /**
   * A finished run as the ledger holds it, with the night's drift when this process finished it
   * (empty for a run found already finished: its drift is in its run.json).
   */
  public record Finished(RunRow run, Optional<RunDrift> drift) {}

  /**
   * Finishes {@code run}, the run of {@code partition}, and returns it as the ledger now holds it.
   * A run that was finished already (its process killed after it recorded the run) is returned as
   * it is: writing its record again would only change its wall-clock figures.
   *
   * @param wallTime how long this execution of the run took
   * @throws IllegalStateException when an input is still pending
   */
  public RunRow finish(RunRow run, ResolvedPartition partition, Duration wallTime) {
    return finishWithDrift(run, partition, wallTime).run();
  }

  /**
   * {@link #finish}, also returning the night's drift for its metrics.
   *
   * @throws IllegalStateException when an input is still pending
   */
  public Finished finishWithDrift(RunRow run, ResolvedPartition partition, Duration wallTime) {
    if (run.runRecord().isPresent()) {
      log.info("Run {} was already finished", run.runId());
      return new Finished(run, Optional.empty());
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
    RunProfile profile = new NightProfiles(json).profile(rows);
    write(DriftCheck.profileOf(partition.layout(), run.runId()), ProfileJson.encode(profile));
    RunDrift nightDrift = measureDrift(run, partition, profile);

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
            retries.get(),
            nightDrift.toRecord());
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
        "Run {} {}: {} transcribed, {} quarantined; drift against {}: data {}, prediction {};"
            + " record {} (manifests and record in {} ms)",
        run.runId(),
        status,
        outputs.size(),
        errors.size(),
        nightDrift.reference().value(),
        describe(nightDrift, DriftKind.DATA),
        describe(nightDrift, DriftKind.PREDICTION),
        folder.record(),
        (System.nanoTime() - started) / 1_000_000);
    return new Finished(ledger.run(run.runId()).orElseThrow(), Optional.of(nightDrift));
  }

  /**
   * The night's drift; like MLflow, a drift that cannot be measured (an unreadable reference, the
   * ledger failing the baseline query) never fails a night whose transcripts are written: the run
   * records it as not compared and the log says why.
   */
  private RunDrift measureDrift(RunRow run, ResolvedPartition partition, RunProfile profile) {
    try {
      return drift.check(run, partition, profile);
    } catch (RuntimeException e) {
      log.warn(
          "Cannot measure the drift of run {}: {}; run.json records it as not compared",
          run.runId(),
          e.getMessage());
      return RunDrift.none();
    }
  }

  private static String describe(RunDrift drift, DriftKind kind) {
    return drift
        .kind(kind)
        .map(k -> String.format(java.util.Locale.ROOT, "%.2f %s", k.score(), k.level()))
        .orElse("not compared");
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
    return new InputEntry(
        row.key(),
        row.versionId(),
        row.etag(),
        row.sizeBytes(),
        row.sha256().orElse(""),
        row.probe());
  }
}
