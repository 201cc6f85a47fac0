package io.nightscribe.asr.ctc;

import static io.nightscribe.asr.ctc.CtcDecodersTest.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CtcWordDecoderTest {
  private static final CtcVocabulary VOCABULARY =
      new CtcVocabulary(List.of("_", "|", "C", "A", "T", "R"), 0, "|");

  @Test
  void splitsWordsOnTheDelimiterLowerCasedAndTimedByTheFramesTheirTokensOccupy() {
    LogProbabilities output =
        Matrices.of(
            row(0, 0.9), // 0 blank
            row(3, 0.9), // 1 A
            row(4, 0.9), // 2 T
            row(4, 0.9), // 3 T (same token)
            row(1, 0.9), // 4 |
            row(0, 0.9), // 5 blank
            row(2, 0.9), // 6 C
            row(3, 0.9), // 7 A
            row(5, 0.9), // 8 R
            row(0, 0.9)); // 9 blank

    List<CtcWord> words = new CtcWordDecoder(VOCABULARY, new GreedyCtcDecoder(0)).decode(output);

    assertThat(words).extracting(CtcWord::text).containsExactly("at", "car");
    assertThat(words).extracting(CtcWord::firstFrame).containsExactly(1, 6);
    assertThat(words).extracting(CtcWord::lastFrame).containsExactly(3, 8);
  }

  @Test
  void confidenceIsTheGeometricMeanOfTheWordsTokenPosteriorsOverItsFrames() {
    LogProbabilities output = Matrices.of(row(3, 0.8), row(3, 0.5), row(4, 0.9), row(0, 0.9));

    CtcWord word =
        new CtcWordDecoder(VOCABULARY, new PrefixBeamSearchDecoder(VOCABULARY, 4, Optional.empty()))
            .decode(output)
            .get(0);

    assertThat(word.text()).isEqualTo("at");
    assertThat(word.confidence()).isCloseTo(Math.cbrt(0.8 * 0.5 * 0.9), within(1e-6));
  }

  @Test
  void specialTokensSpellNothingAndCountAsBlank() {
    CtcVocabulary wav2vec2 =
        new CtcVocabulary(List.of("<pad>", "<s>", "</s>", "<unk>", "|", "A"), 0, "|");
    // frame 1: <unk> alone beats A, but the blank and the special tokens together outweigh it
    LogProbabilities output =
        Matrices.of(
            new double[] {0.02, 0.02, 0.02, 0.02, 0.02, 0.9},
            new double[] {0.2, 0.2, 0.05, 0.25, 0.05, 0.25},
            new double[] {0.02, 0.02, 0.02, 0.02, 0.02, 0.9});

    assertThat(new CtcWordDecoder(wav2vec2, new GreedyCtcDecoder(0)).decode(output))
        .extracting(CtcWord::text)
        .containsExactly("aa");
  }

  @Test
  void silenceHasNoWords() {
    LogProbabilities output = Matrices.of(row(0, 0.9), row(0, 0.9));

    assertThat(new CtcWordDecoder(VOCABULARY, new GreedyCtcDecoder(0)).decode(output)).isEmpty();
  }
}
