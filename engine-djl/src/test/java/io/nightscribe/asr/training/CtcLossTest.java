package io.nightscribe.asr.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CtcLossTest {
  private static final int BLANK = 0;

  @Test
  void equalsTheProbabilityOfEveryPathThatCollapsesToTheLabels() {
    Random random = new Random(3);
    for (int[] labels : List.of(new int[] {1, 2}, new int[] {1, 1}, new int[] {2}, new int[0])) {
      int frames = 5;
      int vocabulary = 3;
      float[] logProbabilities = randomLogProbabilities(random, frames, vocabulary);

      CtcLoss.Result result =
          new CtcLoss(BLANK).compute(logProbabilities, frames, vocabulary, labels);

      double expected =
          -Math.log(bruteForceLikelihood(logProbabilities, frames, vocabulary, labels));
      assertThat(result.loss()).as(Arrays.toString(labels)).isCloseTo(expected, offset(1e-6));
    }
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    Random random = new Random(11);
    int frames = 6;
    int vocabulary = 4;
    int[] labels = {1, 3, 3};
    float[] logProbabilities = randomLogProbabilities(random, frames, vocabulary);
    CtcLoss loss = new CtcLoss(BLANK);

    float[] gradient = loss.compute(logProbabilities, frames, vocabulary, labels).gradient();

    double step = 1e-3;
    for (int i = 0; i < logProbabilities.length; i++) {
      float[] up = logProbabilities.clone();
      float[] down = logProbabilities.clone();
      up[i] += (float) step;
      down[i] -= (float) step;
      double numeric =
          (loss.compute(up, frames, vocabulary, labels).loss()
                  - loss.compute(down, frames, vocabulary, labels).loss())
              / (2 * step);
      assertThat((double) gradient[i]).as("d/d%d", i).isCloseTo(numeric, offset(2e-3));
    }
  }

  @Test
  void labelsThatCannotFitTheFramesGiveAnInfiniteLossAndNoGradient() {
    float[] logProbabilities = randomLogProbabilities(new Random(5), 2, 3);

    CtcLoss.Result result = new CtcLoss(BLANK).compute(logProbabilities, 2, 3, new int[] {1, 1});

    assertThat(result.isFinite()).isFalse();
    assertThat(result.gradient()).containsOnly(0f);
  }

  @Test
  void ignoresPaddingFramesBeyondTheValidOnes() {
    Random random = new Random(8);
    float[] valid = randomLogProbabilities(random, 4, 3);
    float[] padded = Arrays.copyOf(valid, valid.length + 2 * 3);
    int[] labels = {2, 1};

    assertThat(new CtcLoss(BLANK).compute(padded, 4, 3, labels).loss())
        .isEqualTo(new CtcLoss(BLANK).compute(valid, 4, 3, labels).loss());
  }

  private static float[] randomLogProbabilities(Random random, int frames, int vocabulary) {
    float[] values = new float[frames * vocabulary];
    for (int t = 0; t < frames; t++) {
      double[] scores = new double[vocabulary];
      double total = 0;
      for (int k = 0; k < vocabulary; k++) {
        scores[k] = Math.exp(random.nextGaussian());
        total += scores[k];
      }
      for (int k = 0; k < vocabulary; k++) {
        values[t * vocabulary + k] = (float) Math.log(scores[k] / total);
      }
    }
    return values;
  }

  private static double bruteForceLikelihood(
      float[] logProbabilities, int frames, int vocabulary, int[] labels) {
    double total = 0;
    int paths = (int) Math.pow(vocabulary, frames);
    for (int path = 0; path < paths; path++) {
      int rest = path;
      double probability = 1;
      List<Integer> collapsed = new ArrayList<>();
      int previous = -1;
      for (int t = 0; t < frames; t++) {
        int token = rest % vocabulary;
        rest /= vocabulary;
        probability *= Math.exp(logProbabilities[t * vocabulary + token]);
        if (token != BLANK && token != previous) {
          collapsed.add(token);
        }
        previous = token;
      }
      if (collapsed.equals(Arrays.stream(labels).boxed().toList())) {
        total += probability;
      }
    }
    return total;
  }
}
