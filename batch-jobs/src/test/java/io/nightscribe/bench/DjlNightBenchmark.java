package io.nightscribe.bench;

import io.nightscribe.asr.text.WordErrorRate;
import io.nightscribe.asr.transcript.TranscriptJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped DJL CTC model (builtin:nightscribe-ctc-en) on a folder of speech, as a night run
 * through scripts/nightscribe: cut in fixed windows one chunk per forward pass (how every run was
 * made before segmentation at pauses), cut at pauses one chunk per pass, and cut at pauses in the
 * batched modes. Each configuration RUNS times (fresh ledger each run; medians), then a replay of
 * its last run, whose verdict must be IDENTICAL. Prints markdown.
 *
 * <p>Usage: {@code DjlNightBenchmark FOLDER WORKERS RUNS} with system property {@code
 * nightscribe.launcher}; FOLDER holds {@code audio/} and {@code references/} as for {@link
 * PeerBenchmark}.
 */
public final class DjlNightBenchmark {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String DATE = "2026-12-01";

  /** A pipeline's decoding block, and what it is called in the table. */
  private record Configuration(String name, String segmentation, String batching) {}

  private static final List<Configuration> CONFIGURATIONS =
      List.of(
          new Configuration("fixed windows, single (before)", "fixed-windows", "single"),
          new Configuration("at pauses, single", "pauses", "single"),
          new Configuration("at pauses, sorted (default)", "pauses", ""),
          new Configuration("at pauses, padded", "pauses", "padded"));

  private DjlNightBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]).toAbsolutePath();
    int workers = Integer.parseInt(args[1]);
    int runs = Integer.parseInt(args[2]);
    Path work = Files.createTempDirectory("nightscribe-djl-night-");
    Path night = Files.createDirectories(work.resolve("night"));
    Files.createSymbolicLink(night.resolve(DATE), folder.resolve("audio"));
    double audioSeconds = 0;
    System.out.println(
        "| configuration | wall s | CPU s | x real time (wall) | peak MiB | WER | replay of the last"
            + " run |");
    System.out.println("|---|---:|---:|---:|---:|---:|---|");
    for (int c = 0; c < CONFIGURATIONS.size(); c++) {
      Configuration configuration = CONFIGURATIONS.get(c);
      List<TimedProcess> timings = new ArrayList<>();
      Path config = null;
      String runId = null;
      for (int run = 0; run < runs; run++) {
        Path runDir = Files.createDirectories(work.resolve("c" + c + "-run-" + run));
        config = config(runDir, night, workers, configuration);
        timings.add(
            TimedProcess.run(
                List.of(
                    launcher(),
                    "transcribe",
                    "--pipeline",
                    "calls",
                    "--date",
                    DATE,
                    "--json",
                    "--config",
                    config.toString()),
                Map.of(),
                runDir.resolve("transcribe.log")));
        String output = lastLine(runDir.resolve("transcribe.log"));
        runId = JSON.readTree(output).get("runId").asString();
        audioSeconds = runAudioSeconds(runDir.resolve("out"));
      }
      Path lastRun = work.resolve("c" + c + "-run-" + (runs - 1));
      String verdict = replay(runId, config, lastRun);
      TimedProcess median = TimedProcess.medians(timings);
      System.out.printf(
          Locale.ROOT,
          "| %s | %.1f | %.1f | %.1f | %.0f | %.4f | %s |%n",
          configuration.name(),
          median.wallSeconds(),
          median.cpuSeconds(),
          audioSeconds / median.wallSeconds(),
          median.peakMib(),
          wordErrorRate(folder, lastRun.resolve("out/calls/date=" + DATE)),
          verdict);
    }
    System.out.printf(
        Locale.ROOT,
        "%n%.0f s of audio, %d workers, medians of %d runs.%n",
        audioSeconds,
        workers,
        runs);
  }

  private static Path config(Path runDir, Path night, int workers, Configuration configuration)
      throws Exception {
    String options =
        configuration.batching().isEmpty()
            ? ""
            : "        options:\n          batching: " + configuration.batching() + "\n";
    return Files.writeString(
        runDir.resolve("nightscribe.yml"),
        """
        nightscribe:
          home: %s
          workers: %d
          pipelines:
            calls:
              input: file://%s/{date}/
              output: file://%s/
              model: builtin:nightscribe-ctc-en
              decoding:
                segmentation: %s
        %slogging:
          level:
            io.nightscribe: WARN
        """
            .formatted(
                runDir.resolve("home"),
                workers,
                night,
                runDir.resolve("out"),
                configuration.segmentation(),
                options));
  }

  private static String replay(String runId, Path config, Path runDir) throws Exception {
    Path log = runDir.resolve("replay.log");
    Process replay =
        new ProcessBuilder(launcher(), "replay", runId, "--json", "--config", config.toString())
            .redirectErrorStream(false)
            .redirectOutput(log.toFile())
            .redirectError(runDir.resolve("replay.err").toFile())
            .start();
    replay.waitFor();
    return JSON.readTree(lastLine(log)).get("verdict").asString();
  }

  private static double wordErrorRate(Path folder, Path transcripts) throws Exception {
    long errors = 0;
    long words = 0;
    try (Stream<Path> references = Files.list(folder.resolve("references"))) {
      for (Path reference : references.sorted().toList()) {
        String name = reference.getFileName().toString().replaceFirst("\\.txt$", "");
        Path transcript = transcripts.resolve(name + ".json");
        String text =
            Files.isRegularFile(transcript)
                ? TranscriptJson.decode(Files.readAllBytes(transcript)).text()
                : "";
        WordErrorRate wer = WordErrorRate.of(Files.readString(reference), text);
        errors += wer.errors();
        words += wer.referenceWords();
      }
    }
    return (double) errors / words;
  }

  /** The audio the run transcribed, from its run record. */
  private static double runAudioSeconds(Path output) throws Exception {
    try (Stream<Path> records = Files.walk(output.resolve("_runs"))) {
      Path record = records.filter(file -> file.endsWith("run.json")).findFirst().orElseThrow();
      return JSON.readTree(Files.readAllBytes(record))
          .get("metrics")
          .get("audioSeconds")
          .asDouble();
    }
  }

  private static String lastLine(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file);
    return lines.get(lines.size() - 1);
  }

  private static String launcher() {
    return System.getProperty("nightscribe.launcher");
  }
}
