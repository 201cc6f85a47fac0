package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.batch.testing.SampleSpeech;
import io.nightscribe.batch.testing.StoredObjects;
import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.testsupport.MlflowServer;
import io.nightscribe.testsupport.PostgresServer;
import io.nightscribe.testsupport.PrometheusServer;
import io.nightscribe.testsupport.PushgatewayServer;
import io.nightscribe.testsupport.S3Endpoint;
import io.nightscribe.testsupport.S3ProxyServer;
import io.nightscribe.testsupport.SparkCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code nightscribe transcribe --runner spark} on a real standalone cluster (a master and two
 * workers on 127.0.0.1 and 127.0.0.2 as processes, two fake GPUs on the first), reading from and
 * writing to an S3 server, with its ledger in PostgreSQL and its run in MLflow: the same
 * transcripts and manifests as the in-process job on the same inputs, whatever Spark retries or
 * speculates; one model load per executor; each task on the GPU Spark assigned it (the CPU,
 * recorded as such, since no CUDA exists here); a GPU request no worker can grant refused at once;
 * firing it again a no-op; a replay by the in-process runner IDENTICAL; the driver's metrics pushed
 * to a real Pushgateway as an in-process night's, with runner="spark".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkNightIT {
  private static final String NIGHT = "2026-11-21";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PUSHGATEWAY_ENV = "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_";

  @TempDir static Path workDir;

  private final SampleSpeech samples = SampleSpeech.shared();
  private SparkCluster cluster;
  private S3Endpoint s3;
  private ObjectStores stores;
  private String raw;
  private StorageUri inProcessOutput;
  private NightscribeProcess.Finished inProcessNight;

  @BeforeAll
  void runTheNightInProcess() throws Exception {
    cluster = SparkCluster.shared();
    s3 = S3ProxyServer.shared().endpoint();
    stores = ObjectStores.withS3Endpoint(s3.uri(), s3.accessKeyId(), s3.secretAccessKey());
    raw = S3ProxyServer.shared().createUniqueBucket("raw");
    StorageUri input = StorageUri.parse("s3://" + raw + "/calls/2026/11/21/");
    samples.uploadTo(stores.forUri(input), input);
    inProcessOutput = newOutput("inprocess");
    inProcessNight = night("inprocess", inProcessOutput, "runner: in-process");
    assertThat(inProcessNight.exitCode()).as(inProcessNight.toString()).isEqualTo(3);
  }

  @Test
  void aGpuNightWhoseFirstAttemptsAllFailGivesTheInProcessTranscriptsPushesAndReplaysIdentical()
      throws Exception {
    StorageUri output = newOutput("gpu");
    String spark =
        """
        runner: spark
              spark:
                master: %s
                executors: 2
                executor-cores: 1
                executor-memory: 768m
                gpus-per-executor: 1
                gpus-per-task: 1
                conf:
                  spark.nightscribe.masterWebUi: %s
                  spark.nightscribe.faults.failFirstAttempts: "true"
        """
            .formatted(cluster.masterUrl(), cluster.masterWebUi());
    Path config = config("gpu", output, spark);
    // every scenario's pipeline is "calls": this night's own grouping label tells its series apart
    String suite = "sparknight" + Long.toHexString(System.nanoTime());

    var night =
        nightscribe("gpu")
            .withEnvironment(PUSHGATEWAY_ENV + "ENABLED", "true")
            .withEnvironment(PUSHGATEWAY_ENV + "ADDRESS", PushgatewayServer.shared().address())
            .withEnvironment(PUSHGATEWAY_ENV + "GROUPINGKEY_SUITE", suite)
            .run(transcribe(config, "--json"));

    // the same night as in process: transcripts, manifests, quarantine reasons
    assertThat(night.exitCode()).as(night.toString()).isEqualTo(3);
    JsonNode summary = JSON.readTree(night.stdout());
    assertThat(summary.get("status").asString()).isEqualTo("COMPLETED_WITH_QUARANTINE");
    assertSameNightAsInProcess(output);

    // run.json says where it ran: Spark, two executors, each loading the model once, every task
    // on its assigned GPU address (on the CPU here: no CUDA), the injected failures retried
    JsonNode environment = runRecord(output).get("environment");
    assertThat(environment.get("runner").asString()).isEqualTo("spark");
    assertThat(environment.get("spark.version").asString()).startsWith("4.");
    assertThat(environment.get("spark.master").asString()).isEqualTo(cluster.masterUrl());
    assertThat(environment.get("spark.executors").asString()).isEqualTo("2");
    assertThat(environment.get("model.loads").asString()).isEqualTo("2 on 2 executors");
    String devices = environment.get("devices").asString();
    Matcher assigned = Pattern.compile(": cpu \\(assigned gpu ([01])\\)").matcher(devices);
    int tasks = 0;
    while (assigned.find()) {
      tasks++;
    }
    assertThat(tasks).as(devices).isPositive().isEqualTo(devices.split("; ").length);
    Matcher attempts =
        Pattern.compile("(\\d+) attempts, (\\d+) failed or killed")
            .matcher(environment.get("spark.tasks").asString());
    assertThat(attempts.find()).isTrue();
    // each first attempt failed after writing its transcripts, and its retry's result counted
    assertThat(Integer.parseInt(attempts.group(2))).isEqualTo(tasks);
    assertThat(Integer.parseInt(attempts.group(1))).isEqualTo(2 * tasks);

    // the driver pushed the night as an in-process night does: Prometheus answers run.json's
    // counts, audio and wall time, the failed first attempts not counted twice
    assertPushedAsRunJsonSays(suite, runRecord(output));

    // one MLflow run for it
    String runId = summary.get("runId").asString();
    var mlflow = MlflowClient.create(MlflowServer.shared().trackingUri(), null);
    JsonNode mlflowRecord = runRecord(output).get("mlflow");
    String experiment = mlflow.getRun(mlflowRecord.get("runId").asString()).experimentId();
    assertThat(mlflow.searchRunsByTag(experiment, "nightscribe.run_id", runId)).hasSize(1);

    // firing it again does nothing, on Spark or in process
    var again = nightscribe("gpu").run(transcribe(config));
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.stdout()).startsWith("Nothing to do: calls " + NIGHT);
    var inProcessAgain = nightscribe("gpu").run(transcribe(config, "--runner", "in-process"));
    assertThat(inProcessAgain.stdout()).startsWith("Nothing to do: calls " + NIGHT);

    // the in-process replayer reproduces the Spark run
    var replay = nightscribe("gpu").run("replay", runId, "--json", "--config", config.toString());
    assertThat(replay.exitCode()).as(replay.toString()).isZero();
    assertThat(JSON.readTree(replay.stdout()).get("verdict").asString()).isEqualTo("IDENTICAL");
  }

  @Test
  void aSpeculativeCopyOnTheOtherHostLeavesExactlyOneOutputPerInput() throws Exception {
    StorageUri output = newOutput("speculative");
    String spark =
        """
        runner: spark
              spark:
                master: %s
                executors: 2
                executor-cores: 2
                executor-memory: 768m
                conf:
                  spark.speculation: "true"
                  spark.speculation.interval: 200ms
                  spark.speculation.multiplier: "1.2"
                  spark.speculation.quantile: "0.5"
                  spark.speculation.minTaskRuntime: 1s
                  spark.nightscribe.faults.holdFirstAttemptOfPartitionZeroMillis: "60000"
        """
            .formatted(cluster.masterUrl());

    var night = nightscribe("speculative").run(transcribe(config("speculative", output, spark)));

    assertThat(night.exitCode()).as(night.toString()).isEqualTo(3);
    assertSameNightAsInProcess(output);
    String tasks = runRecord(output).get("environment").get("spark.tasks").asString();
    assertThat(tasks).doesNotContain(" 0 speculative");
  }

  @Test
  void aDriverKilledMidNightIsResumedByTheNextFiringWithOnlyTheInputsNoTaskReported()
      throws Exception {
    StorageUri output = newOutput("killed");
    String spark =
        """
        runner: spark
              spark:
                master: %s
                executors: 1
                executor-cores: 1
                executor-memory: 768m
        """
            .formatted(cluster.masterUrl());
    Path config = config("killed", output, spark);
    NightscribeProcess nightscribe = nightscribe("killed");

    // when the driver has recorded the first of its two partitions, it is killed with SIGKILL
    var running = nightscribe.start(transcribe(config));
    awaitLine(running.stderr(), Pattern.compile("partition \\d+ done on executor"));
    // the driver is the one child of nightscribe (SparkSubmit in client mode)
    List<ProcessHandle> children = running.process().children().toList();
    assertThat(children).hasSize(1);
    ProcessHandle driver = children.get(0);
    driver.destroyForcibly();
    var killed = running.await();

    // then the night failed, naming the driver's end, and firing it again finishes it with only
    // what no task had reported
    assertThat(killed.exitCode()).as(killed.toString()).isEqualTo(1);
    assertThat(killed.stderr()).contains("failed (driver exit 137)");
    var again = nightscribe.run(transcribe(config));
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(3);
    Matcher planned =
        Pattern.compile("(\\d+) inputs in \\d+ Spark partitions").matcher(again.stderr());
    assertThat(planned.find()).as(again.stderr()).isTrue();
    assertThat(Integer.parseInt(planned.group(1))).isPositive().isLessThan(samples.keys().size());
    assertSameNightAsInProcess(output);
  }

  @Test
  void moreGpusPerExecutorThanAnyWorkerHasIsRefusedAtOnce() throws Exception {
    StorageUri output = newOutput("impossible");
    String spark =
        """
        runner: spark
              spark:
                master: %s
                executors: 1
                executor-cores: 1
                executor-memory: 768m
                gpus-per-executor: 8
                conf:
                  spark.nightscribe.masterWebUi: %s
        """
            .formatted(cluster.masterUrl(), cluster.masterWebUi());
    long started = System.nanoTime();

    var night = nightscribe("impossible").run(transcribe(config("impossible", output, spark)));

    assertThat(night.exitCode()).as(night.toString()).isEqualTo(2);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(1));
    assertThat(lastLine(night.stderr()))
        .contains("each executor asks for 8 GPUs and no worker has that many")
        .contains("127.0.0.1 2")
        .contains("lower gpus-per-executor");
    assertThat(new StoredObjects(stores.forUri(output)).under(output)).isEmpty();
  }

  private void assertPushedAsRunJsonSays(String suite, JsonNode runJson) {
    PrometheusServer prometheus = PrometheusServer.shared();
    Duration wait = Duration.ofSeconds(30);
    String night = "pipeline=\"calls\",suite=\"" + suite + "\",runner=\"spark\"";
    // the end-of-night speed exists only in the final push: once Prometheus has it, it has all
    double speed = prometheus.awaitValue("nightscribe_night_realtime_speed{" + night + "}", wait);
    double transcribed =
        prometheus.awaitValue(
            "sum(nightscribe_objects_total{" + night + ",outcome=\"transcribed\"})", wait);
    double audioSeconds =
        prometheus.awaitValue("sum(nightscribe_audio_seconds_total{" + night + "})", wait);
    double duration =
        prometheus.awaitValue("nightscribe_night_duration_seconds{" + night + "}", wait);

    assertThat(transcribed)
        .isEqualTo(runJson.at("/counts/transcribed").asDouble())
        .isEqualTo(samples.speechKeys().size());
    assertThat(
            prometheus.awaitValue(
                "sum(nightscribe_objects_total{" + night + ",outcome=\"quarantined\"})", wait))
        .isEqualTo(runJson.at("/counts/quarantined").asDouble())
        .isEqualTo(samples.badKeys().size());
    assertThat(audioSeconds)
        .isPositive()
        .isCloseTo(runJson.at("/metrics/audioSeconds").asDouble(), within(1e-6));
    double wallSeconds = runJson.at("/metrics/wallSeconds").asDouble();
    assertThat(duration).isCloseTo(wallSeconds, within(1e-9));
    assertThat(speed)
        .isCloseTo(runJson.at("/metrics/audioSeconds").asDouble() / wallSeconds, within(1e-9));
  }

  private void assertSameNightAsInProcess(StorageUri output) {
    StoredObjects stored = new StoredObjects(stores.forUri(output));
    Map<String, byte[]> expected =
        new StoredObjects(stores.forUri(inProcessOutput))
            .under(inProcessOutput.resolve("calls/date=" + NIGHT + "/"));
    Map<String, byte[]> actual = stored.under(output.resolve("calls/date=" + NIGHT + "/"));
    assertThat(expected).hasSize(samples.speechKeys().size());
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((key, bytes) -> assertThat(actual.get(key)).as(key).isEqualTo(bytes));
    for (String manifest : List.of("inputs.jsonl", "outputs.jsonl", "errors.jsonl")) {
      assertThat(new String(runFile(output, manifest)))
          .as(manifest)
          .isEqualTo(new String(runFile(inProcessOutput, manifest)));
    }
  }

  private NightscribeProcess.Finished night(String name, StorageUri output, String runner)
      throws Exception {
    return nightscribe(name).run(transcribe(config(name, output, runner)));
  }

  private NightscribeProcess nightscribe(String name) {
    return new NightscribeProcess(workDir.resolve(name))
        .withS3(s3)
        .withEnvironment("NIGHTSCRIBE_SPARK_APPLICATION", property("nightscribe.spark.application"))
        .withEnvironment(
            "NIGHTSCRIBE_SPARK_APPLICATIONCLASSPATH",
            property("nightscribe.spark.application-classpath"))
        .withEnvironment(
            "NIGHTSCRIBE_SPARK_RUNTIMECLASSPATH",
            property(SparkCluster.CLASSPATH_PROPERTY).substring(1));
  }

  private static String[] transcribe(Path config, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "transcribe",
                "--pipeline",
                "calls",
                "--date",
                NIGHT,
                "--config",
                config.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private StorageUri newOutput(String name) {
    return StorageUri.parse("s3://" + S3ProxyServer.shared().createUniqueBucket(name) + "/");
  }

  private Path config(String name, StorageUri output, String runner) throws Exception {
    PostgresServer postgres = PostgresServer.shared();
    String ledger = postgres.newDatabase(name + "_" + Long.toHexString(System.nanoTime()));
    Files.createDirectories(workDir.resolve(name));
    return Files.writeString(
        workDir.resolve(name).resolve("nightscribe.yml"),
        """
        nightscribe:
          home: %s
          model-cache: %s
          mlflow:
            tracking-uri: %s
          pipelines:
            calls:
              input: s3://%s/calls/{date:yyyy/MM/dd}/
              output: %s
              %s
        spring:
          datasource:
            url: %s
            username: %s
            password: %s
        """
            .formatted(
                workDir.resolve(name).resolve("home"),
                workDir.resolve("models"),
                MlflowServer.shared().trackingUri(),
                raw,
                output,
                runner.strip(),
                ledger,
                postgres.user(),
                postgres.password()));
  }

  private JsonNode runRecord(StorageUri root) {
    return JSON.readTree(runFile(root, "run.json"));
  }

  private byte[] runFile(StorageUri root, String name) {
    Map<String, byte[]> runs =
        new TreeMap<>(new StoredObjects(stores.forUri(root)).under(root.resolve("_runs/")));
    String key =
        runs.keySet().stream().filter(k -> k.endsWith("/" + name)).findFirst().orElseThrow();
    return runs.get(key);
  }

  private static void awaitLine(Path log, Pattern line) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && line.matcher(Files.readString(log)).find()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("No line matching " + line + " in " + log + " within 3 minutes");
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1];
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "System property " + name + " is not set: run integration tests through 'mvn verify'");
    }
    return value;
  }
}
