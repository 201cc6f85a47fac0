package io.nightscribe.asr.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.audio.AudioProbe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonLinesManifestTest {
  private static final InputEntry PROBED =
      new InputEntry(
          "2024/b.wav",
          Optional.of("v7"),
          "9b2c",
          160044,
          "aa",
          Optional.of(new AudioProbe("wav", "pcm_s16le", 16000, 1, 5000)));
  private static final InputEntry UNPROBED =
      new InputEntry("2024/a.mp3", Optional.empty(), "e1", 12, "bb", Optional.empty());

  @Test
  void writesInputsSortedByKeyOneCanonicalObjectPerLine() {
    // when
    EncodedManifest manifest = JsonLinesManifest.writeInputs(List.of(PROBED, UNPROBED));

    // then
    String text = new String(manifest.bytes(), StandardCharsets.UTF_8);
    assertThat(text)
        .isEqualTo(
            "{\"etag\":\"e1\",\"key\":\"2024/a.mp3\",\"probe\":null,\"sha256\":\"bb\","
                + "\"sizeBytes\":12,\"versionId\":null}\n"
                + "{\"etag\":\"9b2c\",\"key\":\"2024/b.wav\",\"probe\":{\"channels\":1,"
                + "\"codec\":\"pcm_s16le\",\"container\":\"wav\",\"durationMillis\":5000,"
                + "\"sampleRateHz\":16000},\"sha256\":\"aa\",\"sizeBytes\":160044,"
                + "\"versionId\":\"v7\"}\n");
    assertThat(manifest.sha256()).isEqualTo(Sha256.hex(manifest.bytes()));
    assertThat(manifest.lineCount()).isEqualTo(2);
  }

  @Test
  void recordsSkippedPacketsOnlyForADamagedInputAndReadsThemBack() {
    // given an input decoded around 3 corrupt packets
    InputEntry damaged =
        new InputEntry(
            "2024/c.mp3",
            Optional.empty(),
            "77",
            4000,
            "cc",
            Optional.of(new AudioProbe("mp3", "mp3", 16000, 1, 5700, 3)));

    // when
    byte[] bytes = JsonLinesManifest.writeInputs(List.of(PROBED, damaged)).bytes();

    // then its line says so, the undamaged one's line is as it always was, and both read back
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertThat(text)
        .contains("\"durationMillis\":5700,\"sampleRateHz\":16000,\"skippedPackets\":3}")
        .contains("\"durationMillis\":5000,\"sampleRateHz\":16000},");
    assertThat(JsonLinesManifest.readInputs(bytes)).containsExactly(PROBED, damaged);
  }

  @Test
  void orderOfArrivalDoesNotChangeTheBytes() {
    assertThat(JsonLinesManifest.writeInputs(List.of(UNPROBED, PROBED)).bytes())
        .isEqualTo(JsonLinesManifest.writeInputs(List.of(PROBED, UNPROBED)).bytes());
  }

  @Test
  void readsEveryKindBack() {
    // given
    List<OutputEntry> outputs =
        List.of(
            new OutputEntry("b.json", "11", "b.wav", "22"),
            new OutputEntry("a.json", "33", "a.wav", "44"));
    List<ErrorEntry> errors =
        List.of(new ErrorEntry("c.wav", "Cannot decode: \"truncated\"", "decode"));

    // when / then
    assertThat(
            JsonLinesManifest.readInputs(
                JsonLinesManifest.writeInputs(List.of(PROBED, UNPROBED)).bytes()))
        .containsExactly(UNPROBED, PROBED);
    assertThat(JsonLinesManifest.readOutputs(JsonLinesManifest.writeOutputs(outputs).bytes()))
        .containsExactly(outputs.get(1), outputs.get(0));
    assertThat(JsonLinesManifest.readErrors(JsonLinesManifest.writeErrors(errors).bytes()))
        .isEqualTo(errors);
    assertThat(JsonLinesManifest.writeErrors(List.of()).bytes()).isEmpty();
  }

  @Test
  void namesTheLineThatIsBroken() {
    byte[] text = "{\"key\":\"a\",\"reason\":\"r\",\"stage\":\"s\"}\n{\"key\":\"b\"}\n".getBytes();

    assertThatThrownBy(() -> JsonLinesManifest.readErrors(text))
        .hasMessage("Cannot read errors manifest line 2: no field 'reason'");
  }

  @Test
  void aDatasetManifestIsSortedByKeyAndReadsBack() {
    var real = new DatasetEntry("real/b.wav", "s3://d/real/b.wav", "yes", "a".repeat(64), "real");
    var synthetic =
        new DatasetEntry(
            "synthetic/a.wav", "s3://d/synthetic/a.wav", "it is late", "b".repeat(64), "synthetic");

    var encoded = JsonLinesManifest.writeDataset(List.of(synthetic, real));

    assertThat(new String(encoded.bytes(), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("{\"audio\":\"s3://d/real/b.wav\",\"key\":\"real/b.wav\"");
    assertThat(JsonLinesManifest.readDataset(encoded.bytes())).containsExactly(real, synthetic);
  }
}
