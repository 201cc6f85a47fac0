package io.nightscribe.bench;

import io.nightscribe.asr.audio.AudioDecoder;
import io.nightscribe.asr.audio.FfmpegAudioDecoder;
import io.nightscribe.asr.audio.FileSeekableObject;
import io.nightscribe.asr.audio.PcmStream;
import io.nightscribe.asr.chunk.Segmentation;
import io.nightscribe.asr.chunk.Segmenter;
import io.nightscribe.asr.engine.AsrEngines;
import io.nightscribe.asr.engine.AsrModel;
import io.nightscribe.asr.engine.AsrSession;
import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.engine.ComputeDevice;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.engine.vosk.VoskSmallEnUs;
import io.nightscribe.asr.model.BuiltinModels;
import io.nightscribe.asr.storage.SeekableObject;
import io.nightscribe.asr.vad.SpeechDetectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The engine alone: every file of a folder decoded, cut at pauses and batched into memory first,
 * exactly as the job does it with the default settings, then only the engine timed, with the same
 * number of workers as the job. Prints the median audio seconds (of the sources, silences included)
 * per wall-clock second of RUNS runs, as one line {@code engine <audioSeconds> <medianWallSeconds>
 * <xRealTime>}.
 *
 * <p>Usage: {@code EngineBenchmark FOLDER WORKERS RUNS}
 */
public final class EngineBenchmark {
  private EngineBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: EngineBenchmark FOLDER WORKERS RUNS");
      System.exit(2);
    }
    Path folder = Path.of(args[0]);
    int workers = Integer.parseInt(args[1]);
    int runs = Integer.parseInt(args[2]);
    List<List<AudioChunk>> batches = new ArrayList<>();
    double audioSeconds = decodeAndBatch(folder, batches) / 1000.0;
    try (AsrModel model =
        AsrEngines.installed()
            .load(new BuiltinModels(BuiltinModels.defaultCacheRoot()).get(VoskSmallEnUs.NAME))) {
      double[] wall = new double[runs];
      for (int run = 0; run < runs; run++) {
        wall[run] = transcribeAll(model, batches, workers);
      }
      Arrays.sort(wall);
      double median = wall[runs / 2];
      System.out.printf(
          Locale.ROOT, "engine %.1f %.2f %.2f%n", audioSeconds, median, audioSeconds / median);
    }
  }

  /** Cuts and batches every file as the job does; the audio's duration in ms. */
  private static long decodeAndBatch(Path folder, List<List<AudioChunk>> batches) throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    AudioDecoder decoder = new FfmpegAudioDecoder();
    DecodingSettings settings = DecodingSettings.DEFAULTS;
    long audioMillis = 0;
    try (Segmentation segmentation = Segmentation.of(settings, SpeechDetectors.installed())) {
      for (Path file : files) {
        try (SeekableObject object = new FileSeekableObject(file);
            PcmStream pcm = decoder.open(object, file.toString());
            Segmenter segmenter = segmentation.open(file.toString(), pcm)) {
          List<AudioChunk> batch = new ArrayList<>();
          long batchMillis = 0;
          for (AudioChunk chunk = segmenter.next(); chunk != null; chunk = segmenter.next()) {
            if (!batch.isEmpty()
                && batchMillis + chunk.durationMillis() > settings.maxBatchMillis()) {
              batches.add(batch);
              batch = new ArrayList<>();
              batchMillis = 0;
            }
            batch.add(chunk);
            batchMillis += chunk.durationMillis();
          }
          if (!batch.isEmpty()) {
            batches.add(batch);
          }
          audioMillis += segmenter.decodedMillis();
        }
      }
    }
    return audioMillis;
  }

  /** Wall seconds for {@code workers} sessions to transcribe every batch. */
  private static double transcribeAll(AsrModel model, List<List<AudioChunk>> batches, int workers)
      throws Exception {
    ConcurrentLinkedQueue<List<AudioChunk>> queue = new ConcurrentLinkedQueue<>(batches);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    long started = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      done.add(
          pool.submit(
              () -> {
                try (AsrSession session =
                    model.openSession(ComputeDevice.CPU, DecodingSettings.DEFAULTS)) {
                  for (List<AudioChunk> batch = queue.poll(); batch != null; batch = queue.poll()) {
                    session.transcribe(batch);
                  }
                }
              }));
    }
    for (Future<?> worker : done) {
      worker.get();
    }
    pool.shutdown();
    return (System.nanoTime() - started) / 1e9;
  }
}
