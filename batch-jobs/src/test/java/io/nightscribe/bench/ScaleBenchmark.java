package io.nightscribe.bench;

import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.batch.testing.TinyNight;
import io.nightscribe.testsupport.PostgresServer;
import io.nightscribe.testsupport.S3Endpoint;
import io.nightscribe.testsupport.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Nights of many tiny recordings (one 0.4 s word each, {@link TinyNight}) from S3 to S3 with the
 * ledger in PostgreSQL, as a CronJob runs them: for each size, the objects uploaded to an S3 server
 * on loopback, then the application jar run as its own process on a fresh ledger database, RUNS
 * times. Samples the process's peak resident memory (VmHWM) ten times a second, and reads the run's
 * stage times from its log: planning (listing and ledger), transcription (read, decode, engine,
 * transcript write, ledger update of every object), finishing (manifests, run.json).
 *
 * <p>Prints per size {@code scale <objects> <uploadSeconds> <medianProcessSeconds>
 * <medianRunSeconds> <medianPlanMs> <medianTranscribeMs> <medianFinishMs> <medianPeakRssMiB>
 * <minPeakRssMiB> <maxPeakRssMiB>}.
 *
 * <p>Usage: {@code ScaleBenchmark WORKERS RUNS OBJECTS...}
 */
public final class ScaleBenchmark {
  private static final Pattern PLANNED =
      Pattern.compile("planned \\d+ inputs under \\S+ in (\\d+) ms");
  private static final Pattern TRANSCRIBED =
      Pattern.compile("inputs transcribed or quarantined in (\\d+) ms");
  private static final Pattern FINISHED = Pattern.compile("manifests and record in (\\d+) ms");

  private ScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: ScaleBenchmark WORKERS RUNS OBJECTS...");
      System.exit(2);
    }
    int workers = Integer.parseInt(args[0]);
    int runs = Integer.parseInt(args[1]);
    S3Endpoint s3 = S3ProxyServer.shared().endpoint();
    PostgresServer postgres = PostgresServer.shared();
    Path work = Files.createTempDirectory("nightscribe-scale-");
    try (ObjectStores stores =
        ObjectStores.withS3Endpoint(s3.uri(), s3.accessKeyId(), s3.secretAccessKey())) {
      for (int size = 2; size < args.length; size++) {
        int objects = Integer.parseInt(args[size]);
        String raw = S3ProxyServer.shared().createUniqueBucket("scale-raw");
        StorageUri input = StorageUri.parse("s3://" + raw + "/night/");
        long uploadStarted = System.nanoTime();
        TinyNight.upload(stores.forUri(input), input, TinyNight.keys(objects));
        double uploadSeconds = (System.nanoTime() - uploadStarted) / 1e9;
        double[] process = new double[runs];
        double[] run = new double[runs];
        double[] plan = new double[runs];
        double[] transcribe = new double[runs];
        double[] finish = new double[runs];
        double[] peak = new double[runs];
        for (int i = 0; i < runs; i++) {
          String out = S3ProxyServer.shared().createUniqueBucket("scale-out");
          Path runDir = Files.createDirectories(work.resolve(objects + "-" + i));
          String ledger = postgres.newDatabase("scale_" + Long.toHexString(System.nanoTime()));
          Path config =
              Files.writeString(
                  runDir.resolve("nightscribe.yml"),
                  """
                  nightscribe:
                    home: %s
                    workers: %d
                  spring:
                    datasource:
                      url: %s
                      username: %s
                      password: %s
                  """
                      .formatted(
                          runDir.resolve("home"),
                          workers,
                          ledger,
                          postgres.user(),
                          postgres.password()));
          long started = System.nanoTime();
          var running =
              new NightscribeProcess(runDir)
                  .withS3(s3)
                  .start(
                      "transcribe",
                      "--input",
                      input.toString(),
                      "--output",
                      "s3://" + out + "/",
                      "--config",
                      config.toString());
          long pid = running.process().pid();
          long peakKib = 0;
          while (running.process().isAlive()) {
            long[] memory = NightlyJobBenchmark.memoryKib(pid);
            if (memory != null) {
              peakKib = Math.max(peakKib, memory[1]);
            }
            Thread.sleep(100);
          }
          process[i] = (System.nanoTime() - started) / 1e9;
          var finished = running.await();
          if (finished.exitCode() != 0) {
            throw new IllegalStateException("The night of " + objects + " failed: " + finished);
          }
          JsonNode record = NightlyJobBenchmark.runRecord(stores, "s3://" + out + "/");
          if (record.get("counts").get("transcribed").asInt() != objects) {
            throw new IllegalStateException(
                "The night of " + objects + " transcribed " + record.get("counts"));
          }
          run[i] = record.get("metrics").get("wallSeconds").asDouble();
          plan[i] = stageMillis(PLANNED, finished.stderr());
          transcribe[i] = stageMillis(TRANSCRIBED, finished.stderr());
          finish[i] = stageMillis(FINISHED, finished.stderr());
          peak[i] = peakKib / 1024.0;
          System.err.printf(
              Locale.ROOT,
              "scale: %d objects, run %d: %.1f s, plan %.0f ms, transcribe %.0f ms, finish %.0f ms,"
                  + " peak %.0f MiB%n",
              objects,
              i + 1,
              process[i],
              plan[i],
              transcribe[i],
              finish[i],
              peak[i]);
        }
        double[] peaks = peak.clone();
        java.util.Arrays.sort(peaks);
        System.out.printf(
            Locale.ROOT,
            "scale %d %.1f %.2f %.2f %.0f %.0f %.0f %.0f %.0f %.0f%n",
            objects,
            uploadSeconds,
            NightlyJobBenchmark.median(process),
            NightlyJobBenchmark.median(run),
            NightlyJobBenchmark.median(plan),
            NightlyJobBenchmark.median(transcribe),
            NightlyJobBenchmark.median(finish),
            NightlyJobBenchmark.median(peak),
            peaks[0],
            peaks[peaks.length - 1]);
      }
    }
    System.exit(0);
  }

  private static double stageMillis(Pattern stage, String log) {
    Matcher matcher = stage.matcher(log);
    if (!matcher.find()) {
      throw new IllegalStateException("No '" + stage + "' in the night's log");
    }
    return Double.parseDouble(matcher.group(1));
  }
}
