package io.nightscribe.asr.ctc;

/**
 * The most likely path that spells a given labelling (Viterbi over the CTC topology): which frames
 * each token of the labelling occupies. Decoders find what was said; this finds when.
 */
final class CtcAlignment {
  private CtcAlignment() {}

  /**
   * For every frame, the index in {@code labelling} of the token the best path emits there, or -1
   * where it emits a blank.
   *
   * @throws IllegalArgumentException when no path of this many frames spells {@code labelling}
   */
  static int[] align(LogProbabilities logProbabilities, int blankId, int[] labelling) {
    int frames = logProbabilities.frames();
    int states = 2 * labelling.length + 1;
    // state s emits the blank when even, labelling[s / 2] when odd
    byte[][] cameFrom = new byte[frames][states];
    double[] score = new double[states];
    double[] nextScore = new double[states];
    java.util.Arrays.fill(score, Double.NEGATIVE_INFINITY);
    if (frames == 0) {
      return new int[0];
    }
    score[0] = logProbabilities.at(0, blankId);
    if (states > 1) {
      score[1] = logProbabilities.at(0, labelling[0]);
    }
    for (int frame = 1; frame < frames; frame++) {
      for (int s = 0; s < states; s++) {
        double best = score[s];
        byte step = 0;
        if (s >= 1 && score[s - 1] > best) {
          best = score[s - 1];
          step = 1;
        }
        if (s >= 2
            && s % 2 == 1
            && labelling[s / 2] != labelling[s / 2 - 1]
            && score[s - 2] > best) {
          best = score[s - 2];
          step = 2;
        }
        cameFrom[frame][s] = step;
        int token = s % 2 == 0 ? blankId : labelling[s / 2];
        nextScore[s] = best + logProbabilities.at(frame, token);
      }
      double[] swap = score;
      score = nextScore;
      nextScore = swap;
    }
    int state = states == 1 || score[states - 1] >= score[states - 2] ? states - 1 : states - 2;
    if (score[state] == Double.NEGATIVE_INFINITY) {
      throw new IllegalArgumentException(
          "Cannot align " + labelling.length + " tokens to " + frames + " frames");
    }
    int[] tokenAt = new int[frames];
    for (int frame = frames - 1; frame >= 0; frame--) {
      tokenAt[frame] = state % 2 == 0 ? -1 : state / 2;
      state -= cameFrom[frame][state];
    }
    return tokenAt;
  }
}
