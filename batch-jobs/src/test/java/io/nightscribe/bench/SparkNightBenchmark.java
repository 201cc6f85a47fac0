package io.nightscribe.bench;

import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.testsupport.PostgresServer;
import io.nightscribe.testsupport.S3Endpoint;
import io.nightscribe.testsupport.S3ProxyServer;
import io.nightscribe.testsupport.SparkCluster;
import io.nightscribe.testsupport.SparkWorkerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * The same night in process and on a Spark standalone cluster of the same cores (one worker on
 * 127.0.0.1, one executor with all its cores), S3 to S3 with the ledgers in PostgreSQL, whole
 * {@code nightscribe} processes timed in turn, RUNS times each. The folder is uploaded COPIES times
 * (under different keys) to make a night long enough for Spark's fixed cost to matter little.
 * Samples the executor's resident memory. Prints {@code inprocess <audioSeconds> <medianSeconds>}
 * and {@code spark <audioSeconds> <medianSeconds> <ratio> <modelLoads> <executorPeakMiB> <tasks>}.
 *
 * <p>Usage: {@code SparkNightBenchmark FOLDER COPIES CORES RUNS} with the system properties the
 * Spark tests take ({@code nightscribe.spark.classpath}, {@code .application}, {@code
 * .application-classpath}).
 */
public final class SparkNightBenchmark {
  private SparkNightBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: SparkNightBenchmark FOLDER COPIES CORES RUNS");
      System.exit(2);
    }
    Path folder = Path.of(args[0]);
    int copies = Integer.parseInt(args[1]);
    int cores = Integer.parseInt(args[2]);
    int runs = Integer.parseInt(args[3]);
    S3Endpoint s3 = S3ProxyServer.shared().endpoint();
    String raw = S3ProxyServer.shared().createUniqueBucket("bench-raw");
    Path work = Files.createTempDirectory("nightscribe-spark-bench-");
    try (ObjectStores stores =
            ObjectStores.withS3Endpoint(s3.uri(), s3.accessKeyId(), s3.secretAccessKey());
        SparkCluster cluster =
            SparkCluster.start(List.of(SparkWorkerSpec.onHost("127.0.0.1", cores, 6144)))) {
      StorageUri input = StorageUri.parse("s3://" + raw + "/night/");
      for (int copy = 0; copy < copies; copy++) {
        NightlyJobBenchmark.upload(folder, stores, input.resolve("copy-" + copy + "/"));
      }
      double[] inProcess = new double[runs];
      double[] onSpark = new double[runs];
      double audioSeconds = 0;
      long executorPeakKib = 0;
      String loads = "";
      String tasks = "";
      for (int run = 0; run < runs; run++) {
        // alternate which goes first: a shared machine's load drifts
        for (boolean spark :
            run % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
          String out = "s3://" + S3ProxyServer.shared().createUniqueBucket("bench-out") + "/";
          Path dir = Files.createDirectories(work.resolve((spark ? "spark-" : "inprocess-") + run));
          Path config = config(dir, cores, cluster.masterUrl());
          var process = nightscribe(dir, s3);
          long started = System.nanoTime();
          var running =
              spark
                  ? process.start(
                      "transcribe",
                      "--input",
                      input.toString(),
                      "--output",
                      out,
                      "--runner",
                      "spark",
                      "--config",
                      config.toString())
                  : process.start(
                      "transcribe",
                      "--input",
                      input.toString(),
                      "--output",
                      out,
                      "--config",
                      config.toString());
          while (running.process().isAlive()) {
            for (ProcessHandle executor : cluster.workers().get(0).executors()) {
              long[] memory = NightlyJobBenchmark.memoryKib(executor.pid());
              if (memory != null) {
                executorPeakKib = Math.max(executorPeakKib, memory[1]);
              }
            }
            Thread.sleep(250);
          }
          double seconds = (System.nanoTime() - started) / 1e9;
          var finished = running.await();
          if (finished.exitCode() != 0 && finished.exitCode() != 3) {
            throw new IllegalStateException("The night failed: " + finished);
          }
          JsonNode record = NightlyJobBenchmark.runRecord(stores, out);
          audioSeconds = record.get("metrics").get("audioSeconds").asDouble();
          if (spark) {
            onSpark[run] = seconds;
            loads = record.get("environment").get("model.loads").asString().split(" ")[0];
            tasks = record.get("environment").get("spark.tasks").asString().split(" ")[0];
          } else {
            inProcess[run] = seconds;
          }
        }
      }
      double local = NightlyJobBenchmark.median(inProcess);
      double distributed = NightlyJobBenchmark.median(onSpark);
      System.out.printf(Locale.ROOT, "inprocess %.1f %.2f%n", audioSeconds, local);
      System.out.printf(
          Locale.ROOT,
          "spark %.1f %.2f %.3f %s %.0f %s%n",
          audioSeconds,
          distributed,
          distributed / local,
          loads,
          executorPeakKib / 1024.0,
          tasks);
    }
    System.exit(0);
  }

  private static NightscribeProcess nightscribe(Path dir, S3Endpoint s3) {
    return new NightscribeProcess(dir)
        .withS3(s3)
        .withEnvironment("NIGHTSCRIBE_SPARK_APPLICATION", property("nightscribe.spark.application"))
        .withEnvironment(
            "NIGHTSCRIBE_SPARK_APPLICATIONCLASSPATH",
            property("nightscribe.spark.application-classpath"))
        .withEnvironment(
            "NIGHTSCRIBE_SPARK_RUNTIMECLASSPATH",
            property(SparkCluster.CLASSPATH_PROPERTY).replaceFirst("^@", ""));
  }

  private static Path config(Path dir, int cores, String master) throws Exception {
    PostgresServer postgres = PostgresServer.shared();
    String ledger = postgres.newDatabase("bench_" + Long.toHexString(System.nanoTime()));
    return Files.writeString(
        dir.resolve("nightscribe.yml"),
        """
        nightscribe:
          home: %s
          workers: %d
          spark:
            ad-hoc:
              master: %s
              executors: 1
              executor-cores: %d
              executor-memory: 3g
        spring:
          datasource:
            url: %s
            username: %s
            password: %s
        """
            .formatted(
                dir.resolve("home"),
                cores,
                master,
                cores,
                ledger,
                postgres.user(),
                postgres.password()));
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("Set -D" + name + " (scripts/bench.sh does)");
    }
    return value;
  }
}
