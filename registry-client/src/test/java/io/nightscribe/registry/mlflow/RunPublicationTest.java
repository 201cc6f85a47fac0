package io.nightscribe.registry.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunPublicationTest {
  static RunPublication sample(String runId) {
    byte[] manifest = "{\"key\":\"a.wav\"}\n".getBytes(StandardCharsets.UTF_8);
    return new RunPublication(
        "nightscribe/twi",
        "twi 2024-05-01",
        runId,
        Map.of("pipeline", "twi", "mlflow.source.git.commit", "abc123"),
        Map.of("model.name", "vosk-en", "decoding.beam", "13", "chunk.millis", "30000"),
        List.of(
            Metric.of("inputs.count", 3, 1_714_550_400_000L),
            new Metric("wer", 0.25, 1, 1_714_550_401_000L),
            new Metric("wer", 0.20, 2, 1_714_550_402_000L)),
        Map.of(
            "run.json",
                ArtifactContent.of("{\"status\":\"COMPLETED\"}".getBytes(StandardCharsets.UTF_8)),
            "inputs.jsonl", ArtifactContent.of(manifest),
            "bin/raw.bin", ArtifactContent.of(new byte[] {0, -1, 127, -128, 10})),
        DatasetInput.forManifest(
            "inputs.jsonl", manifest, "s3", "s3://raw-audio/twi/2024/05/01/", "inference"),
        RunStatus.FINISHED,
        1_714_550_400_000L,
        1_714_550_460_000L);
  }

  @Test
  void jsonRoundTripGivesAnEqualPublication() {
    // given
    RunPublication publication = sample("run-2024-05-01-a");
    // when
    String json = publication.toJson();
    RunPublication read = RunPublication.fromJson(json);
    // then
    assertThat(read).isEqualTo(publication);
    assertThat(read.artifacts().get("bin/raw.bin").bytes()).containsExactly(0, -1, 127, -128, 10);
    assertThat(json).contains("\"bin/raw.bin\":\"AP9/gAo=\"");
    assertThat(read.toJson()).isEqualTo(json);
  }

  @Test
  void mapsAreSortedWhateverTheInputOrder() {
    RunPublication publication = sample("run-1");
    assertThat(publication.params().keySet())
        .containsExactly("chunk.millis", "decoding.beam", "model.name");
    assertThat(publication.artifacts().keySet())
        .containsExactly("bin/raw.bin", "inputs.jsonl", "run.json");
  }

  @Test
  void datasetForManifestKeepsMlflowsDigestLimitAndTheFullHashInItsProfile() {
    DatasetInput dataset = sample("run-1").datasetInput();
    assertThat(dataset.digest()).hasSize(36);
    assertThat(dataset.profileJson()).startsWith("{\"manifest_sha256\":\"" + dataset.digest());
  }

  @Test
  void refusesParamValuesMlflowWouldTruncate() {
    Map<String, String> params = Map.of("long", "x".repeat(6001));
    assertThatThrownBy(
            () ->
                new RunPublication(
                    "e",
                    "r",
                    "run-1",
                    Map.of(),
                    params,
                    List.of(),
                    Map.of(),
                    null,
                    RunStatus.FINISHED,
                    0,
                    1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid MLflow param 'long': value has 6001 characters, MLflow keeps at most 6000");
  }

  @Test
  void refusesArtifactPathsThatEscapeTheRunRoot() {
    Map<String, ArtifactContent> artifacts = Map.of("../x.json", ArtifactContent.of(new byte[0]));
    assertThatThrownBy(
            () ->
                new RunPublication(
                    "e",
                    "r",
                    "run-1",
                    Map.of(),
                    Map.of(),
                    List.of(),
                    artifacts,
                    null,
                    RunStatus.FINISHED,
                    0,
                    1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid artifact path '../x.json': use a relative path like _runs/run.json");
  }

  @Test
  void refusesRunIdsThatCannotBeSearchedFor() {
    assertThatThrownBy(
            () ->
                new RunPublication(
                    "e",
                    "r",
                    "it's",
                    Map.of(),
                    Map.of(),
                    List.of(),
                    Map.of(),
                    null,
                    RunStatus.FINISHED,
                    0,
                    1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid nightscribe run id 'it's': use letters, digits, '.', '_', ':' or '-'");
  }
}
