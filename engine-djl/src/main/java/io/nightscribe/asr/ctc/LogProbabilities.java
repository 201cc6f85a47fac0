package io.nightscribe.asr.ctc;

import java.util.Objects;

/**
 * A CTC model's answer for one chunk: for each output frame, the natural-log posterior of every
 * token, row-major [frames x tokens].
 *
 * @param values the log-probabilities, owned by this record (decoders read it, never write it)
 * @param frames output frames
 * @param tokens vocabulary size
 */
public record LogProbabilities(float[] values, int frames, int tokens) {
  public LogProbabilities {
    Objects.requireNonNull(values, "values");
    if (frames < 0 || tokens < 1 || values.length != frames * tokens) {
      throw new IllegalArgumentException(
          "Invalid log-probabilities: " + values.length + " values for " + frames + " x " + tokens);
    }
  }

  /**
   * The log-softmax of {@code frames} rows of {@code tokens} scores, row-major. Log-probabilities
   * come back unchanged (up to rounding), so a model may answer either.
   */
  public static LogProbabilities ofScores(float[] scores, int frames, int tokens) {
    float[] values = new float[frames * tokens];
    for (int frame = 0; frame < frames; frame++) {
      int row = frame * tokens;
      float max = Float.NEGATIVE_INFINITY;
      for (int token = 0; token < tokens; token++) {
        max = Math.max(max, scores[row + token]);
      }
      double sum = 0;
      for (int token = 0; token < tokens; token++) {
        sum += Math.exp(scores[row + token] - max);
      }
      float logSum = (float) (max + Math.log(sum));
      for (int token = 0; token < tokens; token++) {
        values[row + token] = scores[row + token] - logSum;
      }
    }
    return new LogProbabilities(values, frames, tokens);
  }

  /** The log-probability of {@code token} at {@code frame}. */
  public float at(int frame, int token) {
    return values[frame * tokens + token];
  }
}
