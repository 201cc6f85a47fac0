package io.nightscribe.bench;

import io.nightscribe.asr.audio.AudioDecoder;
import io.nightscribe.asr.audio.FfmpegAudioDecoder;
import io.nightscribe.asr.audio.FileSeekableObject;
import io.nightscribe.asr.audio.PcmStream;
import io.nightscribe.asr.storage.SeekableObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Compares the in-process decoder with the ffmpeg command line on every file of a folder: median
 * over five runs of audio seconds decoded per wall-clock second (both to 16 kHz mono float), and
 * their ratio, as a markdown table.
 *
 * <p>Usage: {@code java -cp <asr-core test classpath> io.nightscribe.bench.DecodeSpeedBenchmark
 * FOLDER}
 */
public final class DecodeSpeedBenchmark {
  private static final int RUNS = 5;

  private DecodeSpeedBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: DecodeSpeedBenchmark FOLDER");
      System.exit(2);
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(Path.of(args[0]))) {
      files = listing.filter(Files::isRegularFile).sorted().toList();
    }
    AudioDecoder decoder = new FfmpegAudioDecoder();
    System.out.println(
        "| file | format | audio s | nightscribe x real time | ffmpeg CLI x real time | ratio |");
    System.out.println("|---|---|---:|---:|---:|---:|");
    for (Path file : files) {
      double audioSeconds = decodeSeconds(decoder, file);
      double ours = audioSeconds / median(() -> decodeSeconds(decoder, file));
      double cli = audioSeconds / median(() -> runCli(file));
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %.0f | %.0f | %.0f | %.2f |%n",
          file.getFileName(),
          extension(file),
          audioSeconds,
          ours,
          cli,
          ours / cli);
    }
  }

  /** Decodes the whole file and returns its audio duration. */
  private static double decodeSeconds(AudioDecoder decoder, Path file) {
    long samples = 0;
    try (SeekableObject object = new FileSeekableObject(file);
        PcmStream stream = decoder.open(object, file.toString())) {
      for (float[] block = stream.nextBlock(); block != null; block = stream.nextBlock()) {
        samples += block.length;
      }
    }
    return samples / (double) AudioDecoder.TARGET_SAMPLE_RATE_HZ;
  }

  private static void runCli(Path file) {
    try {
      Process process =
          new ProcessBuilder(
                  "ffmpeg",
                  "-nostdin",
                  "-v",
                  "error",
                  "-i",
                  file.toString(),
                  "-ac",
                  "1",
                  "-ar",
                  "16000",
                  "-f",
                  "f32le",
                  "-y",
                  "/dev/null")
              .inheritIO()
              .start();
      if (process.waitFor() != 0) {
        throw new IllegalStateException("ffmpeg failed on " + file);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Median wall-clock seconds of {@link #RUNS} runs of {@code task}. */
  private static double median(Runnable task) {
    double[] seconds = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      task.run();
      seconds[i] = (System.nanoTime() - start) / 1e9;
    }
    Arrays.sort(seconds);
    return seconds[RUNS / 2];
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
