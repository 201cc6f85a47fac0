package io.nightscribe.asr.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.engine.DecodingSettings;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsDigestTest {

  @Test
  void hashesTheCanonicalJsonOfTheSettings() {
    // given
    Map<String, String> options = new LinkedHashMap<>();
    options.put("beam", "13");
    options.put("alpha", "0.5");
    DecodingSettings settings = new DecodingSettings(30_000, 2_000, 120_000, options);

    // when
    String json = new String(SettingsDigest.canonicalJson(settings), StandardCharsets.UTF_8);

    // then
    assertThat(json)
        .isEqualTo(
            "{\"chunkMillis\":30000,\"engineOptions\":{\"alpha\":\"0.5\",\"beam\":\"13\"},"
                + "\"maxBatchMillis\":120000,\"overlapMillis\":2000}");
    assertThat(SettingsDigest.sha256(settings))
        .isEqualTo(Sha256.hex(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void optionOrderDoesNotMatterButValuesDo() {
    DecodingSettings a =
        new DecodingSettings(30_000, 2_000, 120_000, Map.of("beam", "13", "alpha", "0.5"));
    DecodingSettings b =
        new DecodingSettings(30_000, 2_000, 120_000, Map.of("alpha", "0.5", "beam", "13"));
    DecodingSettings c =
        new DecodingSettings(30_000, 1_000, 120_000, Map.of("alpha", "0.5", "beam", "13"));

    assertThat(SettingsDigest.sha256(a)).isEqualTo(SettingsDigest.sha256(b));
    assertThat(SettingsDigest.sha256(a)).isNotEqualTo(SettingsDigest.sha256(c));
  }
}
