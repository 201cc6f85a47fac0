package io.nightscribe.asr.testing;

import io.nightscribe.asr.engine.AsrEngine;
import io.nightscribe.asr.engine.AsrModel;
import io.nightscribe.asr.engine.AsrSession;
import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.engine.ChunkHypothesis;
import io.nightscribe.asr.engine.ComputeDevice;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.engine.RecognizedWord;
import io.nightscribe.asr.model.ModelDescriptor;
import io.nightscribe.asr.model.ModelPackage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An engine for tests of everything around engines. It "hears" the audio {@link FakeSpeech} makes:
 * each 500 ms word slot holds a constant sample value that names the word, so a correct pipeline
 * gives back exactly the words that were spoken, once each, in order.
 */
public final class FakeAsrEngine implements AsrEngine {
  /** Every batch any session was given, for tests that check batching. */
  public final ConcurrentLinkedQueue<List<AudioChunk>> batches = new ConcurrentLinkedQueue<>();

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public AsrModel load(ModelPackage modelPackage) {
    return new FakeModel(modelPackage);
  }

  /** A package for the fake engine; nothing is read from its folder. */
  public static ModelPackage fakePackage() {
    return new ModelPackage(
        "fake-model",
        "1",
        "0".repeat(64),
        Path.of("/nonexistent"),
        new ModelDescriptor("fake", "none", 16_000, Map.of()));
  }

  private final class FakeModel implements AsrModel {
    private final ModelPackage modelPackage;

    FakeModel(ModelPackage modelPackage) {
      this.modelPackage = modelPackage;
    }

    @Override
    public ModelPackage modelPackage() {
      return modelPackage;
    }

    @Override
    public String engineVersion() {
      return "fake 1";
    }

    @Override
    public AsrSession openSession(ComputeDevice device, DecodingSettings settings) {
      return new AsrSession() {
        @Override
        public List<ChunkHypothesis> transcribe(List<AudioChunk> batch) {
          batches.add(List.copyOf(batch));
          return batch.stream().map(FakeAsrEngine::hear).toList();
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public void close() {}
  }

  /** A word wherever a whole word slot of non-silent audio lies inside the chunk. */
  private static ChunkHypothesis hear(AudioChunk chunk) {
    List<RecognizedWord> words = new ArrayList<>();
    float[] samples = chunk.samples();
    int slot = FakeSpeech.SAMPLES_PER_WORD;
    long firstSlot = (chunk.startMillis() + FakeSpeech.WORD_MILLIS - 1) / FakeSpeech.WORD_MILLIS;
    for (long s = firstSlot; ; s++) {
      long slotStartMillis = s * FakeSpeech.WORD_MILLIS;
      int from = (int) ((slotStartMillis - chunk.startMillis()) * 16);
      if (from + slot > samples.length) {
        break;
      }
      String word = FakeSpeech.wordOf(samples[from + slot / 2]);
      if (word != null) {
        long relativeStart = slotStartMillis - chunk.startMillis();
        words.add(
            new RecognizedWord(
                word, relativeStart + 50, relativeStart + FakeSpeech.WORD_MILLIS - 50, 0.9));
      }
    }
    return new ChunkHypothesis(ChunkHypothesis.AudioChunkRef.of(chunk), words);
  }
}
