package io.nightscribe.asr.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CtcEngineOptionsTest {
  private static final Path PACKAGE = Path.of("/models/ctc");

  @Test
  void defaultsToGreedyWithBucketing() {
    assertThat(CtcEngineOptions.of(Map.of(), Map.of(), PACKAGE))
        .isEqualTo(new CtcEngineOptions("greedy", 16, Optional.empty(), true));
  }

  @Test
  void runOptionsOverrideThePackageDefaultsAndAWordListResolvesInThePackage() {
    Map<String, String> defaults = Map.of("method", "beam", "beamWidth", "8", "wordList", "w.txt");

    assertThat(CtcEngineOptions.of(Map.of("beamWidth", "32"), defaults, PACKAGE))
        .isEqualTo(new CtcEngineOptions("beam", 32, Optional.of(PACKAGE.resolve("w.txt")), true));
    assertThat(CtcEngineOptions.of(Map.of("method", "greedy"), defaults, PACKAGE).wordList())
        .isEmpty();
    assertThat(CtcEngineOptions.of(Map.of("wordList", "/dict/words"), defaults, PACKAGE).wordList())
        .contains(Path.of("/dict/words"));
  }

  @Test
  void namesTheWrongOptionAndWhatIsAllowed() {
    assertThatThrownBy(() -> CtcEngineOptions.of(Map.of("method", "viterbi"), Map.of(), PACKAGE))
        .hasMessage("Invalid DJL engine option: method 'viterbi' (use greedy or beam)");
    assertThatThrownBy(() -> CtcEngineOptions.of(Map.of("beamWidth", "0"), Map.of(), PACKAGE))
        .hasMessage("Invalid DJL engine option: beamWidth '0' (use a whole number, at least 1)");
    assertThatThrownBy(() -> CtcEngineOptions.of(Map.of("bucketing", "yes"), Map.of(), PACKAGE))
        .hasMessage("Invalid DJL engine option: bucketing 'yes' (use true or false)");
    assertThatThrownBy(() -> CtcEngineOptions.of(Map.of("wordList", "w.txt"), Map.of(), PACKAGE))
        .hasMessage(
            "Invalid DJL engine option: wordList constrains a beam search only (set method=beam)");
    assertThatThrownBy(() -> CtcEngineOptions.of(Map.of(), Map.of("lm", "x.arpa"), PACKAGE))
        .hasMessage(
            "Invalid DJL engine option: unknown option 'lm'"
                + " (allowed: beamWidth, bucketing, method, wordList)");
  }
}
