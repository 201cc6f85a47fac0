package io.nightscribe.asr.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.engine.PauseSegmentation;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SettingsDigestTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void hashesTheCanonicalJsonOfFixedWindowSettingsAsRunsBeforeSegmentationDid() {
    // given
    Map<String, String> options = new LinkedHashMap<>();
    options.put("beam", "13");
    options.put("alpha", "0.5");
    DecodingSettings settings = DecodingSettings.fixedWindows(30_000, 2_000, 120_000, options);

    // when
    String json = new String(SettingsDigest.canonicalJson(settings), StandardCharsets.UTF_8);

    // then the JSON (and hash) runs recorded before segmentation at pauses existed
    assertThat(json)
        .isEqualTo(
            "{\"chunkMillis\":30000,\"engineOptions\":{\"alpha\":\"0.5\",\"beam\":\"13\"},"
                + "\"maxBatchMillis\":120000,\"overlapMillis\":2000}");
    assertThat(SettingsDigest.sha256(settings))
        .isEqualTo(Sha256.hex(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theDefaultsCutAtPausesAndSayHow() {
    String json =
        new String(SettingsDigest.canonicalJson(DecodingSettings.DEFAULTS), StandardCharsets.UTF_8);

    assertThat(json)
        .isEqualTo(
            "{\"chunkMillis\":30000,\"engineOptions\":{},\"maxBatchMillis\":120000,"
                + "\"overlapMillis\":2000,\"segmentation\":{\"detector\":\"silero-vad-6.2.3\","
                + "\"joinPauseMillis\":2000,\"minPauseMillis\":300,\"padMillis\":200,"
                + "\"preferredMillis\":20000,\"thresholdPercent\":50}}");
  }

  @Test
  void recordedSettingsReadBackEqualWithOrWithoutSegmentation() {
    DecodingSettings fixed = DecodingSettings.fixedWindows(20_000, 1_000, 60_000, Map.of("a", "1"));
    DecodingSettings pauses = DecodingSettings.DEFAULTS;

    assertThat(JSON.readValue(SettingsDigest.canonicalJson(fixed), DecodingSettings.class))
        .isEqualTo(fixed);
    assertThat(JSON.readValue(SettingsDigest.canonicalJson(pauses), DecodingSettings.class))
        .isEqualTo(pauses);
  }

  @Test
  void settingsRecordedBeforeSegmentationExistedReadBackAsFixedWindows() {
    String recorded =
        "{\"chunkMillis\":30000,\"engineOptions\":{},\"maxBatchMillis\":120000,"
            + "\"overlapMillis\":2000}";

    DecodingSettings settings = JSON.readValue(recorded, DecodingSettings.class);

    assertThat(settings.segmentation()).isEmpty();
    assertThat(new String(SettingsDigest.canonicalJson(settings), StandardCharsets.UTF_8))
        .isEqualTo(recorded);
  }

  @Test
  void optionOrderDoesNotMatterButValuesDo() {
    DecodingSettings a =
        DecodingSettings.fixedWindows(30_000, 2_000, 120_000, Map.of("beam", "13", "alpha", "0.5"));
    DecodingSettings b =
        DecodingSettings.fixedWindows(30_000, 2_000, 120_000, Map.of("alpha", "0.5", "beam", "13"));
    DecodingSettings c =
        DecodingSettings.fixedWindows(30_000, 1_000, 120_000, Map.of("alpha", "0.5", "beam", "13"));
    DecodingSettings d =
        new DecodingSettings(
            30_000,
            2_000,
            120_000,
            Map.of("beam", "13", "alpha", "0.5"),
            Optional.of(PauseSegmentation.DEFAULTS));

    assertThat(SettingsDigest.sha256(a)).isEqualTo(SettingsDigest.sha256(b));
    assertThat(SettingsDigest.sha256(a)).isNotEqualTo(SettingsDigest.sha256(c));
    assertThat(SettingsDigest.sha256(a)).isNotEqualTo(SettingsDigest.sha256(d));
  }
}
