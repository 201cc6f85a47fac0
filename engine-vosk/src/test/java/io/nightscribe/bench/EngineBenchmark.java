package io.nightscribe.bench;

import io.nightscribe.asr.audio.AudioDecoder;
import io.nightscribe.asr.audio.FfmpegAudioDecoder;
import io.nightscribe.asr.audio.FileSeekableObject;
import io.nightscribe.asr.audio.PcmStream;
import io.nightscribe.asr.chunk.Chunker;
import io.nightscribe.asr.engine.AsrEngines;
import io.nightscribe.asr.engine.AsrModel;
import io.nightscribe.asr.engine.AsrSession;
import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.engine.ComputeDevice;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.engine.vosk.VoskSmallEnUs;
import io.nightscribe.asr.model.BuiltinModels;
import io.nightscribe.asr.storage.SeekableObject;
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
 * The engine alone: every file of a folder decoded and chunked into memory first, exactly as the
 * job chunks it, then only the engine timed, with the same number of workers as the job. Prints the
 * median audio seconds per wall-clock second of RUNS runs, as one line {@code engine <audioSeconds>
 * <medianWallSeconds> <xRealTime>}.
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
    List<AudioChunk> chunks = decodeAndChunk(folder);
    double audioSeconds = chunks.stream().mapToLong(EngineBenchmark::newAudioMillis).sum() / 1000.0;
    try (AsrModel model =
        AsrEngines.installed()
            .load(new BuiltinModels(BuiltinModels.defaultCacheRoot()).get(VoskSmallEnUs.NAME))) {
      double[] wall = new double[runs];
      for (int run = 0; run < runs; run++) {
        wall[run] = transcribeAll(model, chunks, workers);
      }
      Arrays.sort(wall);
      double median = wall[runs / 2];
      System.out.printf(
          Locale.ROOT, "engine %.1f %.2f %.2f%n", audioSeconds, median, audioSeconds / median);
    }
  }

  /** Audio a chunk adds beyond the overlap it shares with the previous chunk of its source. */
  private static long newAudioMillis(AudioChunk chunk) {
    return chunk.durationMillis()
        - (chunk.index() == 0 ? 0 : DecodingSettings.DEFAULTS.overlapMillis());
  }

  private static List<AudioChunk> decodeAndChunk(Path folder) throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    AudioDecoder decoder = new FfmpegAudioDecoder();
    List<AudioChunk> chunks = new ArrayList<>();
    for (Path file : files) {
      try (SeekableObject object = new FileSeekableObject(file);
          PcmStream pcm = decoder.open(object, file.toString())) {
        Chunker chunker = new Chunker(file.toString(), pcm, DecodingSettings.DEFAULTS);
        for (AudioChunk chunk = chunker.next(); chunk != null; chunk = chunker.next()) {
          chunks.add(chunk);
        }
      }
    }
    return chunks;
  }

  /** Wall seconds for {@code workers} sessions to transcribe every chunk, one chunk per call. */
  private static double transcribeAll(AsrModel model, List<AudioChunk> chunks, int workers)
      throws Exception {
    ConcurrentLinkedQueue<AudioChunk> queue = new ConcurrentLinkedQueue<>(chunks);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    long started = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      done.add(
          pool.submit(
              () -> {
                try (AsrSession session =
                    model.openSession(ComputeDevice.CPU, DecodingSettings.DEFAULTS)) {
                  for (AudioChunk chunk = queue.poll(); chunk != null; chunk = queue.poll()) {
                    session.transcribe(List.of(chunk));
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
