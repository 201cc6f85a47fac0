package io.nightscribe.asr.ctc;

/**
 * Finds the token sequence a chunk's CTC output most likely spells. Implementations are immutable
 * and thread-safe.
 */
public interface CtcDecoder {

  /**
   * The most likely labelling: token ids with blanks removed and repeats collapsed, never a silent
   * token. {@code logProbabilities} has its silent tokens folded into the blank ({@link
   * CtcVocabulary#foldSilentTokens}).
   */
  int[] bestLabelling(LogProbabilities logProbabilities);
}
