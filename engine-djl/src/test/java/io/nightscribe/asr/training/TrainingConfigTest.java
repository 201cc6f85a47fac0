package io.nightscribe.asr.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.NightscribeException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

  @Test
  void everySettingButTheDatasetHasADefault() {
    TrainingConfig config = read("{\"dataset\": \"file:///d/manifest.jsonl\", \"epochs\": 3}");

    assertThat(config.epochs()).isEqualTo(3);
    assertThat(config.seed()).isEqualTo(1);
    assertThat(config.describe()).containsEntry("channels", 256).containsKey("learningRate");
  }

  @Test
  void anUnknownKeyIsNamedWithTheKnownOnes() {
    assertThatThrownBy(() -> read("{\"dataset\": \"x\", \"epoch\": 3}"))
        .isInstanceOf(NightscribeException.class)
        .hasMessageContaining("unknown key \"epoch\"")
        .hasMessageContaining("epochs");
  }

  @Test
  void aSettingThatCannotTrainIsRefused() {
    assertThatThrownBy(() -> read("{\"dataset\": \"x\", \"kernel\": 4}"))
        .hasMessageContaining("Invalid training config cfg.json");
    assertThatThrownBy(() -> read("{\"dataset\": \"x\", \"testPercent\": 0}"))
        .hasMessageContaining("testPercent");
  }

  private static TrainingConfig read(String json) {
    return TrainingConfig.read(json.getBytes(StandardCharsets.UTF_8), "cfg.json");
  }
}
