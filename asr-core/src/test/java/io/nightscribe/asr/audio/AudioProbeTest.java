package io.nightscribe.asr.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.json.JsonFields;
import io.nightscribe.asr.manifest.JsonLinesManifest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AudioProbeTest {
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void aProbeRecordedBeforeDamageWasCountedReadsAsUndamaged() {
    // given a probe as the ledger held it before skipped packets were recorded
    String recorded =
        "{\"container\":\"wav\",\"codec\":\"pcm_s16le\",\"sampleRateHz\":16000,"
            + "\"channels\":1,\"durationMillis\":5000}";

    // when / then
    assertThat(JsonLinesManifest.readProbe(JsonFields.parse(recorded, "probe"), "probe"))
        .isEqualTo(new AudioProbe("wav", "pcm_s16le", 16000, 1, 5000, 0));
  }

  @Test
  void aDamagedProbeSurvivesTheLedgerAsTheRunCoreWritesIt() {
    AudioProbe damaged = new AudioProbe("mp3", "mp3", 16000, 1, 5700).withSkippedPackets(3);

    String written = json.writeValueAsString(damaged);

    assertThat(JsonLinesManifest.readProbe(JsonFields.parse(written, "probe"), "probe"))
        .isEqualTo(damaged);
  }
}
