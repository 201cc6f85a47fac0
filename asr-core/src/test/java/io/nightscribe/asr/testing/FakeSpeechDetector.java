package io.nightscribe.asr.testing;

import io.nightscribe.asr.vad.SpeechDetector;
import io.nightscribe.asr.vad.SpeechModel;
import io.nightscribe.asr.vad.SpeechScorer;
import java.util.ArrayList;
import java.util.List;

/**
 * A speech detector for tests, registered as {@value #NAME}: a frame is speech (probability 1) when
 * any of its samples is not zero, silence (0) otherwise, which is exactly what {@link FakeSpeech}
 * means. Records the size of every block it scores.
 */
public final class FakeSpeechDetector implements SpeechDetector {
  public static final String NAME = "fake-vad";
  public static final int FRAME_SAMPLES = 512;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SpeechModel load() {
    return new Model();
  }

  /** The loaded fake: every block any of its scorers was given, in frames. */
  public static final class Model implements SpeechModel {
    public final List<Integer> scoredBlocks =
        java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public int frameSamples() {
      return FRAME_SAMPLES;
    }

    @Override
    public SpeechScorer open() {
      return new SpeechScorer() {
        @Override
        public float[] score(float[] frames) {
          float[] probabilities = new float[frames.length / FRAME_SAMPLES];
          scoredBlocks.add(probabilities.length);
          for (int i = 0; i < frames.length; i++) {
            if (frames[i] != 0) {
              probabilities[i / FRAME_SAMPLES] = 1;
            }
          }
          return probabilities;
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public void close() {}
  }
}
