package io.nightscribe.asr.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CharacterVocabularyTest {

  @Test
  void encodesNormalizedWordsSeparatedByTheDelimiterAndDecodesThemBack() {
    int[] ids = CharacterVocabulary.encode("Don't PANIC!").orElseThrow();

    assertThat(CharacterVocabulary.decode(ids)).isEqualTo("don't panic");
    assertThat(ids).doesNotContain(CharacterVocabulary.BLANK);
  }

  @Test
  void refusesTextItCannotSpell() {
    assertThat(CharacterVocabulary.encode("route 66")).isEmpty();
    assertThat(CharacterVocabulary.encode("café")).isEmpty();
  }
}
