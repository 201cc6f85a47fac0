package io.nightscribe.bench;

import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.testsupport.S3Endpoint;
import io.nightscribe.testsupport.S3ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole nightly job from S3 to S3, as a CronJob runs it: the folder uploaded to an S3 server on
 * loopback, then the application jar run as its own process on a fresh ledger, RUNS times. Samples
 * the process's resident memory twice a second. Prints {@code job <audioSeconds>
 * <medianProcessSeconds> <xRealTime> <medianRunSeconds> <peakRssMiB>}, and with {@code --profile}
 * one {@code rss <seconds> <MiB>} line per sample of the last run.
 *
 * <p>Usage: {@code NightlyJobBenchmark FOLDER WORKERS RUNS [--profile]}
 */
public final class NightlyJobBenchmark {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private NightlyJobBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: NightlyJobBenchmark FOLDER WORKERS RUNS [--profile]");
      System.exit(2);
    }
    Path folder = Path.of(args[0]);
    int workers = Integer.parseInt(args[1]);
    int runs = Integer.parseInt(args[2]);
    boolean profile = args.length > 3 && args[3].equals("--profile");
    S3Endpoint s3 = S3ProxyServer.shared().endpoint();
    String raw = S3ProxyServer.shared().createUniqueBucket("bench-raw");
    try (ObjectStores stores =
        ObjectStores.withS3Endpoint(s3.uri(), s3.accessKeyId(), s3.secretAccessKey())) {
      StorageUri input = StorageUri.parse("s3://" + raw + "/night/");
      upload(folder, stores, input);
      Path work = Files.createTempDirectory("nightscribe-bench-");
      double[] processSeconds = new double[runs];
      double[] runSeconds = new double[runs];
      double audioSeconds = 0;
      long peakRssKib = 0;
      List<long[]> lastProfile = List.of();
      for (int run = 0; run < runs; run++) {
        String out = S3ProxyServer.shared().createUniqueBucket("bench-out");
        Path runDir = work.resolve("run-" + run);
        Path config = Files.createDirectories(runDir).resolve("nightscribe.yml");
        Files.writeString(
            config,
            "nightscribe:\n  home: %s\n  workers: %d\n".formatted(runDir.resolve("home"), workers));
        var process = new NightscribeProcess(runDir).withS3(s3);
        long started = System.nanoTime();
        var running =
            process.start(
                "transcribe",
                "--input",
                input.toString(),
                "--output",
                "s3://" + out + "/",
                "--config",
                config.toString());
        List<long[]> samples = new ArrayList<>();
        long pid = running.process().pid();
        while (running.process().isAlive()) {
          long[] memory = memoryKib(pid);
          if (memory != null) {
            samples.add(new long[] {(System.nanoTime() - started) / 1_000_000, memory[0]});
            peakRssKib = Math.max(peakRssKib, memory[1]);
          }
          Thread.sleep(500);
        }
        processSeconds[run] = (System.nanoTime() - started) / 1e9;
        var finished = running.await();
        if (finished.exitCode() != 0 && finished.exitCode() != 3) {
          throw new IllegalStateException("The job failed: " + finished);
        }
        JsonNode metrics = runRecord(stores, "s3://" + out + "/").get("metrics");
        audioSeconds = metrics.get("audioSeconds").asDouble();
        runSeconds[run] = metrics.get("wallSeconds").asDouble();
        lastProfile = samples;
      }
      double process = median(processSeconds);
      System.out.printf(
          Locale.ROOT,
          "job %.1f %.2f %.2f %.2f %.0f%n",
          audioSeconds,
          process,
          audioSeconds / process,
          median(runSeconds),
          peakRssKib / 1024.0);
      if (profile) {
        for (long[] sample : lastProfile) {
          System.out.printf(Locale.ROOT, "rss %.1f %.0f%n", sample[0] / 1000.0, sample[1] / 1024.0);
        }
      }
    }
    System.exit(0);
  }

  static void upload(Path folder, ObjectStores stores, StorageUri prefix) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        String key = folder.relativize(file).toString().replace('\\', '/');
        stores.forUri(prefix).write(prefix.resolve(key), in);
      }
    }
  }

  static JsonNode runRecord(ObjectStores stores, String outputRoot) {
    StorageUri runs = StorageUri.parse(outputRoot + "_runs/");
    var store = stores.forUri(runs);
    StorageUri record =
        store
            .list(runs)
            .map(info -> info.uri())
            .filter(uri -> uri.key().endsWith("/run.json"))
            .findFirst()
            .orElseThrow();
    return JSON.readTree(store.readAllBytes(record));
  }

  /** VmRSS and VmHWM of a process, in KiB, or null once it is gone. */
  static long[] memoryKib(long pid) {
    try {
      long rss = -1;
      long peak = -1;
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = kib(line);
        } else if (line.startsWith("VmHWM:")) {
          peak = kib(line);
        }
      }
      return rss < 0 ? null : new long[] {rss, peak};
    } catch (IOException e) {
      return null;
    }
  }

  private static long kib(String statusLine) {
    return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
