package io.nightscribe.lifecycle.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.json.CanonicalJson;
import io.nightscribe.asr.training.TrainingConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A training's id says what decides its weights, and nothing else. */
class TrainingIdTest {
  private static final String DIGEST = "a".repeat(64);

  @Test
  void isTheSha256OfTheWeightSettingsAndTheDatasetContent() {
    TrainingConfig config = config("\"seed\": 4");
    Map<String, Object> identity = new TreeMap<>(config.describe());
    identity
        .keySet()
        .removeAll(
            java.util.List.of("dataset", "beamWidth", "wordBonus", "wordList", "wordWeight"));
    identity.put("datasetDigest", DIGEST);

    assertThat(ModelTraining.trainingId(config, DIGEST))
        .isEqualTo("train-" + Sha256.hex(CanonicalJson.bytes(identity)).substring(0, 16));
  }

  @Test
  void decodingSettingsAndTheDatasetsLocationDoNotChangeItWeightSettingsAndContentDo() {
    String id = ModelTraining.trainingId(config("\"seed\": 4"), DIGEST);

    assertThat(
            ModelTraining.trainingId(
                config("\"seed\": 4, \"beamWidth\": 64, \"wordWeight\": 0.3, \"wordBonus\": 1"),
                DIGEST))
        .isEqualTo(id);
    assertThat(ModelTraining.trainingId(config("\"seed\": 4", "file:///elsewhere/m.jsonl"), DIGEST))
        .isEqualTo(id);
    assertThat(ModelTraining.trainingId(config("\"seed\": 5"), DIGEST)).isNotEqualTo(id);
    assertThat(ModelTraining.trainingId(config("\"seed\": 4"), "b".repeat(64))).isNotEqualTo(id);
  }

  private static TrainingConfig config(String settings) {
    return config(settings, "file:///data/manifest.jsonl");
  }

  private static TrainingConfig config(String settings, String dataset) {
    return TrainingConfig.read(
        ("{\"dataset\": \"" + dataset + "\", " + settings + "}").getBytes(StandardCharsets.UTF_8),
        "test config");
  }
}
