package io.nightscribe.runs.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.monitoring.drift.CategoricalFeature;
import io.nightscribe.monitoring.drift.NumericFeature;
import io.nightscribe.monitoring.drift.Rate;
import io.nightscribe.monitoring.drift.RateFeature;
import io.nightscribe.monitoring.drift.RunProfile;
import io.nightscribe.runs.ledger.InputRow;
import io.nightscribe.runs.ledger.InputStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class NightProfilesTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PROBE_16K =
      "{\"container\":\"wav\",\"codec\":\"pcm_s16le\",\"sampleRateHz\":16000,\"channels\":1,"
          + "\"durationMillis\":30000}";
  private static final String PROBE_8K =
      "{\"container\":\"mp3\",\"codec\":\"mp3\",\"sampleRateHz\":8000,\"channels\":1,"
          + "\"durationMillis\":60000}";

  @Test
  void transcribedRowsBecomeTheNightsProfileAndQuarantinedOnesAreLeftOut() {
    // given two transcribed inputs (one silent), one quarantined, one recorded before features
    String spoken = JSON.writeValueAsString(new ObjectFeatures(-20.5, 0.001, 0.8, 75, 0.9, 3));
    String silent = JSON.writeValueAsString(new ObjectFeatures(-120, 0, 0, 0, null, 0));
    List<InputRow> rows =
        List.of(
            transcribed("a.wav", PROBE_16K, 30_000, Optional.of(spoken)),
            transcribed("b.mp3", PROBE_8K, 60_000, Optional.of(silent)),
            quarantined("c.wav"),
            transcribed("d.wav", PROBE_16K, 15_000, Optional.empty()));

    RunProfile profile = new NightProfiles(JSON).profile(rows);

    // then every transcribed input counts for what it has
    assertThat(profile.objects()).isEqualTo(3);
    assertThat(profile.numeric().get(NumericFeature.INPUT_DURATION_SECONDS).values())
        .containsExactly(15, 30, 60);
    assertThat(profile.categorical().get(CategoricalFeature.SAMPLE_RATE_HZ).counts())
        .isEqualTo(Map.of("16000", 2L, "8000", 1L));
    assertThat(profile.categorical().get(CategoricalFeature.CODEC).counts())
        .isEqualTo(Map.of("pcm_s16le", 2L, "mp3", 1L));
    assertThat(profile.numeric().get(NumericFeature.LOUDNESS_DBFS).values())
        .containsExactly(-120, -20.5);
    // 75 words in half a minute; the silent minute has none
    assertThat(profile.numeric().get(NumericFeature.WORDS_PER_MINUTE).values())
        .containsExactly(0, 150);
    // a transcript without words has no mean confidence
    assertThat(profile.numeric().get(NumericFeature.CONFIDENCE).values()).containsExactly(0.9);
    assertThat(profile.rates().get(RateFeature.EMPTY_TRANSCRIPT)).isEqualTo(new Rate(1, 2));
    assertThat(profile.rates().get(RateFeature.OUT_OF_VOCABULARY)).isEqualTo(new Rate(3, 75));
  }

  @Test
  void withoutAWordListTheOutOfVocabularyRateIsLeftOut() {
    String features = JSON.writeValueAsString(new ObjectFeatures(-20, 0, 0.5, 10, 0.7, null));

    RunProfile profile =
        new NightProfiles(JSON)
            .profile(List.of(transcribed("a.wav", PROBE_16K, 6_000, Optional.of(features))));

    assertThat(profile.rates()).containsOnlyKeys(RateFeature.EMPTY_TRANSCRIPT);
  }

  private static InputRow transcribed(
      String key, String probe, long audioMillis, Optional<String> features) {
    return new InputRow(
        key,
        100,
        "etag",
        Optional.empty(),
        InputStatus.TRANSCRIBED,
        Optional.of("sha"),
        Optional.of(probe),
        audioMillis,
        Optional.of(key + ".json"),
        Optional.of("out"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        features);
  }

  private static InputRow quarantined(String key) {
    return new InputRow(
        key,
        100,
        "etag",
        Optional.empty(),
        InputStatus.QUARANTINED,
        Optional.empty(),
        Optional.empty(),
        0,
        Optional.empty(),
        Optional.empty(),
        Optional.of("truncated"),
        Optional.of("decode"),
        Optional.empty(),
        Optional.empty());
  }
}
