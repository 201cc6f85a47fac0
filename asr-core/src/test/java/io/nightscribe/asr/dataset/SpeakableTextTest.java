package io.nightscribe.asr.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpeakableTextTest {
  @Test
  void punctuationAReaderDoesNotSayIsDroppedAndWordsAreLowerCase() {
    assertThat(SpeakableText.reference("\"Well,\" she said -- (quietly) -- \"it's `late'!\""))
        .hasValue("well she said quietly it's late");
  }

  @Test
  void hyphenatedWordsAreTwoWords() {
    assertThat(SpeakableText.reference("A well-known fact.")).hasValue("a well known fact");
  }

  @Test
  void digitsAndSymbolsAreSaidAsOtherWords() {
    assertThat(SpeakableText.reference("Press 1 now.")).isEmpty();
    assertThat(SpeakableText.reference("Rock & roll.")).isEmpty();
    assertThat(SpeakableText.reference("Half off, 50% today")).isEmpty();
    assertThat(SpeakableText.reference("Costs $5")).isEmpty();
  }

  @Test
  void dottedTokensAndAcronymsAreNotReadAsWritten() {
    assertThat(SpeakableText.reference("Read comp.arch every day")).isEmpty();
    assertThat(SpeakableText.reference("Bring tea, e.g. green tea")).isEmpty();
    assertThat(SpeakableText.reference("Nobody ever got fired for buying IBM")).isEmpty();
    assertThat(SpeakableText.reference("It is OK")).isEmpty();
  }

  @Test
  void abbreviationsAreSaidInFull() {
    assertThat(SpeakableText.reference("Ask Mr Smith")).isEmpty();
    assertThat(SpeakableText.reference("Ask Dr. Smith")).isEmpty();
  }

  @Test
  void aSingleCapitalAndContractionsAreWords() {
    assertThat(SpeakableText.reference("I'm sure I know A from B."))
        .hasValue("i'm sure i know a from b");
  }

  @Test
  void nonAsciiLettersAndBlankTextHaveNoReference() {
    assertThat(SpeakableText.reference("A café in town")).isEmpty();
    assertThat(SpeakableText.reference(" -- ")).isEmpty();
  }
}
