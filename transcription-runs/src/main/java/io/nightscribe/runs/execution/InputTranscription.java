package io.nightscribe.runs.execution;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.json.CanonicalJson;
import io.nightscribe.asr.pipeline.OutcomeSink;
import io.nightscribe.asr.pipeline.PackageTranscriber;
import io.nightscribe.asr.pipeline.TranscriptionInput;
import io.nightscribe.asr.pipeline.TranscriptionOutcome;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.monitoring.Runner;
import io.nightscribe.monitoring.Stage;
import io.nightscribe.runs.drift.Vocabulary;
import io.nightscribe.runs.layout.OutputLayout;
import io.nightscribe.runs.layout.TranscriptWriter;
import io.nightscribe.runs.ledger.InputOutcome;
import io.nightscribe.runs.ledger.InputRow;
import io.nightscribe.runs.ledger.RunLedger;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.metrics.NightMonitor;
import io.nightscribe.runs.metrics.NightWatch;
import io.nightscribe.runs.partition.ResolvedPartition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Transcribes every input of a run that the ledger still has as pending, in this process. Each
 * finished input is written and marked in the ledger at once, in its own transaction, so a killed
 * run resumed here redoes nothing that was finished and loses nothing that was not. While it works
 * the run's heartbeat says it is alive. Thread-safe.
 */
public final class InputTranscription implements RunTranscription {
  private static final Logger log = LoggerFactory.getLogger(InputTranscription.class);
  private static final int MAX_PASSES = 3;

  private final RunLedger ledger;
  private final ObjectStores stores;
  private final PackageTranscriber transcriber;
  private final TranscriptWriter writer;
  private final JsonMapper json;
  private final KeepAlive keepAlive;
  private final NightMonitor monitor;

  /**
   * @param monitor the metrics of the night are reported to the watch it began
   */
  public InputTranscription(
      RunLedger ledger,
      ObjectStores stores,
      PackageTranscriber transcriber,
      KeepAlive keepAlive,
      NightMonitor monitor,
      JsonMapper json) {
    this.ledger = ledger;
    this.stores = stores;
    this.transcriber = transcriber;
    this.writer = new TranscriptWriter(stores);
    this.json = json;
    this.keepAlive = keepAlive;
    this.monitor = monitor;
  }

  @Override
  public void transcribe(RunRow run, ResolvedPartition partition, RunProgress progress) {
    List<InputRow> pending = ledger.pendingInputs(run.runId());
    // counted, not loaded: a resumed night of many objects need not hold every finished row
    int total = ledger.inputCount(run.runId());
    progress.start(run.runId(), total, total - pending.size(), sizeOf(pending));
    if (pending.isEmpty()) {
      progress.finish();
      return;
    }
    NightWatch watch = monitor.watch(partition, Runner.IN_PROCESS);
    try (var alive = keepAlive.hold(() -> ledger.heartbeat(run.runId()));
        var model = load(partition, watch)) {
      Map<String, String> environment = new TreeMap<>();
      environment.put("runner", "in-process");
      environment.put("engine", model.engineVersion());
      environment.put("devices", model.devices().toString());
      ledger.recordEnvironment(run.runId(), CanonicalJson.string(environment));
      log.info(
          "Run {}: transcribing {} inputs with {} ({}) on {}",
          run.runId(),
          pending.size(),
          partition.model().name(),
          model.engineVersion(),
          model.devices());
      StorageUri inputBase = OutputLayout.inputBase(partition.request().input());
      long started = System.nanoTime();
      int todo = pending.size();
      InputOutcomes outcomes = new InputOutcomes(writer, json, Vocabulary.of(partition.model()));
      LedgerSink sink =
          new LedgerSink(run.runId(), partition.request().transcripts(), outcomes, progress, watch);
      for (int pass = 1; !pending.isEmpty(); pass++) {
        if (pass > MAX_PASSES) {
          throw NightscribeException.transientFailure(
              "Cannot finish run "
                  + run.runId()
                  + ": "
                  + pending.size()
                  + " inputs are still pending after "
                  + MAX_PASSES
                  + " passes (check the ledger database; firing the partition again resumes it)",
              null);
        }
        // the executor's decoders pull one input when they take it up: that moment starts its clock
        var inputs =
            pending.stream()
                .map(
                    row ->
                        sink.takenUp(
                            TranscriptionInput.listed(
                                row.key(), inputBase.resolve(row.key()), row.etag())))
                .iterator();
        model.run(stores.forUri(partition.request().input()), inputs, sink, watch);
        pending = ledger.pendingInputs(run.runId());
        if (!pending.isEmpty()) {
          // a row still pending had no outcome recorded by this pass (seen once with the embedded
          // H2 ledger after a kill -9: a row the killed process had finished came back pending):
          // transcribe it again rather than finish the run without it
          log.warn(
              "Run {}: {} inputs are still pending after pass {} ({}...); transcribing them again",
              run.runId(),
              pending.size(),
              pass,
              pending.get(0).key());
        }
      }
      log.info(
          "Run {}: {} inputs transcribed or quarantined in {} ms",
          run.runId(),
          todo,
          (System.nanoTime() - started) / 1_000_000);
    } finally {
      progress.finish();
    }
  }

  private PackageTranscriber.Loaded load(ResolvedPartition partition, NightWatch watch) {
    long started = System.nanoTime();
    PackageTranscriber.Loaded model =
        transcriber.load(partition.model(), partition.request().decoding(), partition.configHash());
    watch.metrics().modelLoaded(Duration.ofNanos(System.nanoTime() - started));
    return model;
  }

  private static long sizeOf(List<InputRow> rows) {
    return rows.stream().mapToLong(InputRow::sizeBytes).sum();
  }

  /** Writes each transcript and records each outcome in the ledger as it arrives. */
  private final class LedgerSink implements OutcomeSink {
    private final String runId;
    private final StorageUri transcripts;
    private final InputOutcomes outcomes;
    private final RunProgress progress;
    private final Map<String, Long> takenUpNanos = new ConcurrentHashMap<>();
    private final NightWatch watch;

    LedgerSink(
        String runId,
        StorageUri transcripts,
        InputOutcomes outcomes,
        RunProgress progress,
        NightWatch watch) {
      this.runId = runId;
      this.transcripts = transcripts;
      this.outcomes = outcomes;
      this.progress = progress;
      this.watch = watch;
    }

    TranscriptionInput takenUp(TranscriptionInput input) {
      takenUpNanos.put(input.key(), System.nanoTime());
      return input;
    }

    @Override
    public void accept(TranscriptionOutcome outcome) {
      // only a transcribed input writes anything: a quarantined one is settled without storage
      InputOutcome settled =
          outcome instanceof TranscriptionOutcome.Transcribed
              ? watch.timed(Stage.WRITE, () -> outcomes.settle(outcome, transcripts))
              : outcomes.settle(outcome, transcripts);
      Long start = takenUpNanos.remove(outcome.input().key());
      Duration processing = start == null ? null : Duration.ofNanos(System.nanoTime() - start);
      watch.timed(
          Stage.RECORD,
          () -> {
            ledger.record(runId, settled, processing);
            return settled;
          });
      if (outcome instanceof TranscriptionOutcome.Transcribed done) {
        long audioMillis = done.transcript().source().durationMillis();
        watch.transcribed(audioMillis);
        progress.transcribed(settled.key(), settled.sizeBytes(), audioMillis);
      } else {
        var bad = (TranscriptionOutcome.Quarantined) outcome;
        watch.quarantined(bad.stage());
        progress.quarantined(settled.key(), bad.entry().map(e -> e.sizeBytes()).orElse(0L));
      }
    }
  }
}
