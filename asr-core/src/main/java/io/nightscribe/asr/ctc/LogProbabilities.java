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

  /** The log-probability of {@code token} at {@code frame}. */
  public float at(int frame, int token) {
    return values[frame * tokens + token];
  }
}
