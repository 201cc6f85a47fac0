package io.nightscribe.asr.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.engine.DecodingSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CtcEngineOptionsTest {
  private static final Path PACKAGE = Path.of("/models/ctc");

  @Test
  void defaultsToGreedyWithPassesOfSimilarLengthsForAudioCutAtPauses() {
    assertThat(CtcEngineOptions.of(DecodingSettings.DEFAULTS, Map.of(), PACKAGE))
        .isEqualTo(new CtcEngineOptions("greedy", 16, Optional.empty(), Batching.SORTED, 0, 0));
  }

  @Test
  void fixedWindowsKeepOneChunkPerPassAsRunsRecordedBeforeBatchesWerePlanned() {
    assertThat(CtcEngineOptions.of(options(Map.of()), Map.of(), PACKAGE).batching())
        .isEqualTo(Batching.SINGLE);
  }

  @Test
  void readsEachBatchingMode() {
    for (Batching mode : Batching.values()) {
      assertThat(
              CtcEngineOptions.of(
                      options(Map.of("batching", mode.optionValue())), Map.of(), PACKAGE)
                  .batching())
          .isEqualTo(mode);
    }
  }

  @Test
  void runOptionsOverrideThePackageDefaultsAndAWordListResolvesInThePackage() {
    Map<String, String> defaults = Map.of("method", "beam", "beamWidth", "8", "wordList", "w.txt");

    assertThat(
            CtcEngineOptions.of(
                options(Map.of("beamWidth", "32", "wordWeight", "0.8", "wordBonus", "-1.5")),
                defaults,
                PACKAGE))
        .isEqualTo(
            new CtcEngineOptions(
                "beam", 32, Optional.of(PACKAGE.resolve("w.txt")), Batching.SINGLE, 0.8, -1.5));
    assertThat(
            CtcEngineOptions.of(options(Map.of("method", "greedy")), defaults, PACKAGE).wordList())
        .isEmpty();
    assertThat(
            CtcEngineOptions.of(options(Map.of("wordList", "/dict/words")), defaults, PACKAGE)
                .wordList())
        .contains(Path.of("/dict/words"));
  }

  @Test
  void namesTheWrongOptionAndWhatIsAllowed() {
    assertThatThrownBy(
            () -> CtcEngineOptions.of(options(Map.of("method", "viterbi")), Map.of(), PACKAGE))
        .hasMessage("Invalid DJL engine option: method 'viterbi' (use greedy or beam)");
    assertThatThrownBy(
            () -> CtcEngineOptions.of(options(Map.of("beamWidth", "0")), Map.of(), PACKAGE))
        .hasMessage("Invalid DJL engine option: beamWidth '0' (use a whole number, at least 1)");
    assertThatThrownBy(
            () -> CtcEngineOptions.of(options(Map.of("batching", "true")), Map.of(), PACKAGE))
        .hasMessage(
            "Invalid DJL engine option: batching 'true' (use single, buckets, sorted or padded)");
    assertThatThrownBy(
            () -> CtcEngineOptions.of(options(Map.of("wordList", "w.txt")), Map.of(), PACKAGE))
        .hasMessage(
            "Invalid DJL engine option: wordList constrains a beam search only (set method=beam)");
    assertThatThrownBy(
            () -> CtcEngineOptions.of(options(Map.of()), Map.of("lm", "x.arpa"), PACKAGE))
        .hasMessage(
            "Invalid DJL engine option: unknown option 'lm'"
                + " (allowed: batching, beamWidth, method, wordBonus, wordList, wordWeight)");
    assertThatThrownBy(
            () -> CtcEngineOptions.of(options(Map.of("wordWeight", "-1")), Map.of(), PACKAGE))
        .hasMessage("Invalid DJL engine option: wordWeight '-1' (use a number, at least 0)");
  }

  private static DecodingSettings options(Map<String, String> options) {
    return DecodingSettings.fixedWindows(30_000, 2_000, 120_000, options);
  }
}
