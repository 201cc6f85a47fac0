package io.nightscribe.asr.vad.silero;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.chunk.Segmentation;
import io.nightscribe.asr.chunk.Segmenter;
import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.testing.ArrayPcmStream;
import io.nightscribe.asr.testing.SpeechFixtures;
import io.nightscribe.asr.vad.SpeechDetectors;
import io.nightscribe.asr.vad.SpeechModel;
import io.nightscribe.asr.vad.SpeechScorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped Silero model on real recorded speech: a LibriVox sentence of Debian's
 * pocketsphinx-testdata (scripts/setup.sh installs it), between stretches of a faint noise floor.
 */
class SileroVadTest {
  private static final Path SENTENCE =
      Path.of(
          "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0880.wav");
  private static final int FRAME = SileroModel.FRAME_SAMPLES;

  private static SpeechModel model;
  private static float[] speech;

  @BeforeAll
  static void load() throws Exception {
    model = SpeechDetectors.installed().load(SileroVad.NAME);
    speech = SpeechFixtures.readWav16kMono(SENTENCE);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void speechScoresHighAndTheNoiseAroundItLow() {
    // 2 s of noise floor, the 3.3 s sentence, 2 s of noise floor
    float[] audio = join(noise(32_000, 1), speech, noise(32_000, 2));

    float[] probabilities = score(audio, 64);

    int speechFrom = 32_000 / FRAME + 1;
    int speechTo = (32_000 + speech.length) / FRAME;
    assertThat(max(probabilities, 0, speechFrom - 2)).isLessThan(0.1f);
    assertThat(max(probabilities, speechTo + 10, probabilities.length)).isLessThan(0.1f);
    assertThat(share(probabilities, speechFrom, speechTo, 0.5f)).isGreaterThan(0.6);
  }

  @Test
  void scoresTheSameAudioTheSameWayEveryTime() {
    float[] audio = join(noise(16_000, 3), speech, noise(16_000, 4));

    assertThat(score(audio, 64)).containsExactly(score(audio, 64));
  }

  @Test
  void cutsARecordingAtItsPauseAndLeavesTheSilenceOut() {
    // the sentence twice, 3 s of noise floor between: longer than may be joined (2 s)
    float[] audio = join(speech, noise(48_000, 5), speech);
    DecodingSettings settings = DecodingSettings.DEFAULTS;
    assertThat(settings.segmentation().orElseThrow().detector()).isEqualTo(SileroVad.NAME);

    List<AudioChunk> chunks = new ArrayList<>();
    try (Segmentation segmentation = Segmentation.of(settings, SpeechDetectors.installed());
        Segmenter segmenter = segmentation.open("twice", new ArrayPcmStream(audio, 16_000))) {
      for (AudioChunk chunk = segmenter.next(); chunk != null; chunk = segmenter.next()) {
        chunks.add(chunk);
      }
      assertThat(segmenter.decodedMillis()).isEqualTo(audio.length / 16);
    }

    long pauseStart = speech.length / 16;
    long pauseEnd = pauseStart + 3_000;
    assertThat(chunks).hasSize(2);
    assertThat(chunks.get(0).startMillis()).isLessThan(300);
    assertThat(chunks.get(0).startMillis() + chunks.get(0).durationMillis())
        .isBetween(pauseStart - 500, pauseStart + 500);
    assertThat(chunks.get(1).startMillis()).isBetween(pauseEnd - 500, pauseEnd + 500);
    assertThat(chunks.get(1).startMillis() + chunks.get(1).durationMillis())
        .isGreaterThan(audio.length / 16 - 600);
  }

  private static float[] score(float[] audio, int framesPerCall) {
    int frames = audio.length / FRAME;
    float[] probabilities = new float[frames];
    try (SpeechScorer scorer = model.open()) {
      for (int from = 0; from < frames; from += framesPerCall) {
        int count = Math.min(framesPerCall, frames - from);
        float[] block = Arrays.copyOfRange(audio, from * FRAME, (from + count) * FRAME);
        System.arraycopy(scorer.score(block), 0, probabilities, from, count);
      }
    }
    return probabilities;
  }

  /** A recording's noise floor: seeded, about -60 dBFS. */
  private static float[] noise(int samples, long seed) {
    Random random = new Random(seed);
    float[] noise = new float[samples];
    for (int i = 0; i < samples; i++) {
      noise[i] = (float) (random.nextGaussian() * 0.001);
    }
    return noise;
  }

  private static float[] join(float[]... parts) {
    float[] joined = new float[Arrays.stream(parts).mapToInt(part -> part.length).sum()];
    int at = 0;
    for (float[] part : parts) {
      System.arraycopy(part, 0, joined, at, part.length);
      at += part.length;
    }
    return joined;
  }

  private static float max(float[] values, int from, int to) {
    float max = 0;
    for (int i = from; i < to; i++) {
      max = Math.max(max, values[i]);
    }
    return max;
  }

  private static double share(float[] values, int from, int to, float atLeast) {
    long count =
        Arrays.stream(Arrays.copyOfRange(toDoubles(values), from, to))
            .filter(v -> v >= atLeast)
            .count();
    return count / (double) (to - from);
  }

  private static double[] toDoubles(float[] values) {
    double[] doubles = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      doubles[i] = values[i];
    }
    return doubles;
  }
}
