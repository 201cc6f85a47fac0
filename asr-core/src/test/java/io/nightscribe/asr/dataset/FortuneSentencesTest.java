package io.nightscribe.asr.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FortuneSentencesTest {
  @TempDir Path folder;

  @Test
  void splitsEntriesIntoSentencesAndDropsAttributions() {
    // given two entries, one with a two-line attribution
    String strfile =
        """
        A visit to a strange place will bring fresh work.
        %
        Never put off till tomorrow what you\tcan do
        the day after tomorrow!  Why hurry?  It only makes you tired today.
        \t\t-- Mark Twain, wrote
        \t\t   this line too
        %
        """;

    // when
    List<Sentence> sentences = FortuneSentences.sentences(strfile);

    // then each sentence of four words or more is kept on one line, none of the attribution
    assertThat(sentences)
        .extracting(Sentence::text)
        .containsExactly(
            "a visit to a strange place will bring fresh work",
            "never put off till tomorrow what you can do the day after tomorrow",
            "it only makes you tired today");
    assertThat(sentences.get(1).written())
        .isEqualTo("Never put off till tomorrow what you can do the day after tomorrow!");
  }

  @Test
  void keepsSentencesOfFourToTwentyWordsThatAreSpeakable() {
    String strfile =
        String.join(
            "\n",
            "Too short here.",
            "%",
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
                + " fifteen sixteen seventeen eighteen nineteen twenty twentyone.",
            "%",
            "Call 555 for help now.",
            "%",
            "Exactly four words here.");

    assertThat(FortuneSentences.sentences(strfile))
        .extracting(Sentence::text)
        .containsExactly("exactly four words here");
  }

  @Test
  void skipsOverstruckEntries() {
    String strfile = "This is _\bb_\bo_\bl_\bd text, really.\n%\nThis one is plain text.\n";

    assertThat(FortuneSentences.sentences(strfile))
        .extracting(Sentence::text)
        .containsExactly("this one is plain text");
  }

  @Test
  void readsEveryFortuneFileOnceAndKeepsEachTextOnce() throws Exception {
    // given two files sharing a sentence, an index file and a .u8 link
    Files.writeString(
        folder.resolve("b"), "Love is a many splendored thing.\n%\nBe kind to ducks.\n");
    Files.writeString(folder.resolve("a"), "Love is a many-splendored thing!\n%\nzzz\n");
    Files.write(folder.resolve("a.dat"), new byte[] {0, 1, 2});
    Files.createSymbolicLink(folder.resolve("a.u8"), folder.resolve("a"));

    // when
    List<Sentence> sentences = FortuneSentences.read(folder);

    // then the shared text is there once, in its first file's form, and the list is sorted by text
    assertThat(sentences)
        .containsExactly(
            new Sentence("be kind to ducks", "Be kind to ducks."),
            new Sentence("love is a many splendored thing", "Love is a many-splendored thing!"));
  }
}
