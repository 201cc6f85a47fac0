package io.nightscribe.asr.ctc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CtcDecodersTest {
  // ids:                                                    0    1    2    3    4    5
  private static final CtcVocabulary VOCABULARY =
      new CtcVocabulary(List.of("_", "|", "C", "A", "T", "R"), 0, "|");

  @Test
  void greedyCollapsesRepeatsAndDropsBlanks() {
    LogProbabilities output =
        Matrices.of(
            row(2, 0.9), // C
            row(2, 0.9), // C again: one C
            row(3, 0.9), // A
            row(0, 0.9), // blank
            row(3, 0.9), // A after a blank: a second A
            row(1, 0.9), // |
            row(4, 0.9)); // T

    assertThat(new GreedyCtcDecoder(0).bestLabelling(output)).containsExactly(2, 3, 3, 1, 4);
  }

  @Test
  void beamSearchFindsTheLabellingWhoseProbabilityIsSpreadOverPaths() {
    // the best path is blank-blank (0.36), but "A" has three paths: A_, _A, AA (0.64)
    LogProbabilities output = Matrices.of(two(0.6, 0.4), two(0.6, 0.4));
    CtcVocabulary blankAndA = new CtcVocabulary(List.of("_", "A"), 0, "|");

    assertThat(new GreedyCtcDecoder(0).bestLabelling(output)).isEmpty();
    assertThat(new PrefixBeamSearchDecoder(blankAndA, 4, Optional.empty()).bestLabelling(output))
        .containsExactly(1);
  }

  @Test
  void beamSearchWithAWordListSpellsOnlyListedWords() {
    LogProbabilities output =
        Matrices.of(
            new double[] {0.05, 0.01, 0.9, 0.02, 0.01, 0.01}, // C
            new double[] {0.05, 0.01, 0.01, 0.9, 0.02, 0.01}, // A
            new double[] {0.1, 0.01, 0.01, 0.01, 0.27, 0.6}); // R, or else T
    PrefixBeamSearchDecoder unconstrained =
        new PrefixBeamSearchDecoder(VOCABULARY, 8, Optional.empty());
    PrefixBeamSearchDecoder cat =
        new PrefixBeamSearchDecoder(
            VOCABULARY, 8, Optional.of(WordList.of(List.of("cat", "dog"), VOCABULARY)));
    PrefixBeamSearchDecoder at =
        new PrefixBeamSearchDecoder(
            VOCABULARY, 8, Optional.of(WordList.of(List.of("AT"), VOCABULARY)));

    assertThat(unconstrained.bestLabelling(output)).containsExactly(2, 3, 5); // car
    assertThat(cat.bestLabelling(output)).containsExactly(2, 3, 4); // cat
    assertThat(at.bestLabelling(output)).containsExactly(3, 4); // at: "cat" is not a word
  }

  @Test
  void aWordsPriorTipsAcousticallyCloseWordsTowardTheCommonOne() throws Exception {
    LogProbabilities output =
        Matrices.of(
            new double[] {0.05, 0.01, 0.9, 0.02, 0.01, 0.01}, // C
            new double[] {0.05, 0.01, 0.01, 0.9, 0.02, 0.01}, // A
            new double[] {0.05, 0.01, 0.01, 0.01, 0.4, 0.52}); // R, a little more than T
    java.nio.file.Path file = java.nio.file.Files.createTempFile("words", ".txt");
    java.nio.file.Files.writeString(file, "car\t1\ncat\t60\ndog\n");
    WordList counted = WordList.read(file, VOCABULARY);

    assertThat(
            new PrefixBeamSearchDecoder(VOCABULARY, 8, Optional.of(counted)).bestLabelling(output))
        .containsExactly(2, 3, 5); // car: priors ignored
    assertThat(
            new PrefixBeamSearchDecoder(VOCABULARY, 8, Optional.of(counted), 1.0, 0)
                .bestLabelling(output))
        .containsExactly(2, 3, 4); // cat: 60 times as common outweighs a slightly likelier R
    java.nio.file.Files.delete(file);
  }

  @Test
  void aWordListKeepsOnlyWordsTheVocabularyCanSpell() {
    assertThat(WordList.of(List.of("cat", "Cat", "dog", "", "tar"), VOCABULARY).size())
        .isEqualTo(2);
  }

  @Test
  void beamSearchOfWidthOneOnPeakedOutputIsGreedy() {
    LogProbabilities output =
        Matrices.of(row(2, 0.8), row(3, 0.8), row(0, 0.8), row(1, 0.8), row(4, 0.8));

    assertThat(new PrefixBeamSearchDecoder(VOCABULARY, 1, Optional.empty()).bestLabelling(output))
        .containsExactly(new GreedyCtcDecoder(0).bestLabelling(output));
  }

  /** A frame where {@code token} has probability {@code p} and the rest share what is left. */
  static double[] row(int token, double p) {
    double[] row = new double[6];
    java.util.Arrays.fill(row, (1 - p) / 5);
    row[token] = p;
    return row;
  }

  private static double[] two(double blank, double a) {
    return new double[] {blank, a};
  }
}
