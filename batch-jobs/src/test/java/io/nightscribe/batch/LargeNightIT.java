package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.manifest.InputEntry;
import io.nightscribe.asr.manifest.JsonLinesManifest;
import io.nightscribe.asr.manifest.OutputEntry;
import io.nightscribe.asr.storage.ObjectInfo;
import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.batch.testing.StoredObjects;
import io.nightscribe.batch.testing.TinyNight;
import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.registry.mlflow.MlflowRun;
import io.nightscribe.testsupport.MlflowServer;
import io.nightscribe.testsupport.PostgresServer;
import io.nightscribe.testsupport.S3Endpoint;
import io.nightscribe.testsupport.S3ProxyServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A night of thousands of tiny recordings on real components (an S3 server, the ledger in
 * PostgreSQL, MLflow): the listing pages, and every object is planned, transcribed, written and
 * recorded exactly once. {@value #OBJECTS} objects keep it near a minute and a half in the suite
 * (about 65 s for the night, 10 s to upload), yet take three listing pages; {@code scripts/bench.sh
 * --scale} runs nights of 1,000 and 10,000 and measures their memory and per-object overhead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeNightIT {
  private static final int OBJECTS = 2100;
  private static final String NIGHT = "2026-11-22";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path workDir;

  private S3Endpoint s3;
  private String raw;
  private StorageUri input;
  private StorageUri outputRoot;
  private StorageUri transcripts;
  private StoredObjects stored;
  private String ledgerUrl;
  private List<String> keys;
  private NightscribeProcess.Finished night;

  @BeforeAll
  void runTheNight() throws Exception {
    s3 = S3ProxyServer.shared().endpoint();
    ObjectStores stores =
        ObjectStores.withS3Endpoint(s3.uri(), s3.accessKeyId(), s3.secretAccessKey());
    raw = S3ProxyServer.shared().createUniqueBucket("raw");
    String out = S3ProxyServer.shared().createUniqueBucket("transcripts");
    input = StorageUri.parse("s3://" + raw + "/calls/2026/11/22/");
    keys = TinyNight.keys(OBJECTS);
    TinyNight.upload(stores.forUri(input), input, keys);
    outputRoot = StorageUri.parse("s3://" + out + "/");
    transcripts = outputRoot.resolve("calls/date=" + NIGHT + "/");
    stored = new StoredObjects(stores.forUri(outputRoot));

    PostgresServer postgres = PostgresServer.shared();
    ledgerUrl = postgres.newDatabase("large_" + Long.toHexString(System.nanoTime()));
    Path config =
        Files.writeString(
            workDir.resolve("nightscribe.yml"),
            """
            nightscribe:
              home: %s
              mlflow:
                tracking-uri: %s
              pipelines:
                calls:
                  input: s3://%s/calls/{date:yyyy/MM/dd}/
                  output: s3://%s/
            spring:
              datasource:
                url: %s
                username: %s
                password: %s
            """
                .formatted(
                    workDir.resolve("home"),
                    MlflowServer.shared().trackingUri(),
                    raw,
                    out,
                    ledgerUrl,
                    postgres.user(),
                    postgres.password()));
    night =
        new NightscribeProcess(workDir)
            .withS3(s3)
            .run(
                "transcribe",
                "--pipeline",
                "calls",
                "--date",
                NIGHT,
                "--config",
                config.toString());
  }

  @Test
  void theListingTookSeveralPagesOfTheServersDefaultSize() {
    try (S3Client client = client()) {
      ListObjectsV2Response first =
          client.listObjectsV2(b -> b.bucket(raw).prefix(input.key()).maxKeys(1000));
      assertThat(first.contents()).hasSize(1000);
      assertThat(first.isTruncated()).isTrue();
      assertThat(first.nextContinuationToken()).isNotBlank();
    }
    assertThat(night.exitCode()).as(night.toString()).isZero();
  }

  @Test
  void everyObjectIsInTheLedgerOnceAndTranscribed() throws Exception {
    try (Connection ledger = ledger();
        ResultSet counts =
            ledger
                .createStatement()
                .executeQuery(
                    "SELECT count(*), count(DISTINCT object_key),"
                        + " sum(CASE WHEN status = 'TRANSCRIBED' THEN 1 ELSE 0 END),"
                        + " count(DISTINCT output_key) FROM ns_run_input")) {
      assertThat(counts.next()).isTrue();
      assertThat(counts.getInt(1)).isEqualTo(OBJECTS);
      assertThat(counts.getInt(2)).isEqualTo(OBJECTS);
      assertThat(counts.getInt(3)).isEqualTo(OBJECTS);
      assertThat(counts.getInt(4)).isEqualTo(OBJECTS);
    }
  }

  @Test
  void everyObjectIsInTheManifestsOnceAndItsTranscriptInStorageOnce() {
    List<InputEntry> inputs = JsonLinesManifest.readInputs(runFile("inputs.jsonl"));
    assertThat(inputs).extracting(InputEntry::key).containsExactlyElementsOf(keys);
    assertThat(inputs).extracting(InputEntry::sha256).containsOnly(Sha256.hex(TinyNight.clip()));

    List<OutputEntry> outputs = JsonLinesManifest.readOutputs(runFile("outputs.jsonl"));
    List<String> transcriptKeys = keys.stream().map(key -> key + ".json").toList();
    assertThat(outputs).extracting(OutputEntry::key).containsExactlyElementsOf(transcriptKeys);
    assertThat(outputs).extracting(OutputEntry::sourceKey).containsExactlyElementsOf(keys);
    assertThat(runFile("errors.jsonl")).isEmpty();

    ObjectStore store =
        ObjectStores.withS3Endpoint(s3.uri(), s3.accessKeyId(), s3.secretAccessKey())
            .forUri(transcripts);
    assertThat(
            store
                .list(transcripts)
                .map(ObjectInfo::uri)
                .map(uri -> uri.key().substring(transcripts.key().length())))
        .containsExactlyElementsOf(transcriptKeys);
  }

  @Test
  void theRunRecordTheLedgerAndMlflowCountEveryObject() throws Exception {
    JsonNode record = runRecord();
    assertThat(record.get("status").asString()).isEqualTo("COMPLETED");
    JsonNode counts = record.get("counts");
    assertThat(counts.get("inputs").asInt()).isEqualTo(OBJECTS);
    assertThat(counts.get("transcribed").asInt()).isEqualTo(OBJECTS);
    assertThat(counts.get("quarantined").asInt()).isZero();
    assertThat(record.get("manifests").get("outputsSha256").asString())
        .isEqualTo(Sha256.hex(runFile("outputs.jsonl")));

    try (Connection ledger = ledger();
        ResultSet row =
            ledger
                .createStatement()
                .executeQuery("SELECT count(*), min(status), min(run_record) FROM ns_run")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getInt(1)).isEqualTo(1);
      assertThat(row.getString(2)).isEqualTo("COMPLETED");
      assertThat(JSON.readTree(row.getString(3)).get("counts")).isEqualTo(counts);
    }

    MlflowClient mlflow = MlflowClient.create(MlflowServer.shared().trackingUri(), null);
    MlflowRun run = mlflow.getRun(record.get("mlflow").get("runId").asString());
    assertThat(run.latestMetrics())
        .containsEntry("objects_transcribed", (double) OBJECTS)
        .containsEntry("objects_quarantined", 0.0);
    assertThat(mlflow.downloadArtifact(run, "outputs.jsonl")).isEqualTo(runFile("outputs.jsonl"));
  }

  private JsonNode runRecord() {
    Map<String, byte[]> runs = stored.under(outputRoot.resolve("_runs/"));
    String runJson =
        runs.keySet().stream().filter(key -> key.endsWith("/run.json")).findFirst().orElseThrow();
    return JSON.readTree(runs.get(runJson));
  }

  private byte[] runFile(String name) {
    String runId = runRecord().get("runId").asString();
    return stored.bytes(outputRoot.resolve("_runs/" + runId + "/" + name));
  }

  private S3Client client() {
    return S3Client.builder()
        .endpointOverride(URI.create(s3.uri().toString()))
        .region(Region.of(s3.region()))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(s3.accessKeyId(), s3.secretAccessKey())))
        .build();
  }

  private Connection ledger() throws java.sql.SQLException {
    PostgresServer postgres = PostgresServer.shared();
    return DriverManager.getConnection(ledgerUrl, postgres.user(), postgres.password());
  }
}
