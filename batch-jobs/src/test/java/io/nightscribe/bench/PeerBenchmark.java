package io.nightscribe.bench;

import io.nightscribe.asr.evaluation.ModelComparison;
import io.nightscribe.asr.evaluation.UtteranceScore;
import io.nightscribe.asr.text.WordErrorRate;
import io.nightscribe.asr.transcript.TranscriptJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * nightscribe against the Vosk project's own command-line transcriber, {@code vosk-transcriber}
 * (PyPI {@code vosk}), on the same folder with the same model and the same parallelism: each a
 * whole process timed by GNU time (wall, CPU of the process and its children, peak resident memory
 * of the largest), taking turns within each run (nightscribe first in odd runs, the peer first in
 * even ones) so drift on a shared machine hits both. Then each transcript against its reference:
 * word error rates per slice and overall, and a paired bootstrap interval of nightscribe's WER
 * minus the peer's.
 *
 * <p>The folder holds {@code audio/NAME} and {@code references/NAME.txt} (scripts/prepare-calls.sh
 * makes it); a slice is a name's first two dash-separated parts ({@code 8k-call}). nightscribe runs
 * as a user runs it, through scripts/nightscribe with a fresh ledger each run; the peer writes
 * {@code STEM.txt} per input ({@code -t json} crashes in vosk 0.3.45). Prints markdown.
 *
 * <p>Usage: {@code PeerBenchmark FOLDER WORKERS RUNS} with system properties {@code
 * nightscribe.launcher} (scripts/nightscribe), {@code peer.command} (the vosk-transcriber
 * executable) and {@code peer.model} (the Vosk model folder nightscribe's built-in model unpacks
 * to).
 */
public final class PeerBenchmark {
  private static final int BOOTSTRAP_SAMPLES = 2_000;

  private PeerBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: PeerBenchmark FOLDER WORKERS RUNS");
      System.exit(2);
    }
    Path folder = Path.of(args[0]).toAbsolutePath();
    int workers = Integer.parseInt(args[1]);
    int runs = Integer.parseInt(args[2]);
    Path work = Files.createTempDirectory("nightscribe-peer-bench-");
    List<String> names = referenceNames(folder);
    double audioSeconds = audioSeconds(folder.resolve("audio"));
    List<TimedProcess> ours = new ArrayList<>();
    List<TimedProcess> peers = new ArrayList<>();
    List<List<UtteranceScore>> ourScores = new ArrayList<>();
    List<List<UtteranceScore>> peerScores = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      Path runDir = Files.createDirectories(work.resolve("run-" + run));
      boolean oursFirst = run % 2 == 0;
      for (boolean nightscribe : oursFirst ? List.of(true, false) : List.of(false, true)) {
        if (nightscribe) {
          ours.add(nightscribe(folder, runDir, workers));
          ourScores.add(scores(folder, names, name -> ourText(runDir.resolve("ours"), name)));
        } else {
          peers.add(peer(folder, runDir, workers));
          peerScores.add(scores(folder, names, name -> peerText(runDir.resolve("peer"), name)));
        }
      }
    }
    print(audioSeconds, names.size(), workers, ours, peers, ourScores, peerScores);
  }

  private static TimedProcess nightscribe(Path folder, Path runDir, int workers) throws Exception {
    Path config = runDir.resolve("nightscribe.yml");
    Files.writeString(
        config,
        "nightscribe:\n  home: %s\n  workers: %d\nlogging:\n  level:\n    io.nightscribe: WARN\n"
            .formatted(runDir.resolve("home"), workers));
    return TimedProcess.run(
        List.of(
            System.getProperty("nightscribe.launcher"),
            "transcribe",
            "--input",
            "file://" + folder.resolve("audio") + "/",
            "--output",
            "file://" + runDir.resolve("ours") + "/",
            "--config",
            config.toString()),
        Map.of(),
        runDir.resolve("ours.log"));
  }

  private static TimedProcess peer(Path folder, Path runDir, int workers) throws Exception {
    Files.createDirectories(runDir.resolve("peer"));
    return TimedProcess.run(
        List.of(
            System.getProperty("peer.command"),
            "-m",
            System.getProperty("peer.model"),
            "-i",
            folder.resolve("audio").toString(),
            "-o",
            runDir.resolve("peer").toString(),
            "-t",
            "txt",
            "--tasks",
            Integer.toString(workers),
            "--log-level",
            "WARNING"),
        Map.of(),
        runDir.resolve("peer.log"));
  }

  /** Each reference's name, sorted: the key of an input and of its transcripts. */
  private static List<String> referenceNames(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder.resolve("references"))) {
      return files
          .map(file -> file.getFileName().toString())
          .map(name -> name.substring(0, name.length() - ".txt".length()))
          .sorted()
          .toList();
    }
  }

  private static List<UtteranceScore> scores(Path folder, List<String> names, TextReader hypotheses)
      throws IOException {
    List<UtteranceScore> scores = new ArrayList<>();
    for (String name : names) {
      String reference = Files.readString(folder.resolve("references").resolve(name + ".txt"));
      WordErrorRate wer = WordErrorRate.of(reference, hypotheses.read(name));
      String[] parts = name.split("-");
      scores.add(
          new UtteranceScore(name, parts[0] + "-" + parts[1], wer.errors(), wer.referenceWords()));
    }
    return scores;
  }

  /** A transcript's text, empty when the input has none. */
  @FunctionalInterface
  private interface TextReader {
    String read(String name) throws IOException;
  }

  private static String ourText(Path output, String name) throws IOException {
    Path transcript = output.resolve(name + ".json");
    return Files.isRegularFile(transcript)
        ? TranscriptJson.decode(Files.readAllBytes(transcript)).text()
        : "";
  }

  private static String peerText(Path output, String name) throws IOException {
    Path text = output.resolve(name.substring(0, name.lastIndexOf('.')) + ".txt");
    return Files.isRegularFile(text) ? Files.readString(text, StandardCharsets.UTF_8) : "";
  }

  /** Sums the durations ffprobe gives for every file. */
  private static double audioSeconds(Path audio) throws Exception {
    double seconds = 0;
    try (Stream<Path> files = Files.list(audio)) {
      for (Path file : files.sorted().toList()) {
        Process probe =
            new ProcessBuilder(
                    "ffprobe",
                    "-v",
                    "error",
                    "-show_entries",
                    "format=duration",
                    "-of",
                    "csv=p=0",
                    file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        probe.waitFor();
        seconds += Double.parseDouble(out.trim());
      }
    }
    return seconds;
  }

  private static void print(
      double audioSeconds,
      int inputs,
      int workers,
      List<TimedProcess> ours,
      List<TimedProcess> peers,
      List<List<UtteranceScore>> ourScores,
      List<List<UtteranceScore>> peerScores) {
    TimedProcess us = TimedProcess.medians(ours);
    TimedProcess them = TimedProcess.medians(peers);
    // the run of median errors: the peer's dither is random, so its words vary from run to run
    ModelComparison words =
        ModelComparison.of(
            peerScores.get(medianErrorsRun(peerScores)),
            ourScores.get(medianErrorsRun(ourScores)),
            BOOTSTRAP_SAMPLES,
            7);
    System.out.printf(
        Locale.ROOT,
        "%d inputs, %.0f s of audio, %d workers, medians of %d runs taking turns%n%n",
        inputs,
        audioSeconds,
        workers,
        ours.size());
    System.out.println("| measure | nightscribe | vosk-transcriber | ratio nightscribe / vosk |");
    System.out.println("|---|---:|---:|---:|");
    row("wall time, s", us.wallSeconds(), them.wallSeconds(), "%.1f");
    row("CPU time, s", us.cpuSeconds(), them.cpuSeconds(), "%.1f");
    row(
        "CPU s per audio s",
        us.cpuSeconds() / audioSeconds,
        them.cpuSeconds() / audioSeconds,
        "%.4f");
    row("peak memory of the largest process, MiB", us.peakMib(), them.peakMib(), "%.0f");
    row("word error rate", words.challengerWer(), words.championWer(), "%.4f");
    for (Map.Entry<String, ModelComparison.SliceWer> slice : words.slices().entrySet()) {
      row(
          "  WER " + slice.getKey() + " (" + slice.getValue().utterances() + " inputs)",
          slice.getValue().challenger(),
          slice.getValue().champion(),
          "%.4f");
    }
    System.out.printf(
        Locale.ROOT,
        "%nWER difference, nightscribe minus vosk-transcriber: %+.4f, 95%% paired bootstrap interval"
            + " [%+.4f, %+.4f] (%d resamples of the inputs).%n",
        words.difference(),
        words.differenceLow(),
        words.differenceHigh(),
        BOOTSTRAP_SAMPLES);
    System.out.printf(
        Locale.ROOT,
        "vosk-transcriber's WER in each run: %s; nightscribe's: %s.%n",
        werOfEachRun(peerScores),
        werOfEachRun(ourScores));
    System.out.printf(
        Locale.ROOT,
        "Each run (wall s / CPU s / MiB): nightscribe %s; vosk-transcriber %s.%n",
        each(ours),
        each(peers));
  }

  private static void row(String measure, double ours, double peer, String format) {
    System.out.printf(
        Locale.ROOT,
        "| %s | " + format + " | " + format + " | %.2f |%n",
        measure,
        ours,
        peer,
        peer == 0 ? Double.NaN : ours / peer);
  }

  private static String werOfEachRun(List<List<UtteranceScore>> runs) {
    List<String> rates = new ArrayList<>();
    for (List<UtteranceScore> run : runs) {
      long errors = run.stream().mapToLong(UtteranceScore::errors).sum();
      long words = run.stream().mapToLong(UtteranceScore::referenceWords).sum();
      rates.add(String.format(Locale.ROOT, "%.4f (%d errors)", (double) errors / words, errors));
    }
    return String.join(", ", rates);
  }

  private static String each(List<TimedProcess> runs) {
    return String.join(
        ", ",
        runs.stream()
            .map(
                run ->
                    String.format(
                        Locale.ROOT,
                        "%.1f / %.1f / %.0f",
                        run.wallSeconds(),
                        run.cpuSeconds(),
                        run.peakMib()))
            .toList());
  }

  private static int medianErrorsRun(List<List<UtteranceScore>> runs) {
    double[] errors =
        runs.stream()
            .mapToDouble(run -> run.stream().mapToLong(UtteranceScore::errors).sum())
            .toArray();
    double median = TimedProcess.median(errors);
    for (int i = 0; i < errors.length; i++) {
      if (errors[i] == median) {
        return i;
      }
    }
    return 0;
  }
}
