package io.nightscribe.runs.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputKeysTest {
  /** Every string of up to five of these: dots, slashes, escapes and what they escape. */
  private static final String ALPHABET = "a./%2E5F\\\n";

  @Test
  void plainPathsKeepTheirNames() {
    for (String key :
        List.of(
            "call-0001.wav",
            "2026/11/21/call.wav",
            "a.b/.hidden/..x/x../name with spaces.mp3",
            "my%20call.wav",
            "100%.wav",
            "%2e-lowercase.wav",
            "folder/",
            "ünïcødé/ファイル.flac")) {
      assertThat(OutputKeys.escape(key)).as(key).isEqualTo(key);
      assertThat(OutputLayout.transcriptKey(key)).isEqualTo(key + ".json");
    }
  }

  @Test
  void pathOperatorsAreEscapedSoTheyMeanNothing() {
    assertThat(OutputKeys.escape("a/./b")).isEqualTo("a/%2E/b");
    assertThat(OutputKeys.escape("../../etc/passwd")).isEqualTo("%2E%2E/%2E%2E/etc/passwd");
    assertThat(OutputKeys.escape("a/..")).isEqualTo("a/%2E%2E");
    assertThat(OutputKeys.escape("a//b")).isEqualTo("a/%2Fb");
    assertThat(OutputKeys.escape("/abs.wav")).isEqualTo("%2Fabs.wav");
    assertThat(OutputKeys.escape("a//")).isEqualTo("a/%2F");
    assertThat(OutputKeys.escape("a\\..\\b")).isEqualTo("a%5C..%5Cb");
    assertThat(OutputKeys.escape("line\nbreak\u0000\u007f")).isEqualTo("line%0Abreak%00%7F");
  }

  @Test
  void aKeyHoldingAnEscapeIsEscapedSoItCannotPassForAnother() {
    assertThat(OutputKeys.escape("a/%2E/b")).isEqualTo("a/%252E/b");
    assertThat(OutputKeys.escape("a/%2E/b")).isNotEqualTo(OutputKeys.escape("a/./b"));
    assertThat(OutputKeys.escape("%2Fabs.wav")).isNotEqualTo(OutputKeys.escape("/abs.wav"));
    assertThat(OutputKeys.escape("%25")).isEqualTo("%2525");
  }

  @Test
  void trickyPairsGetDifferentNames() {
    List<List<String>> pairs =
        List.of(
            List.of("a/./b", "a/b"),
            List.of("a//b", "a/b"),
            List.of("a/../b", "b"),
            List.of("/a", "a"),
            List.of("a/./b", "a/%2E/b"),
            List.of("a//b", "a/%2Fb"),
            List.of("a\\b", "a%5Cb"),
            List.of("a/", "a//"),
            List.of("%", "%25"),
            List.of("a/.", "a/%2E"));
    for (List<String> pair : pairs) {
      assertThat(OutputLayout.transcriptKey(pair.get(0)))
          .as(pair.toString())
          .isNotEqualTo(OutputLayout.transcriptKey(pair.get(1)));
    }
  }

  @Test
  void everyShortKeyHasItsOwnSafeNameAndComesBackFromIt() {
    Map<String, String> inputOf = new HashMap<>();
    for (String key : allKeys(5)) {
      String transcript = OutputLayout.transcriptKey(key);
      String previous = inputOf.put(transcript, key);
      assertThat(previous).as("%s and %s share %s", previous, key, transcript).isNull();
      assertThat(OutputLayout.inputKey(transcript)).as(transcript).isEqualTo(key);
      assertSafe(transcript);
    }
  }

  private static void assertSafe(String outputKey) {
    assertThat(outputKey).doesNotStartWith("/").doesNotContain("\\");
    assertThat(outputKey.chars().noneMatch(c -> c < 0x20 || c == 0x7F)).as(outputKey).isTrue();
    for (String segment : outputKey.split("/", -1)) {
      assertThat(segment).as(outputKey).isNotIn("", ".", "..");
    }
  }

  private static List<String> allKeys(int maxLength) {
    List<String> keys = new ArrayList<>(List.of(""));
    List<String> previous = List.of("");
    for (int length = 1; length <= maxLength; length++) {
      List<String> next = new ArrayList<>();
      for (String prefix : previous) {
        for (char c : ALPHABET.toCharArray()) {
          next.add(prefix + c);
        }
      }
      keys.addAll(next);
      previous = next;
    }
    return keys;
  }
}
