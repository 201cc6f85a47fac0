package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.manifest.ErrorEntry;
import io.nightscribe.asr.manifest.InputEntry;
import io.nightscribe.asr.manifest.JsonLinesManifest;
import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.asr.transcript.TranscriptJson;
import io.nightscribe.batch.testing.HostileCorpus;
import io.nightscribe.batch.testing.HostileCorpus.AfterPlanning;
import io.nightscribe.batch.testing.HostileCorpus.Kind;
import io.nightscribe.batch.testing.HostileCorpus.Outcome;
import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.batch.testing.PlainNightProcess;
import io.nightscribe.batch.testing.StoredObjects;
import io.nightscribe.testsupport.PostgresServer;
import io.nightscribe.testsupport.S3Endpoint;
import io.nightscribe.testsupport.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A night over the hostile-input corpus, on real components (an S3 server, the ledger in
 * PostgreSQL, the {@code nightscribe} command): every kind is transcribed or quarantined with its
 * own reason, and the night ends. The objects that change or vanish between listing and reading do
 * so for real: a plain process plans the night and exits, the test overwrites and deletes them, and
 * the command resumes the planned run, as it resumes one whose process died after planning.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileNightIT {
  private static final String NIGHT = "2026-11-21";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The label values of monitoring's QuarantineReason: every stage must be one of them. */
  private static final Set<String> METRIC_REASONS =
      Set.of("read", "decode", "transcribe", "unsupported", "too_large", "timeout", "other");

  @TempDir static Path workDir;

  private final HostileCorpus corpus = HostileCorpus.shared();
  private StorageUri input;
  private StorageUri outputRoot;
  private StoredObjects stored;
  private String plannedRunId;
  private NightscribeProcess.Finished night;

  @BeforeAll
  void planTheNightDisturbItAndRunIt() throws Exception {
    S3Endpoint s3 = S3ProxyServer.shared().endpoint();
    ObjectStores stores =
        ObjectStores.withS3Endpoint(s3.uri(), s3.accessKeyId(), s3.secretAccessKey());
    String raw = S3ProxyServer.shared().createUniqueBucket("raw");
    String out = S3ProxyServer.shared().createUniqueBucket("transcripts");
    input = StorageUri.parse("s3://" + raw + "/hostile/2026/11/21/");
    outputRoot = StorageUri.parse("s3://" + out + "/");
    ObjectStore rawStore = stores.forUri(input);
    stored = new StoredObjects(stores.forUri(outputRoot));
    upload(s3, rawStore);

    PostgresServer postgres = PostgresServer.shared();
    String ledgerUrl = postgres.newDatabase("hostile_" + Long.toHexString(System.nanoTime()));
    String template = "s3://" + raw + "/hostile/{date:yyyy/MM/dd}/";
    var planned =
        new PlainNightProcess(workDir.resolve("planner"), s3)
            .run(ledgerUrl, "hostile", template, outputRoot.toString(), NIGHT, "plan");
    assertThat(planned.exitCode()).as(planned.toString()).isZero();
    plannedRunId =
        planned
            .stdout()
            .lines()
            .filter(l -> l.startsWith("planned "))
            .findFirst()
            .orElseThrow()
            .substring("planned ".length());

    for (Kind kind : corpus.kinds()) {
      if (kind.afterPlanning() == AfterPlanning.REPLACED) {
        rawStore.write(uriOf(kind), corpus.replacement());
      } else if (kind.afterPlanning() == AfterPlanning.DELETED) {
        rawStore.delete(uriOf(kind));
      }
    }

    Path config =
        Files.writeString(
            workDir.resolve("nightscribe.yml"),
            """
            nightscribe:
              home: %s
              decode-budget:
                max-audio: %s
              pipelines:
                hostile:
                  input: %s
                  output: %s
            spring:
              datasource:
                url: %s
                username: %s
                password: %s
            """
                .formatted(
                    workDir.resolve("home"),
                    HostileCorpus.MAX_AUDIO_SETTING,
                    template,
                    outputRoot,
                    ledgerUrl,
                    postgres.user(),
                    postgres.password()));
    night =
        new NightscribeProcess(workDir.resolve("night"))
            .withS3(s3)
            .run(
                "transcribe",
                "--pipeline",
                "hostile",
                "--date",
                NIGHT,
                "--config",
                config.toString());
  }

  @Test
  void theNightEndsAndFinishesTheRunThatWasPlanned() {
    assertThat(night.exitCode()).as(night.toString()).isEqualTo(3);
    JsonNode record = JSON.readTree(runFile("run.json"));
    assertThat(record.get("runId").asString()).isEqualTo(plannedRunId);
    assertThat(record.get("status").asString()).isEqualTo("COMPLETED_WITH_QUARANTINE");
  }

  @Test
  void everyKindIsTranscribedOrQuarantinedWithItsOwnReason() {
    Map<String, ErrorEntry> errors =
        byKey(JsonLinesManifest.readErrors(runFile("errors.jsonl")), ErrorEntry::key);
    Map<String, InputEntry> inputs =
        byKey(JsonLinesManifest.readInputs(runFile("inputs.jsonl")), InputEntry::key);
    Map<String, byte[]> transcripts = stored.under(transcriptsRoot());

    SoftAssertions softly = new SoftAssertions();
    for (Kind kind : corpus.kinds()) {
      String transcript = kind.key() + ".json";
      switch (kind.outcome()) {
        case TRANSCRIBED, TRANSCRIBED_EMPTY -> {
          softly.assertThat(errors).as(kind.toString()).doesNotContainKey(kind.key());
          softly.assertThat(transcripts).as(kind.toString()).containsKey(transcript);
          if (transcripts.containsKey(transcript)) {
            String text = TranscriptJson.decode(transcripts.get(transcript)).text();
            if (kind.outcome() == Outcome.TRANSCRIBED) {
              softly.assertThat(text).as(kind.toString()).isNotBlank();
            } else {
              softly.assertThat(text).as(kind.toString()).isEmpty();
            }
          }
        }
        case QUARANTINED -> {
          softly.assertThat(transcripts).as(kind.toString()).doesNotContainKey(transcript);
          ErrorEntry error = errors.get(kind.key());
          softly.assertThat(error).as(kind.toString()).isNotNull();
          if (error != null) {
            softly.assertThat(error.stage()).as(kind + " stage").isEqualTo(kind.stage());
            softly
                .assertThat(error.reason())
                .as(kind + " reason")
                .contains(uriOf(kind) + ": " + kind.reason());
          }
        }
        case NOT_LISTED ->
            softly.assertThat(inputs).as(kind.toString()).doesNotContainKey(kind.key());
      }
      if (kind.outcome() != Outcome.NOT_LISTED) {
        softly.assertThat(inputs).as(kind + " in inputs.jsonl").containsKey(kind.key());
      }
    }
    softly.assertAll();
  }

  @Test
  void recordsTheDamageOfAFileTranscribedAroundItsCorruption() {
    Map<String, InputEntry> inputs =
        byKey(JsonLinesManifest.readInputs(runFile("inputs.jsonl")), InputEntry::key);

    assertThat(inputs.get("damage/mid-file.mp3").probe().orElseThrow().skippedPackets())
        .isPositive();
    assertThat(inputs.get("good/speech.wav").probe().orElseThrow().skippedPackets()).isZero();
  }

  @Test
  void everyQuarantineStageIsAMetricsReasonCategory() {
    assertThat(JsonLinesManifest.readErrors(runFile("errors.jsonl")))
        .extracting(ErrorEntry::stage)
        .isNotEmpty()
        .allMatch(METRIC_REASONS::contains)
        .contains("read", "decode", "too_large");
  }

  private void upload(S3Endpoint s3, ObjectStore rawStore) {
    try (S3Client client =
        S3Client.builder()
            .endpointOverride(s3.uri())
            .region(Region.of(s3.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s3.accessKeyId(), s3.secretAccessKey())))
            .forcePathStyle(true)
            .build()) {
      for (Kind kind : corpus.kinds()) {
        if (kind.outcome() == Outcome.NOT_LISTED) {
          // a key ending in "/" is not an object any ObjectStore writes: put it as a console would
          client.putObject(
              PutObjectRequest.builder()
                  .bucket(input.bucket())
                  .key(input.key() + kind.key())
                  .build(),
              RequestBody.fromBytes(kind.bytes()));
        } else {
          rawStore.write(uriOf(kind), kind.bytes());
        }
      }
    }
  }

  private StorageUri uriOf(Kind kind) {
    return input.resolve(kind.key());
  }

  private StorageUri transcriptsRoot() {
    return outputRoot.resolve("hostile/date=" + NIGHT + "/");
  }

  private byte[] runFile(String name) {
    return stored.bytes(outputRoot.resolve("_runs/" + plannedRunId + "/" + name));
  }

  private static <T> Map<String, T> byKey(List<T> entries, Function<T, String> key) {
    return entries.stream().collect(Collectors.toMap(key, Function.identity()));
  }
}
