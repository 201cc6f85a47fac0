package io.nightscribe.asr.engine.vosk;

import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.chunk.TranscriptAssembler;
import io.nightscribe.asr.engine.AsrSession;
import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.engine.ChunkHypothesis;
import io.nightscribe.asr.engine.ChunkHypothesis.AudioChunkRef;
import io.nightscribe.asr.engine.RecognizedWord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Hears each batch (consecutive chunks of one source cut at pauses) as one stream, the way Vosk is
 * fastest and most accurate: fed in 0.2 s blocks, so Kaldi's endpointing ends utterances at pauses
 * it hears, while its adaptation to the speaker carries from one chunk to the next. Silence the
 * segmenter left out is not heard; where chunks overlap (speech cut without a pause) the overlap is
 * heard once. Each word goes to the chunk that owns its middle by {@link
 * TranscriptAssembler#boundary}, timed on that chunk.
 *
 * <p>A batch's words depend on the batch alone: the recognizer is finalized after each batch, which
 * resets its decoder, features and adaptation, and the same recognizer then hears the next batch
 * without the 0.1 s it takes to create one. Kaldi's dither (random noise against silent feature
 * bins) draws from the C library's shared {@code rand()}, so the model is loaded without it and the
 * same noise is added here from a fixed seed instead: the model still gets the dithered features it
 * was trained on, and the same batch always gets the same noise. Not thread-safe; the worker closes
 * it (the model stays open).
 */
final class VoskStreamSession implements AsrSession {
  /** What Vosk steps its decoder by: feeding more at once only delays endpoint checks. */
  private static final int BLOCK_SAMPLES = AudioChunk.SAMPLE_RATE_HZ / 5;

  /** Kaldi's default dither: Gaussian noise of one unit on the 16-bit scale. */
  private static final int DITHER_SAMPLES = 1 << 16;

  private static final long DITHER_SEED = 20_251_202L;

  /** A new recognizer after an hour of audio, long before its clock loses any precision. */
  private static final long RENEW_AFTER_SAMPLES = 3_600L * AudioChunk.SAMPLE_RATE_HZ;

  private static final float INT16_SCALE = 32767f;

  private final Model model;
  private final float[] dither = new float[DITHER_SAMPLES];
  private final float[] block = new float[BLOCK_SAMPLES];
  private Recognizer recognizer;
  private long samplesHeard;

  VoskStreamSession(Model model) {
    this.model = model;
    Random random = new Random(DITHER_SEED);
    for (int i = 0; i < DITHER_SAMPLES; i++) {
      dither[i] = (float) random.nextGaussian();
    }
  }

  @Override
  public List<ChunkHypothesis> transcribe(List<AudioChunk> batch) {
    Stream stream = Stream.of(batch);
    List<RecognizedWord> heard = hear(batch, stream);
    List<List<RecognizedWord>> byChunk = new ArrayList<>();
    batch.forEach(chunk -> byChunk.add(new ArrayList<>()));
    for (RecognizedWord word : heard) {
      attribute(word, stream, batch, byChunk);
    }
    List<ChunkHypothesis> answers = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      byChunk.get(i).sort(Comparator.comparingLong(RecognizedWord::startMillis));
      answers.add(new ChunkHypothesis(AudioChunkRef.of(batch.get(i)), byChunk.get(i)));
    }
    return answers;
  }

  /** Feeds the batch's stream to the recognizer; its words, timed on the stream. */
  private List<RecognizedWord> hear(List<AudioChunk> batch, Stream stream) {
    try {
      if (recognizer == null || samplesHeard > RENEW_AFTER_SAMPLES) {
        renewRecognizer();
      }
      long origin = samplesHeard;
      List<RecognizedWord> words = new ArrayList<>();
      int fed = 0;
      for (int i = 0; i < batch.size(); i++) {
        float[] samples = batch.get(i).samples();
        for (int from = stream.skipSamples(i); from < samples.length; from += BLOCK_SAMPLES) {
          int length = Math.min(BLOCK_SAMPLES, samples.length - from);
          for (int s = 0; s < length; s++) {
            float clipped = Math.max(-1f, Math.min(1f, samples[from + s]));
            block[s] = clipped * INT16_SCALE + dither[(fed + s) % DITHER_SAMPLES];
          }
          fed += length;
          if (recognizer.acceptWaveForm(block, length)) {
            words.addAll(VoskResults.words(recognizer.getResult(), origin));
          }
        }
      }
      words.addAll(VoskResults.words(recognizer.getFinalResult(), origin));
      samplesHeard += fed;
      return words;
    } catch (RuntimeException e) {
      // a recognizer that failed mid-batch is in no known state
      closeRecognizer();
      throw new NightscribeException(
          ErrorCategory.INTERNAL,
          "Cannot transcribe chunks "
              + batch.get(0).index()
              + "-"
              + batch.get(batch.size() - 1).index()
              + " of "
              + batch.get(0).sourceId()
              + " with Vosk: "
              + e.getMessage(),
          e);
    }
  }

  /** Gives {@code word} (timed on the stream) to the chunk owning its middle, timed on it. */
  private static void attribute(
      RecognizedWord word, Stream stream, List<AudioChunk> batch, List<List<RecognizedWord>> out) {
    long start = stream.sourceMillis(word.startMillis());
    long end = Math.max(start, stream.sourceMillis(word.endMillis()));
    long middle = (start + end) / 2;
    int owner = 0;
    while (owner + 1 < batch.size()
        && middle
            >= TranscriptAssembler.boundary(
                AudioChunkRef.of(batch.get(owner)), AudioChunkRef.of(batch.get(owner + 1)))) {
      owner++;
    }
    AudioChunk chunk = batch.get(owner);
    long relativeStart = Math.max(0, Math.min(chunk.durationMillis(), start - chunk.startMillis()));
    long relativeEnd =
        Math.max(relativeStart, Math.min(chunk.durationMillis(), end - chunk.startMillis()));
    out.get(owner)
        .add(new RecognizedWord(word.text(), relativeStart, relativeEnd, word.confidence()));
  }

  private void renewRecognizer() {
    closeRecognizer();
    try {
      recognizer = new Recognizer(model, AudioChunk.SAMPLE_RATE_HZ);
    } catch (IOException e) {
      throw NightscribeException.internal("Cannot create a Vosk recognizer: " + e.getMessage(), e);
    }
    recognizer.setWords(true);
    samplesHeard = 0;
  }

  private void closeRecognizer() {
    if (recognizer != null) {
      recognizer.close();
      recognizer = null;
    }
  }

  @Override
  public void close() {
    closeRecognizer();
  }

  /**
   * Where each chunk of a batch lies in the stream the recognizer hears: chunks one after another,
   * the part of a chunk that overlaps the one before it left out. For each chunk: the samples at
   * its start already heard in the chunk before, and where its first heard sample lies in the
   * stream and in the source, in ms.
   */
  private static final class Stream {
    private final int[] skips;
    private final long[] streamStarts;
    private final long[] sourceStarts;

    private Stream(int[] skips, long[] streamStarts, long[] sourceStarts) {
      this.skips = skips;
      this.streamStarts = streamStarts;
      this.sourceStarts = sourceStarts;
    }

    static Stream of(List<AudioChunk> batch) {
      int[] skips = new int[batch.size()];
      long[] streamStarts = new long[batch.size()];
      long[] sourceStarts = new long[batch.size()];
      long streamMillis = 0;
      long heardUntil = 0;
      String source = batch.get(0).sourceId();
      for (int i = 0; i < batch.size(); i++) {
        AudioChunk chunk = batch.get(i);
        if (!chunk.sourceId().equals(source) || chunk.index() != batch.get(0).index() + i) {
          throw NightscribeException.internal(
              "Cannot hear a batch as one stream: chunk "
                  + chunk.index()
                  + " of "
                  + chunk.sourceId()
                  + " does not follow chunk "
                  + (batch.get(0).index() + i - 1)
                  + " of "
                  + source,
              null);
        }
        long skipMillis =
            Math.min(chunk.durationMillis(), Math.max(0, heardUntil - chunk.startMillis()));
        skips[i] = (int) (skipMillis * AudioChunk.SAMPLE_RATE_HZ / 1000);
        streamStarts[i] = streamMillis;
        sourceStarts[i] = chunk.startMillis() + skipMillis;
        streamMillis += chunk.durationMillis() - skipMillis;
        heardUntil = chunk.startMillis() + chunk.durationMillis();
      }
      return new Stream(skips, streamStarts, sourceStarts);
    }

    int skipSamples(int chunk) {
      return skips[chunk];
    }

    /** The source time of a time on the stream. */
    long sourceMillis(long streamMillis) {
      int piece = 0;
      while (piece + 1 < streamStarts.length && streamStarts[piece + 1] <= streamMillis) {
        piece++;
      }
      return sourceStarts[piece] + (streamMillis - streamStarts[piece]);
    }
  }
}
