package io.nightscribe.asr.training;

/**
 * Connectionist temporal classification loss, with its gradient, by the forward-backward algorithm
 * in log space (Graves et al., 2006). DJL has no CTC loss; computing it here, in double precision
 * on the CPU, also makes it deterministic and checkable by hand.
 *
 * <p>The gradient is taken with respect to the log-probabilities themselves: {@code -gamma}, the
 * posterior occupancy of each (frame, token). Fed back through the network's log-softmax it gives
 * the familiar {@code softmax - gamma}. Stateless and thread-safe.
 */
public final class CtcLoss {
  private static final double IMPOSSIBLE = Double.NEGATIVE_INFINITY;

  private final int blank;

  /**
   * @param blank the blank token's id
   */
  public CtcLoss(int blank) {
    this.blank = blank;
  }

  /**
   * The loss and gradient of one utterance.
   *
   * @param logProbabilities row-major [frames x vocabulary] log-probabilities; rows past {@code
   *     frames} are ignored (padding)
   * @param frames valid frames
   * @param vocabulary tokens per frame
   * @param labels the target token ids (no blanks); may be empty
   * @return the negative log-likelihood and its gradient [frames x vocabulary]; an infinite loss
   *     (and zero gradient) when the labels cannot fit in the frames
   */
  public Result compute(float[] logProbabilities, int frames, int vocabulary, int[] labels) {
    int states = 2 * labels.length + 1;
    int[] tokenOf = new int[states];
    for (int s = 0; s < states; s++) {
      tokenOf[s] = s % 2 == 0 ? blank : labels[s / 2];
    }
    double[][] alpha = new double[frames][states];
    double[][] beta = new double[frames][states];
    for (double[] row : alpha) {
      java.util.Arrays.fill(row, IMPOSSIBLE);
    }
    for (double[] row : beta) {
      java.util.Arrays.fill(row, IMPOSSIBLE);
    }
    if (frames == 0) {
      return new Result(labels.length == 0 ? 0 : Double.POSITIVE_INFINITY, new float[0]);
    }
    alpha[0][0] = logProbabilities[tokenOf[0]];
    if (states > 1) {
      alpha[0][1] = logProbabilities[tokenOf[1]];
    }
    for (int t = 1; t < frames; t++) {
      int row = t * vocabulary;
      for (int s = 0; s < states; s++) {
        double paths = alpha[t - 1][s];
        if (s > 0) {
          paths = logAdd(paths, alpha[t - 1][s - 1]);
        }
        if (s > 1 && tokenOf[s] != blank && tokenOf[s] != tokenOf[s - 2]) {
          paths = logAdd(paths, alpha[t - 1][s - 2]);
        }
        alpha[t][s] = paths + logProbabilities[row + tokenOf[s]];
      }
    }
    int last = frames - 1;
    int lastRow = last * vocabulary;
    beta[last][states - 1] = logProbabilities[lastRow + tokenOf[states - 1]];
    if (states > 1) {
      beta[last][states - 2] = logProbabilities[lastRow + tokenOf[states - 2]];
    }
    for (int t = last - 1; t >= 0; t--) {
      int row = t * vocabulary;
      for (int s = 0; s < states; s++) {
        double paths = beta[t + 1][s];
        if (s + 1 < states) {
          paths = logAdd(paths, beta[t + 1][s + 1]);
        }
        if (s + 2 < states && tokenOf[s] != blank && tokenOf[s] != tokenOf[s + 2]) {
          paths = logAdd(paths, beta[t + 1][s + 2]);
        }
        beta[t][s] = paths + logProbabilities[row + tokenOf[s]];
      }
    }
    double logLikelihood = alpha[last][states - 1];
    if (states > 1) {
      logLikelihood = logAdd(logLikelihood, alpha[last][states - 2]);
    }
    float[] gradient = new float[frames * vocabulary];
    if (logLikelihood == IMPOSSIBLE) {
      return new Result(Double.POSITIVE_INFINITY, gradient);
    }
    double[] occupancy = new double[vocabulary];
    for (int t = 0; t < frames; t++) {
      java.util.Arrays.fill(occupancy, IMPOSSIBLE);
      int row = t * vocabulary;
      for (int s = 0; s < states; s++) {
        // alpha and beta both include frame t's emission: remove it once
        double through = alpha[t][s] + beta[t][s] - logProbabilities[row + tokenOf[s]];
        occupancy[tokenOf[s]] = logAdd(occupancy[tokenOf[s]], through);
      }
      for (int k = 0; k < vocabulary; k++) {
        gradient[row + k] = (float) -Math.exp(occupancy[k] - logLikelihood);
      }
    }
    return new Result(-logLikelihood, gradient);
  }

  private static double logAdd(double a, double b) {
    if (a == IMPOSSIBLE) {
      return b;
    }
    if (b == IMPOSSIBLE) {
      return a;
    }
    return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
  }

  /**
   * @param loss the negative log-likelihood of the labels; infinite when impossible
   * @param gradient d loss / d log-probability, row-major [frames x vocabulary]
   */
  public record Result(double loss, float[] gradient) {
    /** Whether the labels fit the frames at all. */
    public boolean isFinite() {
      return Double.isFinite(loss);
    }
  }
}
