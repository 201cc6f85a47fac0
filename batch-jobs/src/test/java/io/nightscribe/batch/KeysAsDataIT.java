package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.asr.transcript.TranscriptJson;
import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.batch.testing.SampleSpeech;
import io.nightscribe.testsupport.MotoS3Server;
import io.nightscribe.testsupport.S3Endpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * S3 keys are data, not paths: one night over objects whose keys hold ".", ".." and empty segments,
 * a leading slash, backslashes, control characters and lengths near the limits, written once to an
 * s3:// output and once to a file:// output. Every object gets its own transcript inside the output
 * root, a key the output store cannot name or that is named like a run record is quarantined (exit
 * 3, never 1), and the runs replay IDENTICAL and trace back through lineage.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeysAsDataIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String NIGHT = "2026-11-21";
  private static final String DAY = "2026/11/21/";
  private static final String LONG_NAME = "n".repeat(300) + ".wav";
  private static final String LONG_KEY =
      ("s".repeat(200) + "/").repeat(4) + "k".repeat(201) + ".wav";

  /**
   * 411 bytes whose transcript key, escaped (the backslash makes every "%" a "%25"), is over 1,200:
   * a file:// output holds it (no name over 255 bytes), an S3 output cannot (over 1,024).
   */
  /** Named like the run records nightscribe keeps under _runs/: never a transcript's name. */
  private static final String RECORD_LIKE_KEY = "_runs/run-1/run";

  private static final String ESCAPED_LONG_KEY = "\\" + ("%".repeat(80) + "/").repeat(5) + "x.wav";

  /** Keys relative to the night's input prefix. */
  private static final List<String> KEYS =
      List.of(
          "a/b.wav",
          "a/./b.wav",
          "a//b.wav",
          "/lead.wav",
          "x/../../../../../../../../escaped.wav",
          "a/%2E/b.wav",
          "back\\slash.wav",
          "tab\there.wav",
          LONG_NAME,
          LONG_KEY,
          ESCAPED_LONG_KEY,
          RECORD_LIKE_KEY);

  @TempDir static Path workDir;

  private final SampleSpeech samples = SampleSpeech.shared();
  private S3Endpoint s3;
  private ObjectStores stores;
  private Path config;
  private StorageUri s3Root;
  private Path fileRoot;
  private Path fileArea;
  private StorageUri input;
  private Map<String, NightscribeProcess.Finished> nights = new LinkedHashMap<>();
  private NightscribeProcess nightscribe;

  @BeforeAll
  void runTheNightToBothOutputs() throws Exception {
    s3 = MotoS3Server.shared().endpoint();
    stores = ObjectStores.withS3Endpoint(s3.uri(), s3.accessKeyId(), s3.secretAccessKey());
    String raw = MotoS3Server.shared().createUniqueVersionedBucket("raw");
    s3Root =
        StorageUri.parse("s3://" + MotoS3Server.shared().createUniqueVersionedBucket("out") + "/");
    fileArea = workDir.resolve("area");
    fileRoot = fileArea.resolve("deep/er/out");
    Files.createDirectories(fileRoot);
    input = StorageUri.parse("s3://" + raw + "/" + DAY);
    byte[] clip = Files.readAllBytes(samples.file(shortestClip()));
    ObjectStore inputStore = stores.forUri(input);
    for (String key : KEYS) {
      inputStore.write(input.resolve(key), clip);
    }
    config =
        Files.writeString(
            workDir.resolve("nightscribe.yml"),
            """
            nightscribe:
              home: %s
              pipelines:
                tos3:
                  input: s3://%s/{date:yyyy/MM/dd}/
                  output: %s
                tofile:
                  input: s3://%s/{date:yyyy/MM/dd}/
                  output: %s/
            """
                .formatted(workDir.resolve("home"), raw, s3Root, raw, fileRoot.toUri()));
    nightscribe = new NightscribeProcess(workDir.resolve("process")).withS3(s3);
    for (String pipeline : List.of("tos3", "tofile")) {
      nights.put(
          pipeline,
          nightscribe.run(
              "transcribe",
              "--pipeline",
              pipeline,
              "--date",
              NIGHT,
              "--json",
              "--config",
              config.toString()));
    }
  }

  @Test
  void theNightFinishesWithOnlyUnnameableKeysQuarantined() {
    nights.forEach(
        (pipeline, night) -> assertThat(night.exitCode()).as(night.toString()).isEqualTo(3));
    Map<String, JsonNode> s3Errors = errors(s3Root, "tos3");
    Map<String, JsonNode> fileErrors = errors(fileRoot(), "tofile");
    assertThat(s3Errors).containsOnlyKeys(LONG_KEY, ESCAPED_LONG_KEY, RECORD_LIKE_KEY);
    assertThat(fileErrors).containsOnlyKeys(LONG_NAME, RECORD_LIKE_KEY);

    for (Map<String, JsonNode> errors : List.of(s3Errors, fileErrors)) {
      JsonNode recordLike = errors.remove(RECORD_LIKE_KEY);
      assertThat(recordLike.get("stage").asString()).isEqualTo("write");
      assertThat(recordLike.get("reason").asString())
          .startsWith("Cannot store the transcript: its name _runs/run-1/run.json")
          .contains("nightscribe's own records");
    }
    assertThat(s3Errors)
        .allSatisfy(
            (key, error) -> {
              assertThat(error.get("stage").asString()).isEqualTo("write");
              assertThat(error.get("reason").asString())
                  .startsWith("Cannot store the transcript: its S3 key would be ")
                  .contains("over S3's limit of 1024");
            });
    assertThat(fileErrors)
        .allSatisfy(
            (key, error) ->
                assertThat(error.get("reason").asString())
                    .isEqualTo(
                        "Cannot store the transcript: a file name in its path would be 309 bytes,"
                            + " over the file system's limit of 255 (shorten that part of the"
                            + " object's key, or write to an s3:// output)"));
  }

  @Test
  void everyOtherKeyHasItsOwnTranscriptOfItsOwnObject() {
    for (var output : Map.of("tos3", s3Root, "tofile", fileRoot()).entrySet()) {
      StorageUri transcripts = output.getValue().resolve(output.getKey() + "/date=" + NIGHT + "/");
      List<String> expected =
          KEYS.stream()
              .filter(
                  key ->
                      !key.equals(RECORD_LIKE_KEY)
                          && (output.getKey().equals("tos3")
                              ? !key.equals(LONG_KEY) && !key.equals(ESCAPED_LONG_KEY)
                              : !key.equals(LONG_NAME)))
              .toList();
      JsonNode outputs = manifest(output.getValue(), output.getKey(), "outputs.jsonl");
      assertThat(outputs).hasSize(expected.size());
      for (JsonNode entry : outputs) {
        StorageUri transcript = transcripts.resolve(entry.get("key").asString());
        byte[] bytes = stores.forUri(transcript).readAllBytes(transcript);
        assertThat(TranscriptJson.decode(bytes).source().uri())
            .as(transcript.toString())
            .isEqualTo(input.resolve(entry.get("sourceKey").asString()).toString());
      }
      assertThat(outputs.valueStream().map(entry -> entry.get("sourceKey").asString()))
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void nothingIsWrittenOutsideTheFileOutputRoot() throws Exception {
    try (Stream<Path> files = Files.walk(fileArea)) {
      assertThat(files.filter(Files::isRegularFile).filter(file -> !file.startsWith(fileRoot)))
          .isEmpty();
    }
    assertThat(stores.forUri(s3Root).list(s3Root).map(info -> info.uri().key()).toList())
        .allSatisfy(key -> assertThat(key).doesNotContain("/../", "/./", "//"));
  }

  @Test
  void bothRunsReplayIdenticalAndTheirTranscriptsTraceBack() throws Exception {
    for (var output : Map.of("tos3", s3Root, "tofile", fileRoot()).entrySet()) {
      JsonNode night = JSON.readTree(nights.get(output.getKey()).stdout());
      var replay =
          nightscribe.run(
              "replay", night.get("runId").asString(), "--json", "--config", config.toString());
      assertThat(replay.exitCode()).as(replay.toString()).isZero();
      assertThat(JSON.readTree(replay.stdout()).get("verdict").asString()).isEqualTo("IDENTICAL");
      for (JsonNode entry : manifest(output.getValue(), output.getKey(), "outputs.jsonl")) {
        StorageUri transcript =
            output
                .getValue()
                .resolve(output.getKey() + "/date=" + NIGHT + "/" + entry.get("key").asString());
        var lineage =
            nightscribe.run(
                "lineage", transcript.toString(), "--json", "--config", config.toString());
        assertThat(lineage.exitCode()).as(lineage.toString()).isZero();
        JsonNode traced = JSON.readTree(lineage.stdout());
        assertThat(traced.get("runs").get(0).get("runId").asString())
            .isEqualTo(night.get("runId").asString());
        assertThat(traced.get("source").get("uri").asString())
            .isEqualTo(input.resolve(entry.get("sourceKey").asString()).toString());
      }
    }
  }

  private StorageUri fileRoot() {
    return StorageUri.ofPath(fileRoot, true);
  }

  private Map<String, JsonNode> errors(StorageUri root, String pipeline) {
    Map<String, JsonNode> byKey = new LinkedHashMap<>();
    manifest(root, pipeline, "errors.jsonl").forEach(e -> byKey.put(e.get("key").asString(), e));
    return byKey;
  }

  private JsonNode manifest(StorageUri root, String pipeline, String name) {
    JsonNode night = JSON.readTree(nights.get(pipeline).stdout());
    StorageUri file = root.resolve("_runs/" + night.get("runId").asString() + "/" + name);
    String text =
        new String(stores.forUri(file).readAllBytes(file), StandardCharsets.UTF_8).strip();
    var array = JSON.createArrayNode();
    text.lines().filter(line -> !line.isBlank()).forEach(line -> array.add(JSON.readTree(line)));
    return array;
  }

  private String shortestClip() {
    return samples.speechKeys().stream()
        .min(Comparator.comparingLong(key -> samples.file(key).toFile().length()))
        .orElseThrow();
  }
}
