package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.batch.testing.SampleSpeech;
import io.nightscribe.batch.testing.StoredObjects;
import io.nightscribe.testsupport.S3Endpoint;
import io.nightscribe.testsupport.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A night killed with SIGKILL in the middle of transcribing, then fired again, ends with exactly
 * the outputs of a night that was never interrupted: nothing finished is redone, nothing is lost.
 * Runs on the embedded H2 ledger, as a single-machine install does.
 */
class KilledRunIT {
  private static final String NIGHT = "2026-11-21";

  @TempDir Path workDir;

  @Test
  void aKilledNightResumesAndEndsWithTheOutputsOfAnUninterruptedOne() throws Exception {
    S3Endpoint s3 = S3ProxyServer.shared().endpoint();
    var stores = ObjectStores.withS3Endpoint(s3.uri(), s3.accessKeyId(), s3.secretAccessKey());
    String raw = S3ProxyServer.shared().createUniqueBucket("raw");
    String out = S3ProxyServer.shared().createUniqueBucket("transcripts");
    StorageUri input = StorageUri.parse("s3://" + raw + "/2026/11/21/");
    SampleSpeech samples = SampleSpeech.shared();
    samples.uploadTo(stores.forUri(input), input);
    StorageUri outputRoot = StorageUri.parse("s3://" + out + "/");
    StoredObjects stored = new StoredObjects(stores.forUri(outputRoot));
    Path home = workDir.resolve("home");
    Path twoWorkers = config(workDir.resolve("two-workers.yml"), home, 2, raw, out);
    Path oneWorker = config(workDir.resolve("one-worker.yml"), home, 1, raw, out);
    var nightscribe = new NightscribeProcess(workDir).withS3(s3);

    // given a night that runs undisturbed on two workers
    var reference = nightscribe.run(transcribe("uninterrupted", twoWorkers));
    assertThat(reference.exitCode()).as(reference.toString()).isEqualTo(3);

    // when the same night of another pipeline, on one worker, is killed once a few transcripts are
    // written
    StorageUri killedTranscripts = outputRoot.resolve("killed/date=" + NIGHT + "/");
    var victim = nightscribe.start(transcribe("killed", oneWorker));
    awaitObjects(stored, killedTranscripts, 3);
    victim.kill();
    Map<String, Instant> finishedBeforeKill = finishedInputs(home);
    assertThat(finishedBeforeKill)
        .as("the kill must land mid-run")
        .hasSizeBetween(1, samples.keys().size() - 1);

    // and fired again on two workers
    var restarted = nightscribe.run(transcribe("killed", twoWorkers));

    // then it resumes the same run, redoes nothing it had finished, and loses nothing
    assertThat(restarted.exitCode()).as(restarted.toString()).isEqualTo(3);
    Map<String, Instant> finishedAfterRestart = finishedInputs(home);
    assertThat(finishedAfterRestart).hasSize(samples.keys().size());
    assertThat(finishedAfterRestart).containsAllEntriesOf(finishedBeforeKill);
    assertThat(digests(stored.under(killedTranscripts)))
        .hasSize(samples.speechKeys().size())
        .isEqualTo(digests(stored.under(outputRoot.resolve("uninterrupted/date=" + NIGHT + "/"))));
    Map<String, byte[]> killedRun = onlyRun(stored, outputRoot, "killed");
    Map<String, byte[]> referenceRun = onlyRun(stored, outputRoot, "uninterrupted");
    for (String manifest : new String[] {"inputs.jsonl", "outputs.jsonl", "errors.jsonl"}) {
      assertThat(killedRun.get(manifest)).as(manifest).isEqualTo(referenceRun.get(manifest));
    }

    // and an auditor's replay of the resumed run proves its outputs
    var replay = nightscribe.run("replay", killedRunId(home), "--config", twoWorkers.toString());
    assertThat(replay.exitCode()).as(replay.toString()).isZero();
    assertThat(replay.stdout()).startsWith("IDENTICAL: replay of run ");
  }

  private static String killedRunId(Path home) throws Exception {
    try (Connection ledger = DriverManager.getConnection(ledgerUrl(home), "sa", "");
        ResultSet rows =
            ledger
                .createStatement()
                .executeQuery(
                    "SELECT run_id FROM ns_run WHERE pipeline = 'killed' AND job_kind = 'nightly'")) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }

  private static String ledgerUrl(Path home) {
    return "jdbc:h2:file:" + home.resolve("ledger/nightscribe") + ";MODE=PostgreSQL";
  }

  private static Path config(Path file, Path home, int workers, String raw, String out)
      throws java.io.IOException {
    return Files.writeString(
        file,
        """
        nightscribe:
          home: %s
          workers: %d
          pipelines:
            uninterrupted:
              input: s3://%s/{date:yyyy/MM/dd}/
              output: s3://%s/
            killed:
              input: s3://%s/{date:yyyy/MM/dd}/
              output: s3://%s/
        """
            .formatted(home, workers, raw, out, raw, out));
  }

  private static Map<String, String> digests(Map<String, byte[]> objects) {
    Map<String, String> digests = new TreeMap<>();
    objects.forEach((key, bytes) -> digests.put(key, Sha256.hex(bytes)));
    return digests;
  }

  private static String[] transcribe(String pipeline, Path config) {
    return new String[] {
      "transcribe", "--pipeline", pipeline, "--date", NIGHT, "--config", config.toString()
    };
  }

  private static void awaitObjects(StoredObjects stored, StorageUri prefix, int count)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (stored.transcriptsUnder(prefix) < count) {
      assertThat(Instant.now()).as("transcripts under " + prefix).isBefore(deadline);
      Thread.sleep(100);
    }
  }

  /** The inputs of the "killed" run the ledger holds as done, with the time each was recorded. */
  private static Map<String, Instant> finishedInputs(Path home) throws Exception {
    Map<String, Instant> finished = new TreeMap<>();
    try (Connection ledger = DriverManager.getConnection(ledgerUrl(home), "sa", "");
        ResultSet rows =
            ledger
                .createStatement()
                .executeQuery(
                    """
                    SELECT i.object_key, i.updated_at FROM ns_run_input i JOIN ns_run r ON r.run_id = i.run_id
                    WHERE r.pipeline = 'killed' AND i.status <> 'PENDING'
                    """)) {
      while (rows.next()) {
        finished.put(rows.getString(1), rows.getTimestamp(2).toInstant());
      }
    }
    return finished;
  }

  /** The files of the pipeline's single run folder, by name. */
  private static Map<String, byte[]> onlyRun(
      StoredObjects stored, StorageUri outputRoot, String pipeline) throws Exception {
    Map<String, byte[]> files = new TreeMap<>();
    Map<String, byte[]> runs = stored.under(outputRoot.resolve("_runs/"));
    JsonMapper json = JsonMapper.builder().build();
    String runId =
        runs.entrySet().stream()
            .filter(entry -> entry.getKey().endsWith("/run.json"))
            .filter(
                entry ->
                    json.readTree(entry.getValue()).get("pipeline").asString().equals(pipeline))
            .map(entry -> entry.getKey().substring(0, entry.getKey().indexOf('/')))
            .findFirst()
            .orElseThrow();
    runs.forEach(
        (key, bytes) -> {
          if (key.startsWith(runId + "/")) {
            files.put(key.substring(runId.length() + 1), bytes);
          }
        });
    return files;
  }
}
