package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.batch.testing.SampleSpeech;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A backfill killed with SIGKILL while two nights run at once, then issued again: every night ends
 * with exactly one run and all its transcripts; nothing finished is redone.
 */
class KilledBackfillIT {
  private static final LocalDate FIRST = LocalDate.parse("2026-09-01");
  private static final int NIGHTS = 8;
  private static final int CLIPS_PER_NIGHT = 4;

  @TempDir Path workDir;

  @Test
  void aKilledBackfillIssuedAgainEndsWithOneRunPerNightAndEveryTranscript() throws Exception {
    SampleSpeech samples = SampleSpeech.shared();
    List<String> clips =
        samples.speechKeys().stream()
            .filter(key -> !key.startsWith("pocketsphinx/"))
            .limit(CLIPS_PER_NIGHT)
            .toList();
    for (int night = 0; night < NIGHTS; night++) {
      Path folder = Files.createDirectories(workDir.resolve("audio/" + FIRST.plusDays(night)));
      for (String clip : clips) {
        Files.copy(samples.file(clip), folder.resolve(clip.replace('/', '-')));
      }
    }
    Path out = workDir.resolve("out");
    Path config =
        Files.writeString(
            workDir.resolve("nightscribe.yml"),
            """
            nightscribe:
              home: %s
              workers: 1
              pipelines:
                calls:
                  input: file://%s/audio/{date}/
                  output: file://%s/
            """
                .formatted(workDir.resolve("home"), workDir, out));
    String[] backfill = {
      "backfill",
      "--pipeline",
      "calls",
      "--from",
      FIRST.toString(),
      "--to",
      FIRST.plusDays(NIGHTS - 1).toString(),
      "--max-parallel",
      "2",
      "--config",
      config.toString()
    };
    var nightscribe = new NightscribeProcess(workDir);

    // given a backfill killed once two nights have finished
    var victim = nightscribe.start(backfill);
    awaitRunRecords(out, 2);
    victim.kill();
    List<String> finishedBeforeKill = runIds(out);
    assertThat(finishedBeforeKill)
        .as("the kill must land mid-backfill")
        .hasSizeBetween(2, NIGHTS - 1);

    // when the same backfill is issued again
    var again = nightscribe.run(backfill);

    // then it skips what was done, finishes the rest, and every night has one run with every
    // transcript
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.stdout())
        .contains("issued before: resuming")
        .contains(
            "completed: "
                + NIGHTS
                + " completed (0 with quarantined inputs), 0 failed, 0 skipped.");
    assertThat(runsPerNight())
        .hasSize(NIGHTS)
        .allSatisfy((night, runs) -> assertThat(runs).isEqualTo(1));
    for (int night = 0; night < NIGHTS; night++) {
      Path transcripts = out.resolve("calls/date=" + FIRST.plusDays(night));
      for (String clip : clips) {
        assertThat(transcripts.resolve(clip.replace('/', '-') + ".json")).exists();
      }
    }
    assertThat(runIds(out)).hasSize(NIGHTS).containsAll(finishedBeforeKill);
    assertThat(countRuns()).as("runs in the ledger").isEqualTo(NIGHTS);
    var status =
        nightscribe.run(
            "backfill",
            "status",
            JsonMapper.builder()
                .build()
                .readTree(nightscribe.run(cat(backfill, "--dry-run", "--json")).stdout())
                .get("backfillId")
                .asString(),
            "--json",
            "--config",
            config.toString());
    assertThat(status.stdout()).contains("\"status\":\"COMPLETED\"");
  }

  private static String[] cat(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }

  private static void awaitRunRecords(Path out, int count) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (runIds(out).size() < count) {
      assertThat(Instant.now()).as("run records under " + out).isBefore(deadline);
      Thread.sleep(50);
    }
  }

  /** The runs that wrote their run.json, which comes last. */
  private static List<String> runIds(Path out) throws Exception {
    Path runs = out.resolve("_runs");
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    try (Stream<Path> folders = Files.list(runs)) {
      return folders
          .filter(folder -> Files.exists(folder.resolve("run.json")))
          .map(folder -> folder.getFileName().toString())
          .sorted()
          .toList();
    }
  }

  private long countRuns() throws Exception {
    try (Connection ledger = ledger();
        ResultSet rows = ledger.createStatement().executeQuery("SELECT COUNT(*) FROM ns_run")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private Connection ledger() throws Exception {
    String url = "jdbc:h2:file:" + workDir.resolve("home/ledger/nightscribe") + ";MODE=PostgreSQL";
    return DriverManager.getConnection(url, "sa", "");
  }

  private Map<String, Integer> runsPerNight() throws Exception {
    Map<String, Integer> runs = new TreeMap<>();
    try (Connection ledger = ledger();
        ResultSet rows =
            ledger
                .createStatement()
                .executeQuery(
                    "SELECT partition_date, COUNT(*) FROM ns_run WHERE status = 'COMPLETED' GROUP BY partition_date")) {
      while (rows.next()) {
        runs.put(rows.getString(1), rows.getInt(2));
      }
    }
    return runs;
  }
}
