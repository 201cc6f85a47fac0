package io.nightscribe.asr.engine.vosk;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.engine.AsrSession;
import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.engine.ChunkHypothesis;
import io.nightscribe.asr.engine.ChunkHypothesis.AudioChunkRef;
import io.nightscribe.asr.engine.RecognizedWord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Transcribes fixed windows with a shared Vosk model, one chunk at a time, as runs made before
 * segmentation at pauses did ({@link VoskStreamSession} hears audio cut at pauses).
 *
 * <p>Each chunk gets a fresh {@link Recognizer}: a recognizer adapts (i-vectors, endpointing) to
 * what it heard before, so reusing one would make a chunk's words depend on which chunks the same
 * worker happened to decode earlier, and a replay with another batching would not give the same
 * bytes. A recognizer costs about 0.1 s to create with the small model (its lookahead graph is
 * composed per recognizer), which the benchmark accounts for. Not thread-safe; the worker closes
 * it.
 */
final class VoskSession implements AsrSession {
  /** Vosk reads samples on the 16-bit scale, not [-1, 1]. */
  private static final float INT16_SCALE = 32767f;

  private final Model model;

  VoskSession(Model model) {
    this.model = model;
  }

  @Override
  public List<ChunkHypothesis> transcribe(List<AudioChunk> batch) {
    List<ChunkHypothesis> answers = new ArrayList<>(batch.size());
    for (AudioChunk chunk : batch) {
      answers.add(new ChunkHypothesis(AudioChunkRef.of(chunk), recognize(chunk)));
    }
    return answers;
  }

  private List<RecognizedWord> recognize(AudioChunk chunk) {
    short[] pcm = toInt16(chunk.samples());
    try (Recognizer recognizer = new Recognizer(model, AudioChunk.SAMPLE_RATE_HZ)) {
      recognizer.setWords(true);
      List<RecognizedWord> words = new ArrayList<>();
      if (recognizer.acceptWaveForm(pcm, pcm.length)) {
        words.addAll(VoskResults.words(recognizer.getResult()));
      }
      words.addAll(VoskResults.words(recognizer.getFinalResult()));
      return words;
    } catch (IOException | RuntimeException e) {
      throw NightscribeException.internal(
          "Cannot transcribe chunk "
              + chunk.index()
              + " of "
              + chunk.sourceId()
              + " with Vosk: "
              + e.getMessage(),
          e);
    }
  }

  private static short[] toInt16(float[] samples) {
    short[] pcm = new short[samples.length];
    for (int i = 0; i < samples.length; i++) {
      float clipped = Math.max(-1f, Math.min(1f, samples[i]));
      pcm[i] = (short) Math.round(clipped * INT16_SCALE);
    }
    return pcm;
  }

  @Override
  public void close() {
    // recognizers live for one chunk; the model belongs to whoever loaded it
  }
}
