package io.nightscribe.asr.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordErrorRateTest {

  @Test
  void countsSubstitutionsDeletionsAndInsertions() {
    // given "quick" deleted, "fox" substituted, "today" inserted
    WordErrorRate wer = WordErrorRate.of("the quick brown fox jumps", "the brown box jumps today");

    assertThat(wer).isEqualTo(new WordErrorRate(1, 1, 1, 5));
    assertThat(wer.rate()).isEqualTo(0.6);
  }

  @Test
  void normalisesCasePunctuationAndApostrophesButNotDigits() {
    assertThat(WordErrorRate.normalize("Don't STOP, 'tis well-known: 3 cats!"))
        .containsExactly("don't", "stop", "tis", "well", "known", "3", "cats");
    assertThat(WordErrorRate.of("Hello, World!", "hello world").rate()).isZero();
    assertThat(WordErrorRate.of("3 cats", "three cats")).isEqualTo(new WordErrorRate(1, 0, 0, 2));
  }

  @Test
  void handlesEmptyTexts() {
    assertThat(WordErrorRate.of("", "").rate()).isZero();
    assertThat(WordErrorRate.of("", "a b").rate()).isEqualTo(2.0);
    assertThat(WordErrorRate.of("a b", "")).isEqualTo(new WordErrorRate(0, 2, 0, 2));
  }
}
