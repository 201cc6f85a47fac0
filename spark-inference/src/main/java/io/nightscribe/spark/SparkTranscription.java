package io.nightscribe.spark;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.json.CanonicalJson;
import io.nightscribe.runs.execution.KeepAlive;
import io.nightscribe.runs.execution.RunProgress;
import io.nightscribe.runs.execution.RunTranscription;
import io.nightscribe.runs.ledger.InputOutcome;
import io.nightscribe.runs.ledger.InputRow;
import io.nightscribe.runs.ledger.InputStatus;
import io.nightscribe.runs.ledger.RunLedger;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.partition.ResolvedPartition;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;
import scala.runtime.BoxedUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * Transcribes a run's pending inputs on a Spark cluster: the driver balances them over Spark
 * partitions ({@link WorkPlan}), executors read, decode, transcribe and write each transcript to
 * its deterministic key, and the driver records each partition's outcomes in the ledger as its task
 * reports — one report per partition however many attempts ran, so retries and speculative copies
 * neither lose nor duplicate an input. A driver killed later has lost none of what was reported.
 * Spark starts only when something is pending: a completed run costs no cluster.
 */
final class SparkTranscription implements RunTranscription {
  private static final Logger log = LoggerFactory.getLogger(SparkTranscription.class);

  private final RunLedger ledger;
  private final KeepAlive keepAlive;
  private final SparkConf conf;
  private final SparkNightOptions options;
  private final Clock clock;
  private final JsonMapper json;

  SparkTranscription(
      RunLedger ledger,
      KeepAlive keepAlive,
      SparkConf conf,
      SparkNightOptions options,
      Clock clock,
      JsonMapper json) {
    this.ledger = ledger;
    this.keepAlive = keepAlive;
    this.conf = conf;
    this.options = options;
    this.clock = clock;
    this.json = json;
  }

  @Override
  public void transcribe(RunRow run, ResolvedPartition partition, RunProgress progress) {
    List<InputRow> pending = ledger.pendingInputs(run.runId());
    List<InputRow> all = ledger.inputs(run.runId());
    progress.start(
        run.runId(),
        all.size(),
        all.size() - pending.size(),
        pending.stream().mapToLong(InputRow::sizeBytes).sum());
    try (var alive = keepAlive.hold(() -> ledger.heartbeat(run.runId()))) {
      if (!pending.isEmpty()) {
        // an execution that finds nothing pending keeps what the one that transcribed recorded
        Map<String, String> environment = transcribe(run, partition, pending, progress);
        ledger.recordEnvironment(run.runId(), CanonicalJson.string(environment));
      }
      List<InputRow> left = ledger.pendingInputs(run.runId());
      if (!left.isEmpty()) {
        throw NightscribeException.transientFailure(
            "Cannot finish run "
                + run.runId()
                + ": no task reported "
                + left.size()
                + " inputs ("
                + left.get(0).key()
                + "...); firing the partition again transcribes them",
            null);
      }
    } finally {
      progress.finish();
    }
  }

  private Map<String, String> transcribe(
      RunRow run, ResolvedPartition partition, List<InputRow> pending, RunProgress progress) {
    RunReference reference =
        new RunReference(
            partition.request().modelReference(),
            partition.model().sha256(),
            partition.settingsJson(),
            partition.configHash(),
            partition.request().input().toString(),
            partition.request().transcripts().toString(),
            options.mlflowTrackingUri().orElse(null),
            options.executorModelCache());
    SparkConf runConf =
        conf.clone()
            .setIfMissing("spark.app.name", "nightscribe " + partition.request().displayName())
            .set("spark.plugins", NightscribeSparkPlugin.class.getName())
            .set(NightscribeSparkPlugin.RUN_CONF, json.writeValueAsString(reference))
            .set(
                NightscribeSparkPlugin.DECODE_THREADS_CONF,
                Integer.toString(options.decodeThreads()));
    TaskStatistics tasks = new TaskStatistics();
    Map<Integer, TaskReport> reports = new ConcurrentSkipListMap<>();
    try (JavaSparkContext spark = new JavaSparkContext(runConf)) {
      spark.sc().addSparkListener(tasks);
      int slots = awaitSlots(spark);
      WorkPlan plan =
          WorkPlan.balance(
              pending.stream().map(row -> new PlannedInput(row.key(), row.sizeBytes())).toList(),
              slots * options.partitionsPerSlot());
      log.info(
          "Run {}: {} inputs in {} Spark partitions over {} task slots",
          run.runId(),
          pending.size(),
          plan.partitions().size(),
          slots);
      RDD<PlannedInput> inputs =
          spark
              .parallelizePairs(
                  pending.stream()
                      .map(
                          row ->
                              new Tuple2<>(row.key(), new PlannedInput(row.key(), row.sizeBytes())))
                      .toList(),
                  plan.partitions().size())
              .partitionBy(new PlannedPartitioner(plan))
              .values()
              .rdd();
      PartitionTranscription work =
          new PartitionTranscription(
              reference, options.decodeThreads(), InjectedFaults.of(runConf));
      spark
          .sc()
          .runJob(
              inputs,
              (scala.Function2<TaskContext, scala.collection.Iterator<PlannedInput>, TaskReport>
                      & Serializable)
                  (task, iterator) -> work.transcribe(task, CollectionConverters.asJava(iterator)),
              (index, report) -> {
                record(run, report, progress);
                reports.put((Integer) index, report);
                return BoxedUnit.UNIT;
              },
              ClassTag$.MODULE$.apply(TaskReport.class));
      tasks.awaitSucceeded(plan.partitions().size(), Duration.ofSeconds(5));
      return SparkEnvironment.describe(spark, reports.values(), tasks);
    }
  }

  /** Records a task's outcomes as its report arrives, so a driver killed later loses none. */
  private void record(RunRow run, TaskReport report, RunProgress progress) {
    for (InputOutcome outcome : report.outcomes()) {
      ledger.record(run.runId(), outcome);
      if (outcome.status() == InputStatus.TRANSCRIBED) {
        progress.transcribed(outcome.key(), outcome.sizeBytes(), outcome.audioMillis());
      } else {
        progress.quarantined(outcome.key(), outcome.sizeBytes());
      }
    }
    log.info(
        "Run {}: partition {} done on executor {} ({}): {} inputs",
        run.runId(),
        report.partition(),
        report.executorId(),
        report.device(),
        report.outcomes().size());
  }

  /**
   * Waits until the executors asked for registered (or, when the count is not known, until the
   * first did and a few seconds passed without another), and returns their task slots.
   */
  private int awaitSlots(JavaSparkContext spark) {
    Instant deadline = clock.instant().plus(options.executorWait());
    int expected = spark.getConf().getInt(SparkNightOptions.EXECUTORS_CONF, 0);
    int taskCpus = Math.max(1, spark.getConf().getInt("spark.task.cpus", 1));
    Instant firstSeen = null;
    while (clock.instant().isBefore(deadline)) {
      // the driver is listed among the executors
      int executors = spark.statusTracker().getExecutorInfos().length - 1;
      if (executors > 0 && firstSeen == null) {
        firstSeen = clock.instant();
      }
      boolean settled =
          expected > 0
              ? executors >= expected
              : firstSeen != null && clock.instant().isAfter(firstSeen.plusSeconds(3));
      if (settled) {
        return Math.max(1, spark.sc().defaultParallelism() / taskCpus);
      }
      sleep();
    }
    if (firstSeen != null) {
      return Math.max(1, spark.sc().defaultParallelism() / taskCpus);
    }
    throw NightscribeException.configuration(
        "Cannot run on "
            + spark.master()
            + ": no executor registered within "
            + options.executorWait().toSeconds()
            + " s (the cluster cannot grant the cores, memory or GPUs the application asks for,"
            + " or it has no worker)");
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw NightscribeException.internal("Interrupted waiting for executors", e);
    }
  }
}
