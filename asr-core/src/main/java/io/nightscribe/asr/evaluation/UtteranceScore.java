package io.nightscribe.asr.evaluation;

import java.util.Objects;

/**
 * How one model did on one utterance of an evaluation set.
 *
 * @param key the utterance
 * @param slice its slice ("synthetic", "real")
 * @param errors substitutions + deletions + insertions against the reference
 * @param referenceWords words in the reference
 */
public record UtteranceScore(String key, String slice, int errors, int referenceWords) {
  public UtteranceScore {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(slice, "slice");
    if (errors < 0 || referenceWords < 0) {
      throw new IllegalArgumentException(
          "Invalid score of " + key + ": " + errors + "/" + referenceWords);
    }
  }
}
