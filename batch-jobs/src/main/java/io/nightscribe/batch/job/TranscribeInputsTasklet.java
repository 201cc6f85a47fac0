package io.nightscribe.batch.job;

import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.model.ModelPackages;
import io.nightscribe.asr.pipeline.PackageTranscriber;
import io.nightscribe.asr.pipeline.TranscriptionInput;
import io.nightscribe.asr.pipeline.TranscriptionOutcome;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.asr.transcript.TranscriptJson;
import io.nightscribe.batch.ledger.InputRow;
import io.nightscribe.batch.ledger.RunLedger;
import io.nightscribe.batch.ledger.RunRow;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Second step: transcribes every input the ledger still has as PENDING. Each finished input is
 * written and marked in the ledger at once, in its own transaction, so a killed run restarted here
 * redoes nothing that was finished and loses nothing that was not.
 */
public class TranscribeInputsTasklet implements Tasklet {
  private static final Logger log = LoggerFactory.getLogger(TranscribeInputsTasklet.class);

  private final RunLedger ledger;
  private final ObjectStores stores;
  private final PackageTranscriber transcriber;
  private final RunProgress progress;
  private final Duration heartbeatInterval;
  private final JsonMapper json;

  public TranscribeInputsTasklet(
      RunLedger ledger,
      ObjectStores stores,
      PackageTranscriber transcriber,
      RunProgress progress,
      Duration heartbeatInterval,
      JsonMapper json) {
    this.ledger = ledger;
    this.stores = stores;
    this.transcriber = transcriber;
    this.progress = progress;
    this.heartbeatInterval = heartbeatInterval;
    this.json = json;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    var jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
    RunParameters.StepView view = RunParameters.StepView.of(jobExecution.getJobParameters());
    RunRow run =
        ledger.runOfJobInstance(jobExecution.getJobInstance().getInstanceId()).orElseThrow();
    List<InputRow> pending = ledger.pendingInputs(run.runId());
    List<InputRow> all = ledger.inputs(run.runId());
    progress.start(run.runId(), all.size(), all.size() - pending.size(), sizeOf(pending));
    if (pending.isEmpty()) {
      return RepeatStatus.FINISHED;
    }
    ModelPackage modelPackage =
        ModelPackages.load(
            view.modelPath(),
            view.modelName(),
            view.modelVersion(),
            java.util.Optional.of(view.modelSha256()));
    DecodingSettings decoding = json.readValue(view.settingsJson(), DecodingSettings.class);
    ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
    heartbeat.scheduleAtFixedRate(
        () -> ledger.heartbeat(run.runId()),
        0,
        heartbeatInterval.toMillis(),
        TimeUnit.MILLISECONDS);
    try (var model = transcriber.load(modelPackage, decoding, view.configHash())) {
      jobExecution
          .getExecutionContext()
          .putString(RunRecordFactory.ENGINE_VERSION, model.engineVersion());
      jobExecution
          .getExecutionContext()
          .putString(RunRecordFactory.DEVICES, model.devices().toString());
      log.info(
          "Run {}: transcribing {} inputs with {} ({}) on {}",
          run.runId(),
          pending.size(),
          modelPackage.name(),
          model.engineVersion(),
          model.devices());
      StorageUri inputBase = inputBase(view.input());
      var inputs =
          pending.stream()
              .map(row -> new TranscriptionInput(row.key(), inputBase.resolve(row.key())))
              .iterator();
      model.run(
          stores.forUri(view.input()),
          inputs,
          new LedgerOutcomeSink(run.runId(), view.transcripts(), contribution));
    } finally {
      heartbeat.shutdownNow();
      progress.finish();
    }
    return RepeatStatus.FINISHED;
  }

  /** The prefix input keys are relative to: the input itself, or a single object's folder. */
  public static StorageUri inputBase(StorageUri input) {
    if (input.isPrefix()) {
      return input;
    }
    int slash = input.key().lastIndexOf('/');
    return new StorageUri(input.scheme(), input.bucket(), input.key().substring(0, slash + 1));
  }

  private static long sizeOf(List<InputRow> rows) {
    return rows.stream().mapToLong(InputRow::sizeBytes).sum();
  }

  /** Writes each transcript and records each outcome in the ledger as it arrives. */
  private final class LedgerOutcomeSink implements io.nightscribe.asr.pipeline.OutcomeSink {
    private final String runId;
    private final StorageUri transcripts;
    private final StepContribution contribution;

    LedgerOutcomeSink(String runId, StorageUri transcripts, StepContribution contribution) {
      this.runId = runId;
      this.transcripts = transcripts;
      this.contribution = contribution;
    }

    @Override
    public void accept(TranscriptionOutcome outcome) {
      if (outcome instanceof TranscriptionOutcome.Transcribed done) {
        write(done);
        return;
      }
      var bad = (TranscriptionOutcome.Quarantined) outcome;
      ledger.markQuarantined(
          runId, bad.input().key(), bad.entry().map(e -> e.sha256()), bad.reason(), bad.stage());
      synchronized (contribution) {
        contribution.incrementProcessSkipCount();
      }
      progress.quarantined(bad.input().key(), bad.entry().map(e -> e.sizeBytes()).orElse(0L));
    }

    private void write(TranscriptionOutcome.Transcribed done) {
      byte[] bytes = TranscriptJson.encode(done.transcript());
      String outputKey = done.input().key() + ".json";
      stores.forUri(transcripts).write(transcripts.resolve(outputKey), bytes);
      var entry = done.entry();
      ledger.markTranscribed(
          runId,
          new RunLedger.TranscribedInput(
              entry.key(),
              entry.sizeBytes(),
              entry.etag(),
              entry.versionId(),
              entry.sha256(),
              json.writeValueAsString(entry.probe().orElseThrow()),
              done.transcript().source().durationMillis(),
              outputKey,
              Sha256.hex(bytes)));
      synchronized (contribution) {
        contribution.incrementWriteCount(1);
      }
      progress.transcribed(
          entry.key(), entry.sizeBytes(), done.transcript().source().durationMillis());
    }
  }
}
