package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.batch.testing.PlainNightProcess;
import io.nightscribe.batch.testing.PlainNightProcess.Finished;
import io.nightscribe.batch.testing.SampleSpeech;
import io.nightscribe.batch.testing.StoredObjects;
import io.nightscribe.testsupport.PostgresServer;
import io.nightscribe.testsupport.S3Endpoint;
import io.nightscribe.testsupport.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run core needs no Spring: the same night (real speech and bad files in an S3 server, ledgers
 * in PostgreSQL) run once by the Spring Batch job of the {@code nightscribe} command and once from
 * a plain {@code main} on a class path without any Spring jar gives byte-identical transcripts and
 * manifests, and each runner finds complete what the other finished.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlainNightIT {
  private static final String NIGHT = "2026-11-21";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path workDir;

  private final SampleSpeech samples = SampleSpeech.shared();
  private S3Endpoint s3;
  private StoredObjects stored;
  private String raw;
  private StorageUri springOutput;
  private StorageUri plainOutput;
  private String plainLedger;
  private NightscribeProcess.Finished springNight;
  private Finished plainNight;

  @BeforeAll
  void runTheNightBothWays() throws Exception {
    s3 = S3ProxyServer.shared().endpoint();
    ObjectStores stores =
        ObjectStores.withS3Endpoint(s3.uri(), s3.accessKeyId(), s3.secretAccessKey());
    raw = S3ProxyServer.shared().createUniqueBucket("raw");
    StorageUri input = StorageUri.parse("s3://" + raw + "/calls/2026/11/21/");
    samples.uploadTo(stores.forUri(input), input);
    springOutput =
        StorageUri.parse("s3://" + S3ProxyServer.shared().createUniqueBucket("spring") + "/");
    plainOutput =
        StorageUri.parse("s3://" + S3ProxyServer.shared().createUniqueBucket("plain") + "/");
    stored = new StoredObjects(stores.forUri(springOutput));

    PostgresServer postgres = PostgresServer.shared();
    String springLedger = postgres.newDatabase("spring_" + Long.toHexString(System.nanoTime()));
    plainLedger = postgres.newDatabase("plain_" + Long.toHexString(System.nanoTime()));
    springNight =
        new NightscribeProcess(workDir.resolve("spring"))
            .withS3(s3)
            .run(
                "transcribe",
                "--pipeline",
                "calls",
                "--date",
                NIGHT,
                "--config",
                config("spring", springLedger, springOutput).toString());
    plainNight = runPlain();
  }

  @Test
  void thePlainMainRanWithoutSpringAndFinishedTheNight() {
    assertThat(springNight.exitCode()).as(springNight.toString()).isEqualTo(3);
    assertThat(plainNight.exitCode()).as(plainNight.toString()).isZero();
    assertThat(plainNight.stdout())
        .startsWith("spring: absent")
        .contains("finished run-")
        .contains("COMPLETED_WITH_QUARANTINE");
  }

  @Test
  void transcriptsAndManifestsAreByteIdenticalToTheSpringBatchJobs() {
    Map<String, byte[]> spring = stored.under(springOutput.resolve("calls/date=" + NIGHT + "/"));
    Map<String, byte[]> plain = stored.under(plainOutput.resolve("calls/date=" + NIGHT + "/"));
    assertThat(spring).hasSize(samples.speechKeys().size());
    assertThat(plain.keySet()).isEqualTo(spring.keySet());
    spring.forEach((key, bytes) -> assertThat(plain.get(key)).as(key).isEqualTo(bytes));
    for (String manifest : List.of("inputs.jsonl", "outputs.jsonl", "errors.jsonl")) {
      assertThat(runFile(plainOutput, manifest))
          .as(manifest)
          .isEqualTo(runFile(springOutput, manifest));
    }
    JsonNode springRecord = JSON.readTree(runFile(springOutput, "run.json"));
    JsonNode plainRecord = JSON.readTree(runFile(plainOutput, "run.json"));
    for (String field :
        List.of(
            "jobKind",
            "pipeline",
            "date",
            "input",
            "model",
            "decoding",
            "configHash",
            "manifests",
            "counts",
            "status")) {
      assertThat(plainRecord.get(field)).as(field).isEqualTo(springRecord.get(field));
    }
  }

  @Test
  void eachRunnerFindsCompleteWhatTheOtherFinished() throws Exception {
    Finished plainAgain = runPlain();
    assertThat(plainAgain.exitCode()).as(plainAgain.toString()).isZero();
    assertThat(plainAgain.stdout()).contains("already done by " + runId(plainOutput));

    var springOnThePlainLedger =
        new NightscribeProcess(workDir.resolve("spring-on-plain"))
            .withS3(s3)
            .run(
                "transcribe",
                "--pipeline",
                "calls",
                "--date",
                NIGHT,
                "--config",
                config("spring-on-plain", plainLedger, plainOutput).toString());
    assertThat(springOnThePlainLedger.exitCode()).as(springOnThePlainLedger.toString()).isZero();
    assertThat(springOnThePlainLedger.stdout())
        .startsWith(
            "Nothing to do: calls "
                + NIGHT
                + " was already completed by run "
                + runId(plainOutput));
  }

  private Finished runPlain() throws Exception {
    return new PlainNightProcess(workDir, s3)
        .run(
            plainLedger,
            "calls",
            "s3://" + raw + "/calls/{date:yyyy/MM/dd}/",
            plainOutput.toString(),
            NIGHT,
            "run");
  }

  private Path config(String name, String ledgerUrl, StorageUri output) throws Exception {
    PostgresServer postgres = PostgresServer.shared();
    Files.createDirectories(workDir.resolve(name));
    return Files.writeString(
        workDir.resolve(name).resolve("nightscribe.yml"),
        """
        nightscribe:
          home: %s
          pipelines:
            calls:
              input: s3://%s/calls/{date:yyyy/MM/dd}/
              output: %s
        spring:
          datasource:
            url: %s
            username: %s
            password: %s
        """
            .formatted(
                workDir.resolve(name).resolve("home"),
                raw,
                output,
                ledgerUrl,
                postgres.user(),
                postgres.password()));
  }

  private String runId(StorageUri root) {
    return JSON.readTree(runFile(root, "run.json")).get("runId").asString();
  }

  private byte[] runFile(StorageUri root, String name) {
    Map<String, byte[]> runs = new TreeMap<>(stored.under(root.resolve("_runs/")));
    String key =
        runs.keySet().stream().filter(k -> k.endsWith("/" + name)).findFirst().orElseThrow();
    return runs.get(key);
  }
}
