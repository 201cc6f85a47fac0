package io.nightscribe.asr.ctc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns a chunk's CTC output into timed words: silent tokens folded into the blank, the best
 * labelling found by a {@link CtcDecoder}, its tokens placed on frames by the best path that spells
 * it, and split into words on the vocabulary's word delimiter. Immutable and thread-safe.
 */
public final class CtcWordDecoder {
  private final CtcVocabulary vocabulary;
  private final CtcDecoder decoder;

  public CtcWordDecoder(CtcVocabulary vocabulary, CtcDecoder decoder) {
    this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
  }

  /** The words of one chunk, in time order, lower-case. */
  public List<CtcWord> decode(LogProbabilities logProbabilities) {
    if (logProbabilities.tokens() != vocabulary.tokens().size()) {
      throw new IllegalArgumentException(
          "Invalid log-probabilities: "
              + logProbabilities.tokens()
              + " tokens for a vocabulary of "
              + vocabulary.tokens().size());
    }
    LogProbabilities folded = vocabulary.foldSilentTokens(logProbabilities);
    int[] labelling = decoder.bestLabelling(folded);
    int[] tokenAt = CtcAlignment.align(folded, vocabulary.blankId(), labelling);
    List<CtcWord> words = new ArrayList<>();
    WordBuilder word = new WordBuilder();
    int frame = 0;
    for (int index = 0; index < labelling.length; index++) {
      int token = labelling[index];
      if (vocabulary.isDelimiter(token)) {
        word.finish(words);
        continue;
      }
      while (tokenAt[frame] != index) {
        frame++;
      }
      word.text.append(vocabulary.tokens().get(token));
      for (; frame < tokenAt.length && tokenAt[frame] == index; frame++) {
        word.add(frame, folded.at(frame, token));
      }
    }
    word.finish(words);
    return List.copyOf(words);
  }

  /** The word being spelled; reused for every word of a chunk. */
  private static final class WordBuilder {
    private final StringBuilder text = new StringBuilder();
    private int firstFrame = -1;
    private int lastFrame;
    private double logProbabilitySum;
    private int frames;

    void add(int frame, double logProbability) {
      if (firstFrame < 0) {
        firstFrame = frame;
      }
      lastFrame = frame;
      logProbabilitySum += logProbability;
      frames++;
    }

    void finish(List<CtcWord> words) {
      String spelled = text.toString().strip().toLowerCase(Locale.ROOT);
      if (!spelled.isEmpty()) {
        double confidence = Math.min(1, Math.exp(logProbabilitySum / frames));
        words.add(new CtcWord(spelled, firstFrame, lastFrame, confidence));
      }
      text.setLength(0);
      firstFrame = -1;
      logProbabilitySum = 0;
      frames = 0;
    }
  }
}
