package io.nightscribe.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a night costs before and after its work: a night of one short recording run through
 * scripts/nightscribe as it starts by default (from its class-data-sharing archive) and as a plain
 * jar ({@code NIGHTSCRIBE_CDS=0}), taking turns, RUNS times each, fresh ledger each run. The
 * archive of the build is made before timing (once per build). Prints markdown.
 *
 * <p>Usage: {@code StartupBenchmark FOLDER RUNS} (FOLDER holds the one recording) with system
 * property {@code nightscribe.launcher}.
 */
public final class StartupBenchmark {
  private StartupBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]).toAbsolutePath();
    int runs = Integer.parseInt(args[1]);
    Path work = Files.createTempDirectory("nightscribe-startup-");
    List<TimedProcess> archived = new ArrayList<>();
    List<TimedProcess> plain = new ArrayList<>();
    night(folder, work.resolve("warm-up"), Map.of());
    for (int run = 0; run < runs; run++) {
      archived.add(night(folder, work.resolve("archived-" + run), Map.of()));
      plain.add(night(folder, work.resolve("plain-" + run), Map.of("NIGHTSCRIBE_CDS", "0")));
    }
    TimedProcess fast = TimedProcess.medians(archived);
    TimedProcess slow = TimedProcess.medians(plain);
    System.out.println("| a night of one short recording | wall s | CPU s | peak MiB |");
    System.out.println("|---|---:|---:|---:|");
    System.out.printf(
        Locale.ROOT,
        "| plain jar (NIGHTSCRIBE_CDS=0) | %.2f | %.2f | %.0f |%n",
        slow.wallSeconds(),
        slow.cpuSeconds(),
        slow.peakMib());
    System.out.printf(
        Locale.ROOT,
        "| class-data-sharing archive (default) | %.2f | %.2f | %.0f |%n",
        fast.wallSeconds(),
        fast.cpuSeconds(),
        fast.peakMib());
    System.out.printf(Locale.ROOT, "%nMedians of %d runs taking turns.%n", runs);
  }

  private static TimedProcess night(Path folder, Path runDir, Map<String, String> environment)
      throws Exception {
    Files.createDirectories(runDir);
    Path config =
        Files.writeString(
            runDir.resolve("nightscribe.yml"),
            "nightscribe:\n  home: %s\nlogging:\n  level:\n    io.nightscribe: WARN\n"
                .formatted(runDir.resolve("home")));
    return TimedProcess.run(
        List.of(
            System.getProperty("nightscribe.launcher"),
            "transcribe",
            "--input",
            "file://" + folder + "/",
            "--output",
            "file://" + runDir.resolve("out") + "/",
            "--config",
            config.toString()),
        environment,
        runDir.resolve("night.log"));
  }
}
