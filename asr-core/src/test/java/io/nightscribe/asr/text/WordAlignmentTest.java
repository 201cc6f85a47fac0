package io.nightscribe.asr.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordAlignmentTest {

  @Test
  void identicalTextsAlignWordForWordWithNoErrors() {
    WordAlignment alignment = WordAlignment.of("The cat sat.", "the cat sat");

    assertThat(alignment.edits())
        .extracting(WordAlignment.Edit::kind)
        .containsOnly(WordAlignment.Kind.MATCH);
    assertThat(alignment.errorRate().errors()).isZero();
    assertThat(alignment.diff()).isEqualTo("the cat sat");
  }

  @Test
  void theDiffMarksEachKindOfEditInTextOrder() {
    WordAlignment alignment = WordAlignment.of("one two three four", "one too three four five");

    assertThat(alignment.diff()).isEqualTo("one [-two-] {+too+} three four {+five+}");
    assertThat(alignment.errorRate()).isEqualTo(new WordErrorRate(1, 0, 1, 4));
  }

  @Test
  void aMissingWordIsADeletion() {
    WordAlignment alignment = WordAlignment.of("turn the light off", "turn light off");

    assertThat(alignment.diff()).isEqualTo("turn [-the-] light off");
    assertThat(alignment.errorRate().deletions()).isEqualTo(1);
  }
}
