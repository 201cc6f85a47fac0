package io.nightscribe.bench;

import io.nightscribe.asr.acoustic.ConvCtcNetwork;
import io.nightscribe.asr.acoustic.LogMelSpectrogram;
import io.nightscribe.asr.engine.AsrEngines;
import io.nightscribe.asr.engine.AsrModel;
import io.nightscribe.asr.engine.AsrSession;
import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.engine.ComputeDevice;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.model.ModelPackages;
import io.nightscribe.asr.testing.RandomCtcPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The DJL engine alone, one session on the device the model assigns its first worker (a GPU when
 * CUDA is present): nightscribe's default-size network (ConvCtcNetwork 80, 256, 8, 11, 2, 29) with
 * random weights (speed does not depend on them), greedy decoding, fed seeded noise in a mix of
 * chunk lengths (seven in ten 30 s chunks, the rest 1-29 s, as the last chunks of sources are). For
 * each batch size of 1, 2, 4, 8, 16 and 32 chunks per call and each batching mode (single, buckets,
 * padded: the engine option {@code batching}), prints one line {@code djl <batch> <batching>
 * <xRealTime> <peakRssMiB>}: the median audio seconds per wall second of RUNS runs, and the
 * process's peak resident memory during them.
 *
 * <p>Usage: {@code DjlEngineBenchmark [AUDIO_MINUTES [RUNS]]} (default 5 minutes, 3 runs)
 */
public final class DjlEngineBenchmark {
  private static final int[] BATCH_SIZES = {1, 2, 4, 8, 16, 32};
  private static final List<String> BATCHINGS = List.of("single", "buckets", "sorted", "padded");

  private DjlEngineBenchmark() {}

  public static void main(String[] args) throws Exception {
    double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path folder = Files.createTempDirectory("nightscribe-djl-bench-");
    RandomCtcPackage.write(folder, new ConvCtcNetwork(80, 256, 8, 11, 2, 29), 7);
    List<AudioChunk> chunks = chunks(minutes);
    double audioSeconds = chunks.stream().mapToLong(AudioChunk::durationMillis).sum() / 1000.0;
    try (AsrModel model = AsrEngines.installed().load(ModelPackages.load(folder))) {
      ComputeDevice device = model.devicesFor(1).get(0);
      System.out.printf(
          Locale.ROOT,
          "setup %s on %s, %d chunks, %.0f s of audio%n",
          model.engineVersion(),
          device,
          chunks.size(),
          audioSeconds);
      // JIT compilation and the native kernels of every padded length are paid once, before timing
      transcribeAll(model, device, chunks, 1, "single");
      transcribeAll(model, device, chunks, 32, "buckets");
      transcribeAll(model, device, chunks, 32, "padded");
      System.out.printf(Locale.ROOT, "frontend %.1f%n", audioSeconds / frontEndSeconds(chunks));
      int modes = BATCHINGS.size();
      double[][][] wall = new double[modes][BATCH_SIZES.length][runs];
      double[][] peakMib = new double[modes][BATCH_SIZES.length];
      // configurations take turns within each run, so a noisy neighbour slows them all alike
      for (int run = 0; run < runs; run++) {
        for (int b = 0; b < modes; b++) {
          for (int i = 0; i < BATCH_SIZES.length; i++) {
            resetPeakRss();
            wall[b][i][run] =
                transcribeAll(model, device, chunks, BATCH_SIZES[i], BATCHINGS.get(b));
            peakMib[b][i] = Math.max(peakMib[b][i], peakRssMib());
          }
        }
      }
      for (int b = 0; b < modes; b++) {
        for (int i = 0; i < BATCH_SIZES.length; i++) {
          Arrays.sort(wall[b][i]);
          System.out.printf(
              Locale.ROOT,
              "djl %d %s %.1f %.0f%n",
              BATCH_SIZES[i],
              BATCHINGS.get(b),
              audioSeconds / wall[b][i][runs / 2],
              peakMib[b][i]);
        }
      }
    } finally {
      try (var files = Files.list(folder)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(folder);
    }
  }

  private static double transcribeAll(
      AsrModel model,
      ComputeDevice device,
      List<AudioChunk> chunks,
      int batchSize,
      String batching) {
    DecodingSettings settings =
        DecodingSettings.fixedWindows(30_000, 2_000, 120_000, Map.of("batching", batching));
    try (AsrSession session = model.openSession(device, settings)) {
      long started = System.nanoTime();
      for (int from = 0; from < chunks.size(); from += batchSize) {
        session.transcribe(chunks.subList(from, Math.min(from + batchSize, chunks.size())));
      }
      return (System.nanoTime() - started) / 1e9;
    }
  }

  /** Wall seconds of the log-mel front end alone over every chunk, which the engine also pays. */
  private static double frontEndSeconds(List<AudioChunk> chunks) {
    LogMelSpectrogram frontEnd = LogMelSpectrogram.standard();
    long started = System.nanoTime();
    for (AudioChunk chunk : chunks) {
      frontEnd.compute(chunk.samples());
    }
    return (System.nanoTime() - started) / 1e9;
  }

  private static List<AudioChunk> chunks(double minutes) {
    Random random = new Random(42);
    List<AudioChunk> chunks = new ArrayList<>();
    long totalMillis = 0;
    while (totalMillis < minutes * 60_000) {
      int millis = random.nextInt(10) < 7 ? 30_000 : 1_000 + random.nextInt(28_000);
      float[] samples = new float[millis * 16];
      for (int i = 0; i < samples.length; i++) {
        samples[i] = (float) (random.nextGaussian() * 0.1);
      }
      chunks.add(new AudioChunk("noise-" + chunks.size(), 0, 0, samples));
      totalMillis += millis;
    }
    return chunks;
  }

  /** Linux resets VmHWM to the current RSS when 5 is written to clear_refs. */
  private static void resetPeakRss() throws IOException {
    Files.writeString(Path.of("/proc/self/clear_refs"), "5");
  }

  private static double peakRssMib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }
}
