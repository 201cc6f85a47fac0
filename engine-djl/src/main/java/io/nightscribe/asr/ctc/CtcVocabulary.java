package io.nightscribe.asr.ctc;

import java.util.List;
import java.util.Objects;

/**
 * The tokens a CTC model answers, which one is the blank, and which one separates words.
 *
 * <p>Tokens spelled {@code <...>} other than the blank (wav2vec2's {@code <s>}, {@code </s>},
 * {@code <unk>}) spell nothing: {@link #foldSilentTokens} adds their probability to the blank's, so
 * decoders see one way of emitting nothing. Immutable and thread-safe.
 *
 * @param tokens the token texts, by id
 * @param blankId the CTC blank's id
 * @param wordDelimiter the token between words (" ", or wav2vec2's "|")
 */
public record CtcVocabulary(List<String> tokens, int blankId, String wordDelimiter) {
  public CtcVocabulary {
    tokens = List.copyOf(tokens);
    Objects.requireNonNull(wordDelimiter, "wordDelimiter");
    if (blankId < 0 || blankId >= tokens.size()) {
      throw new IllegalArgumentException(
          "Invalid vocabulary: blankId " + blankId + " outside " + tokens.size() + " tokens");
    }
  }

  /** Whether {@code id} separates words. */
  public boolean isDelimiter(int id) {
    return tokens.get(id).equals(wordDelimiter);
  }

  /** Whether {@code id} spells nothing: the blank, or a {@code <...>} special token. */
  public boolean isSilent(int id) {
    String token = tokens.get(id);
    return id == blankId || (token.length() > 2 && token.startsWith("<") && token.endsWith(">"));
  }

  /**
   * {@code logProbabilities} with every silent token's probability moved into the blank: the
   * blank's column holds their log-sum-exp, and theirs hold negative infinity.
   */
  public LogProbabilities foldSilentTokens(LogProbabilities logProbabilities) {
    int[] silent =
        java.util.stream.IntStream.range(0, tokens.size())
            .filter(id -> id != blankId && isSilent(id))
            .toArray();
    if (silent.length == 0) {
      return logProbabilities;
    }
    float[] folded = logProbabilities.values().clone();
    int width = logProbabilities.tokens();
    for (int frame = 0; frame < logProbabilities.frames(); frame++) {
      double blank = folded[frame * width + blankId];
      for (int id : silent) {
        blank = LogSpace.add(blank, folded[frame * width + id]);
        folded[frame * width + id] = Float.NEGATIVE_INFINITY;
      }
      folded[frame * width + blankId] = (float) blank;
    }
    return new LogProbabilities(folded, logProbabilities.frames(), width);
  }
}
