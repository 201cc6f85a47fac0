package io.nightscribe.batch.job;

import io.nightscribe.asr.audio.AudioProbe;
import io.nightscribe.asr.manifest.ErrorEntry;
import io.nightscribe.asr.manifest.InputEntry;
import io.nightscribe.asr.manifest.JsonLinesManifest;
import io.nightscribe.asr.manifest.OutputEntry;
import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.ledger.InputRow;
import io.nightscribe.batch.ledger.RunLedger;
import io.nightscribe.batch.ledger.RunRow;
import io.nightscribe.batch.mlflow.MlflowMirror;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Last step: writes the run's manifests, mirrors the run to MLflow (through the outbox), and writes
 * run.json last, so a run.json in storage always describes a finished run.
 */
public class FinalizeRunTasklet implements Tasklet {
  private static final Logger log = LoggerFactory.getLogger(FinalizeRunTasklet.class);

  /** Exit code of a run that finished with quarantined inputs. */
  public static final String QUARANTINED_EXIT = "COMPLETED_WITH_QUARANTINE";

  private final RunLedger ledger;
  private final ObjectStores stores;
  private final RunRecordFactory records;
  private final MlflowMirror mlflow;
  private final JsonMapper json;

  public FinalizeRunTasklet(
      RunLedger ledger,
      ObjectStores stores,
      RunRecordFactory records,
      MlflowMirror mlflow,
      JsonMapper json) {
    this.ledger = ledger;
    this.stores = stores;
    this.records = records;
    this.mlflow = mlflow;
    this.json = json;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    var stepExecution = chunkContext.getStepContext().getStepExecution();
    var jobExecution = stepExecution.getJobExecution();
    RunRow run =
        ledger.runOfJobInstance(jobExecution.getJobInstance().getInstanceId()).orElseThrow();
    RunParameters.StepView view = RunParameters.StepView.of(jobExecution.getJobParameters());
    if (run.runRecord().isPresent()) {
      // an execution killed after it recorded the finished run, before Spring Batch marked the job
      // complete: writing the record again would only change its wall-clock figures
      log.info("Run {} was already finished; completing its job", run.runId());
      if (run.status().equals(QUARANTINED_EXIT)) {
        stepExecution.setExitStatus(new ExitStatus(QUARANTINED_EXIT));
      }
      return RepeatStatus.FINISHED;
    }
    if (view.backfillId().isPresent()) {
      ledger.tagBackfill(run.runId(), view.backfillId().get());
      run = ledger.run(run.runId()).orElseThrow();
    }
    List<InputRow> rows = ledger.inputs(run.runId());
    List<InputEntry> inputs = new ArrayList<>();
    List<OutputEntry> outputs = new ArrayList<>();
    List<ErrorEntry> errors = new ArrayList<>();
    for (InputRow row : rows) {
      inputs.add(inputEntry(row));
      if (row.status().equals(InputRow.TRANSCRIBED)) {
        outputs.add(
            new OutputEntry(
                row.outputKey().orElseThrow(),
                row.outputSha256().orElseThrow(),
                row.key(),
                row.sha256().orElseThrow()));
      } else if (row.status().equals(InputRow.QUARANTINED)) {
        errors.add(
            new ErrorEntry(
                row.key(),
                row.errorReason().orElse("unknown"),
                row.errorStage().orElse("unknown")));
      } else {
        throw new IllegalStateException(
            "Cannot finish run "
                + run.runId()
                + ": input "
                + row.key()
                + " is still "
                + row.status());
      }
    }
    StorageUri runFolder = view.outputRoot().resolve("_runs/" + run.runId() + "/");
    ObjectStore store = stores.forUri(runFolder);
    var inputManifest = JsonLinesManifest.writeInputs(inputs);
    var outputManifest = JsonLinesManifest.writeOutputs(outputs);
    var errorManifest = JsonLinesManifest.writeErrors(errors);
    store.write(runFolder.resolve("inputs.jsonl"), inputManifest.bytes());
    store.write(runFolder.resolve("outputs.jsonl"), outputManifest.bytes());
    store.write(runFolder.resolve("errors.jsonl"), errorManifest.bytes());

    String status = errors.isEmpty() ? "COMPLETED" : QUARANTINED_EXIT;
    RunRecord record =
        records.create(
            run,
            view,
            jobExecution,
            status,
            new RunRecord.Manifests(
                inputManifest.sha256(), outputManifest.sha256(), errorManifest.sha256()),
            rows);
    MlflowMirror.Result mirrored =
        mlflow.mirror(record, runFolder, inputManifest, outputManifest, errorManifest);
    byte[] runJson = records.toJson(record.withMlflow(mirrored.state(), mirrored.mlflowRunId()));
    store.write(runFolder.resolve("run.json"), runJson);
    ledger.finish(
        run.runId(),
        status,
        new String(runJson, java.nio.charset.StandardCharsets.UTF_8),
        mirrored.state(),
        mirrored.mlflowRunId());
    log.info(
        "Run {} {}: {} transcribed, {} quarantined; record {}",
        run.runId(),
        status,
        outputs.size(),
        errors.size(),
        runFolder.resolve("run.json"));
    if (!errors.isEmpty()) {
      stepExecution.setExitStatus(new ExitStatus(QUARANTINED_EXIT));
    }
    return RepeatStatus.FINISHED;
  }

  private InputEntry inputEntry(InputRow row) {
    Optional<AudioProbe> probe =
        row.probeJson().map(text -> json.readValue(text, AudioProbe.class));
    return new InputEntry(
        row.key(), row.versionId(), row.etag(), row.sizeBytes(), row.sha256().orElse(""), probe);
  }
}
