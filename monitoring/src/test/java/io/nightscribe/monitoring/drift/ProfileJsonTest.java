package io.nightscribe.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProfileJsonTest {
  @Test
  void writesCanonicalJson() {
    // given
    RunProfile profile =
        RunProfile.builder()
            .object()
            .object()
            .add(NumericFeature.CONFIDENCE, 0.83)
            .add(NumericFeature.CONFIDENCE, 0.61234567)
            .add(NumericFeature.LOUDNESS_DBFS, -24.05)
            .add(CategoricalFeature.SAMPLE_RATE_HZ, "16000")
            .add(CategoricalFeature.CODEC, "wav")
            .add(CategoricalFeature.CODEC, "mp3")
            .add(CategoricalFeature.CODEC, "mp3")
            .add(RateFeature.EMPTY_TRANSCRIPT, 1, 2)
            .build();
    // when
    String json = new String(ProfileJson.encode(profile), StandardCharsets.UTF_8);
    // then
    assertThat(json)
        .isEqualTo(
            "{\"categorical\":{\"codec\":{\"mp3\":2,\"wav\":1},\"sampleRateHz\":{\"16000\":1}},"
                + "\"numeric\":{\"confidence\":[0.6123,0.8300],\"loudnessDbfs\":[-24.0500]},"
                + "\"objects\":2,"
                + "\"rates\":{\"emptyTranscript\":{\"events\":1,\"trials\":2}},"
                + "\"schemaVersion\":1}");
  }

  @Test
  void roundTripsToTheSameProfileAndBytes() {
    // given a realistic night
    RunProfile profile = DriftDetectorTest.night(7, 3000, 0.1, 0.0);
    byte[] json = ProfileJson.encode(profile);
    // when
    RunProfile read = ProfileJson.decode(json);
    // then
    assertThat(read).isEqualTo(profile);
    assertThat(ProfileJson.encode(read)).isEqualTo(json);
  }

  @Test
  void theSameObjectsInAnotherOrderGiveTheSameBytes() {
    // given 12,000 values, more than a profile keeps, added in two orders
    List<Double> values = new ArrayList<>();
    Random random = new Random(3);
    for (int i = 0; i < 12_000; i++) {
      values.add(random.nextGaussian());
    }
    List<Double> shuffled = new ArrayList<>(values);
    Collections.shuffle(shuffled, new Random(4));
    // when
    RunProfile first = profileOf(values);
    RunProfile second = profileOf(shuffled);
    // then
    assertThat(first.numeric().get(NumericFeature.LOUDNESS_DBFS).size())
        .isEqualTo(RunProfile.Builder.MAX_SAMPLES);
    assertThat(ProfileJson.encode(first)).isEqualTo(ProfileJson.encode(second));
  }

  @Test
  void thinningKeepsTheDistribution() {
    // given 12,000 values
    List<Double> values = new ArrayList<>();
    Random random = new Random(5);
    for (int i = 0; i < 12_000; i++) {
      values.add(random.nextGaussian());
    }
    double[] all = values.stream().mapToDouble(Double::doubleValue).toArray();
    // when
    Samples thinned = profileOf(values).numeric().get(NumericFeature.LOUDNESS_DBFS);
    // then the empirical distributions are within 1/5000 of each other
    assertThat(DriftDetector.kolmogorovSmirnov(Samples.of(all), thinned).d())
        .isLessThanOrEqualTo(1.0 / RunProfile.Builder.MAX_SAMPLES + 1e-12);
  }

  @Test
  void readsProfilesWithFeaturesItDoesNotKnow() {
    // given a profile from a newer version with a feature this one lacks
    String json =
        "{\"categorical\":{},\"numeric\":{\"pitchHz\":[120.0],\"confidence\":[0.5]},"
            + "\"objects\":1,\"rates\":{},\"schemaVersion\":1}";
    // when
    RunProfile profile = ProfileJson.decode(json.getBytes(StandardCharsets.UTF_8));
    // then
    assertThat(profile.numeric()).containsOnlyKeys(NumericFeature.CONFIDENCE);
  }

  @Test
  void refusesWhatIsNotAProfile() {
    assertThatThrownBy(() -> decode("[1,2]"))
        .hasMessage("Invalid drift profile: not a JSON object");
    assertThatThrownBy(() -> decode("{\"schemaVersion\":2}"))
        .hasMessage("Invalid drift profile: schemaVersion 2 (this version reads 1)");
    assertThatThrownBy(
            () ->
                decode(
                    "{\"schemaVersion\":1,\"objects\":1,\"numeric\":{\"confidence\":[\"x\"]},"
                        + "\"categorical\":{},\"rates\":{}}"))
        .hasMessage("Invalid drift profile: numeric.confidence[0] is not a number");
    assertThatThrownBy(
            () ->
                decode(
                    "{\"schemaVersion\":1,\"objects\":1,\"numeric\":{},\"categorical\":{},"
                        + "\"rates\":{\"emptyTranscript\":{\"events\":3,\"trials\":2}}}"))
        .hasMessage("Invalid rate: 3 of 2");
    assertThatThrownBy(() -> decode("{\"schemaVersion\":1,"))
        .hasMessageStartingWith("Invalid drift profile: not JSON (");
  }

  private static RunProfile decode(String json) {
    return ProfileJson.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  private static RunProfile profileOf(List<Double> loudness) {
    RunProfile.Builder builder = RunProfile.builder();
    for (double value : loudness) {
      builder.object().add(NumericFeature.LOUDNESS_DBFS, value);
    }
    return builder.build();
  }
}
