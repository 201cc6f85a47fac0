package io.nightscribe.asr.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  @Test
  void sortsKeysAndWritesNoWhitespace() {
    // given keys inserted out of order, nested
    Map<String, Object> value = new HashMap<>();
    value.put("b", List.of(1, 2L));
    value.put("a", Map.of("z", true, "y", "x"));
    value.put("c", null);

    // when / then
    assertThat(CanonicalJson.string(value))
        .isEqualTo("{\"a\":{\"y\":\"x\",\"z\":true},\"b\":[1,2],\"c\":null}");
  }

  @Test
  void escapesOnlyWhatJsonRequiresAndKeepsNonAsciiAsUtf8() {
    // given
    String text = "Ça \"dit\" \\ é\n\t\u0001 日本 😀";

    // when
    byte[] bytes = CanonicalJson.bytes(text);

    // then
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo("\"Ça \\\"dit\\\" \\\\ é\\n\\t\\u0001 日本 😀\"");
    assertThat(Arrays.copyOfRange(bytes, 1, 3)).containsExactly(0xC3, 0x87);
  }

  @Test
  void roundsFractionsToFourPlacesHalfToEven() {
    assertThat(CanonicalJson.string(CanonicalJson.fixed4(0.91325))).isEqualTo("0.9132");
    assertThat(CanonicalJson.string(CanonicalJson.fixed4(0.91335))).isEqualTo("0.9134");
    assertThat(CanonicalJson.string(CanonicalJson.fixed4(1))).isEqualTo("1.0000");
    assertThat(CanonicalJson.string(CanonicalJson.fixed4(0.00001))).isEqualTo("0.0000");
    assertThat(CanonicalJson.string(CanonicalJson.fixed4(0.91))).isEqualTo("0.9100");
  }

  @Test
  void refusesRawDoublesAndNonFiniteNumbers() {
    assertThatThrownBy(() -> CanonicalJson.string(0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid value for canonical JSON: java.lang.Double");
    assertThatThrownBy(() -> CanonicalJson.fixed4(Double.NaN))
        .hasMessage("Invalid number for canonical JSON: NaN");
  }
}
