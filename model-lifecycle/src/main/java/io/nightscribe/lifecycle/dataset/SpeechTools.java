package io.nightscribe.lifecycle.dataset;

import io.nightscribe.asr.dataset.Augmentation;
import io.nightscribe.asr.dataset.Pcm16Wav;
import io.nightscribe.asr.dataset.Synthesizer;
import io.nightscribe.asr.dataset.UtterancePlan;
import io.nightscribe.asr.dataset.Voice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The speech programs Debian ships, run as external processes: flite and espeak-ng synthesize, sox
 * converts to 16 kHz mono 16-bit and applies speed and reverb. Thread-safe; every call works in a
 * folder of its own that the caller owns.
 */
final class SpeechTools {
  /** The sample rate of every clip of a dataset. */
  static final int SAMPLE_RATE_HZ = 16_000;

  /** espeak-ng's default rate, in words per minute. */
  private static final int ESPEAK_WORDS_PER_MINUTE = 175;

  private static final String SOX = "sox";

  private final ToolRunner runner;

  SpeechTools(ToolRunner runner) {
    this.runner = runner;
  }

  /**
   * The version each of {@code programs} reports, by program name. Run first, it also fails fast,
   * naming the program, when one is missing.
   */
  Map<String, String> versions(List<String> programs, Path folder) {
    Map<String, String> versions = new TreeMap<>();
    for (String program : programs) {
      versions.put(program, versionLine(runner.printed(List.of(program, "--version"), folder)));
    }
    return versions;
  }

  /** The catalogue's voices this machine has. */
  List<Voice> voices(Path folder) {
    return VoiceCatalog.available(
        runner.run(List.of(Synthesizer.FLITE.program(), "-lv"), folder),
        runner.run(List.of(Synthesizer.ESPEAK_NG.program(), "--voices=en"), folder),
        runner.run(List.of(Synthesizer.ESPEAK_NG.program(), "--voices=variant"), folder));
  }

  /** The samples of {@code plan}'s sentence, spoken and sped or reverberated, but without noise. */
  short[] speak(UtterancePlan plan, Path folder) {
    Path text = folder.resolve("sentence.txt");
    Path speech = folder.resolve("speech.wav");
    write(text, plan.sentence().written() + "\n");
    runner.run(synthesisCommand(plan, text, speech), folder);
    return convert(speech, plan.augmentation(), folder);
  }

  /** The samples of a recording, as 16 kHz mono 16-bit. */
  short[] convert(Path audio, Path folder) {
    return convert(audio, Augmentation.NONE, folder);
  }

  private short[] convert(Path audio, Augmentation augmentation, Path folder) {
    Path raw = folder.resolve("clip.raw");
    runner.run(soxCommand(audio, raw, augmentation), folder);
    try {
      return Pcm16Wav.samples(Files.readAllBytes(raw));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The synthesizer's command line: the text from a file, so no sentence can pass for an option.
   */
  static List<String> synthesisCommand(UtterancePlan plan, Path text, Path wav) {
    Voice voice = plan.voice();
    List<String> command = new ArrayList<>();
    command.add(voice.synthesizer().program());
    if (voice.synthesizer() == Synthesizer.FLITE) {
      // flite stretches durations: 0.8 is 125% of the voice's rate
      String stretch = String.format(Locale.ROOT, "%.4f", 100.0 / plan.ratePercent());
      command.addAll(List.of("-voice", voice.name(), "--setf", "duration_stretch=" + stretch));
      command.addAll(List.of("-f", text.toString(), "-o", wav.toString()));
    } else {
      int wordsPerMinute = Math.round(ESPEAK_WORDS_PER_MINUTE * plan.ratePercent() / 100f);
      command.addAll(List.of("-v", voice.name(), "-s", Integer.toString(wordsPerMinute)));
      command.addAll(List.of("-p", Integer.toString(plan.pitch().orElseThrow())));
      command.addAll(List.of("-f", text.toString(), "-w", wav.toString()));
    }
    return command;
  }

  /**
   * sox's command line to 16 kHz mono signed 16-bit little-endian raw samples. {@code -D} (no
   * dither) and {@code -R} (fixed random numbers) make the bytes repeatable: sox dithers with fresh
   * random noise on every run otherwise. {@code -G} lowers the gain where an effect would clip.
   */
  static List<String> soxCommand(Path in, Path raw, Augmentation augmentation) {
    List<String> command =
        new ArrayList<>(
            List.of(SOX, "-D", "-R", "-G", in.toString(), "-t", "raw", "-e", "signed-integer"));
    command.addAll(List.of("-b", "16", "-L", "-c", "1", "-r", Integer.toString(SAMPLE_RATE_HZ)));
    command.add(raw.toString());
    switch (augmentation.kind()) {
      case SPEED ->
          command.addAll(
              List.of("speed", String.format(Locale.ROOT, "%.2f", augmentation.amount() / 100.0)));
      case REVERB -> command.addAll(List.of("reverb", Integer.toString(augmentation.amount())));
      case NONE, NOISE -> {
        // noise is mixed in Java, from the clip's seed
      }
    }
    return command;
  }

  /**
   * The line of a program's --version output that names the version: the one saying "version"
   * (flite), else the first (espeak-ng, sox), without espeak-ng's data folder.
   */
  static String versionLine(String printed) {
    List<String> lines =
        printed.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    String line =
        lines.stream()
            .filter(l -> l.toLowerCase(Locale.ROOT).contains("version"))
            .findFirst()
            .orElse(lines.isEmpty() ? "unknown" : lines.get(0));
    int data = line.indexOf("Data at:");
    return (data < 0 ? line : line.substring(0, data)).strip().replaceAll("\\s+", " ");
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
