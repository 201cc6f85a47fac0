package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.batch.testing.SampleSpeech;
import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.testsupport.MlflowServer;
import io.nightscribe.testsupport.PostgresServer;
import io.nightscribe.testsupport.S3Endpoint;
import io.nightscribe.testsupport.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A 30-night backfill on PostgreSQL, S3 and MLflow, three nights at a time, in which one night
 * fails because its audio bucket is missing: every other night completes, the failure is reported,
 * and the same backfill issued again once the bucket exists runs that night alone.
 */
class BackfillIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final LocalDate FIRST = LocalDate.parse("2026-10-01");
  private static final LocalDate LAST = LocalDate.parse("2026-10-30");
  private static final LocalDate MISSING_NIGHT = LocalDate.parse("2026-10-17");
  private static final LocalDate NIGHTLY_ALREADY_RAN = LocalDate.parse("2026-10-03");
  private static final DateTimeFormatter BUCKET_SUFFIX = DateTimeFormatter.ofPattern("MMdd");

  @TempDir Path workDir;

  @Test
  void aBackfillReportsItsFailedNightAndIssuedAgainRunsThatNightAlone() throws Exception {
    S3Endpoint s3 = S3ProxyServer.shared().endpoint();
    ObjectStores stores =
        ObjectStores.withS3Endpoint(s3.uri(), s3.accessKeyId(), s3.secretAccessKey());
    String stem = "nights-" + Long.toHexString(System.nanoTime());
    String clip = shortestSpeechClip();
    for (LocalDate night = FIRST; !night.isAfter(LAST); night = night.plusDays(1)) {
      if (!night.equals(MISSING_NIGHT)) {
        upload(stores, stem, night, clip);
      }
    }
    String out = S3ProxyServer.shared().createUniqueBucket("transcripts");
    PostgresServer postgres = PostgresServer.shared();
    String ledgerUrl = postgres.newDatabase("backfill_" + Long.toHexString(System.nanoTime()));
    Path config =
        Files.writeString(
            workDir.resolve("nightscribe.yml"),
            """
            nightscribe:
              home: %s
              workers: 1
              mlflow:
                tracking-uri: %s
              pipelines:
                calls:
                  input: s3://%s-{date:MMdd}/
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
                    stem,
                    out,
                    ledgerUrl,
                    postgres.user(),
                    postgres.password()));
    var nightscribe = new NightscribeProcess(workDir).withS3(s3);
    String[] backfill = {
      "backfill",
      "--pipeline",
      "calls",
      "--from",
      FIRST.toString(),
      "--to",
      LAST.toString(),
      "--max-parallel",
      "3",
      "--reason",
      "nights missed during the outage",
      "--requested-by",
      "data-team",
      "--config",
      config.toString()
    };

    // given a night the CronJob already transcribed
    var nightly =
        nightscribe.run(
            "transcribe",
            "--pipeline",
            "calls",
            "--date",
            NIGHTLY_ALREADY_RAN.toString(),
            "--config",
            config.toString());
    assertThat(nightly.exitCode()).as(nightly.toString()).isZero();

    // when the backfill is planned, it skips that night and runs the 29 others
    var dryRun = nightscribe.run(with(backfill, "--dry-run", "--json"));
    assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
    JsonNode plan = JSON.readTree(dryRun.stdout());
    Map<String, String> actions = new HashMap<>();
    plan.get("partitions")
        .forEach(p -> actions.put(p.get("date").asString(), p.get("action").asString()));
    assertThat(actions).hasSize(30).containsEntry(NIGHTLY_ALREADY_RAN.toString(), "skip");
    assertThat(actions.values().stream().filter("run"::equals).count()).isEqualTo(29);
    String backfillId = plan.get("backfillId").asString();
    assertThat(countRows(ledgerUrl, postgres, "SELECT COUNT(*) FROM ns_backfill")).isZero();

    // and run, three nights at a time
    var first = nightscribe.run(backfill);

    // then the missing night fails with its reason and every other night completes
    assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);
    assertThat(first.stdout())
        .contains(
            "Backfill "
                + backfillId
                + " failed: 28 completed (0 with quarantined inputs), 1 failed, 1 skipped.")
        .contains("failed " + MISSING_NIGHT + ": ")
        .contains(stem + "-" + MISSING_NIGHT.format(BUCKET_SUFFIX));
    assertThat(
            countRows(
                ledgerUrl,
                postgres,
                "SELECT COUNT(*) FROM ns_run WHERE backfill_id = '"
                    + backfillId
                    + "' AND status = 'COMPLETED'"))
        .isEqualTo(28);
    String taggedMlflowRun =
        singleString(
            ledgerUrl,
            postgres,
            "SELECT mlflow_run_id FROM ns_run WHERE backfill_id = '"
                + backfillId
                + "' AND partition_date = DATE '2026-10-01'");
    assertThat(
            MlflowClient.create(MlflowServer.shared().trackingUri(), null)
                .getRun(taggedMlflowRun)
                .tags())
        .containsEntry("nightscribe.backfill_id", backfillId)
        .containsEntry("nightscribe.job_kind", "backfill");

    // when the bucket appears and the same backfill is issued again
    upload(stores, stem, MISSING_NIGHT, clip);
    long runsBefore = countRows(ledgerUrl, postgres, "SELECT COUNT(*) FROM ns_run");
    var second = nightscribe.run(backfill);

    // then it runs the failed night alone and the backfill completes
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.stdout())
        .contains("issued before: resuming")
        .contains(MISSING_NIGHT + "  resume  an earlier attempt failed")
        .contains("Plan: 0 to run, 1 to resume, 0 to rerun, 29 to skip.");
    assertThat(countRows(ledgerUrl, postgres, "SELECT COUNT(*) FROM ns_run") - runsBefore)
        .isEqualTo(1);

    var status =
        nightscribe.run("backfill", "status", backfillId, "--json", "--config", config.toString());
    assertThat(status.exitCode()).as(status.toString()).isZero();
    JsonNode record = JSON.readTree(status.stdout());
    assertThat(record.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(record.get("reason").asString()).isEqualTo("nights missed during the outage");
    assertThat(record.get("requestedBy").asString()).isEqualTo("data-team");
    Map<String, String> outcomes = new HashMap<>();
    record
        .get("partitions")
        .forEach(p -> outcomes.put(p.get("date").asString(), p.get("status").asString()));
    assertThat(outcomes).hasSize(30).containsEntry(NIGHTLY_ALREADY_RAN.toString(), "SKIPPED");
    assertThat(outcomes.values().stream().filter("COMPLETED"::equals).count()).isEqualTo(29);
  }

  private static String[] with(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }

  /** One clip per night keeps thirty nights quick; the failure under test is the missing bucket. */
  private static String shortestSpeechClip() {
    SampleSpeech samples = SampleSpeech.shared();
    return samples.speechKeys().stream()
        .min(Comparator.comparingLong(key -> size(samples.file(key))))
        .orElseThrow();
  }

  private static void upload(ObjectStores stores, String stem, LocalDate night, String clip) {
    String bucket = stem + "-" + night.format(BUCKET_SUFFIX);
    S3ProxyServer.shared().createBucket(bucket);
    StorageUri target = StorageUri.parse("s3://" + bucket + "/" + clip.replace('/', '-'));
    stores.forUri(target).write(target, readAll(SampleSpeech.shared().file(clip)));
  }

  private static long countRows(String url, PostgresServer postgres, String sql) throws Exception {
    return Long.parseLong(singleString(url, postgres, sql));
  }

  private static String singleString(String url, PostgresServer postgres, String sql)
      throws Exception {
    try (Connection ledger =
            DriverManager.getConnection(url, postgres.user(), postgres.password());
        ResultSet rows = ledger.createStatement().executeQuery(sql)) {
      assertThat(rows.next()).as(sql).isTrue();
      return rows.getString(1);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readAll(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
