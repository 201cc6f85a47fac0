package io.nightscribe.asr.ctc;

import java.util.Objects;

/**
 * A word decoded from a chunk's CTC output, timed in output frames.
 *
 * @param text the word, lower-case
 * @param firstFrame the first frame its tokens occupy
 * @param lastFrame the last frame its tokens occupy, not before the first
 * @param confidence exp of the mean log-probability of its tokens over the frames they occupy, in
 *     [0, 1]: the geometric mean of their per-frame posteriors
 */
public record CtcWord(String text, int firstFrame, int lastFrame, double confidence) {
  public CtcWord {
    Objects.requireNonNull(text, "text");
    if (firstFrame < 0 || lastFrame < firstFrame || !(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException(
          "Invalid word '"
              + text
              + "': frames "
              + firstFrame
              + "-"
              + lastFrame
              + ", "
              + confidence);
    }
  }
}
