package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.testsupport.PostgresServer;
import io.nightscribe.testsupport.S3Endpoint;
import io.nightscribe.testsupport.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs recorded by an earlier version of nightscribe stay provable: two nights written by commit
 * 0ae2bd3 (a Vosk and a DJL CTC model; inputs, transcripts, run records and ledger rows kept in
 * test resources) are replayed by this version, which must read their ledger rows and layout and
 * write byte-identical transcripts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyRunReplayIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String FIXTURE = "/legacy-runs/0ae2bd3/";
  private static final String RAW_BUCKET = "nightscribe-legacy-raw";
  private static final String OUT_BUCKET = "nightscribe-legacy-out";

  @TempDir static Path workDir;

  private NightscribeProcess nightscribe;
  private Path config;

  @BeforeAll
  void restoreTheRecordedNights() throws Exception {
    Path fixture = Path.of(LegacyRunReplayIT.class.getResource(FIXTURE).toURI());
    S3ProxyServer s3Server = S3ProxyServer.shared();
    S3Endpoint s3 = s3Server.endpoint();
    ObjectStores stores =
        ObjectStores.withS3Endpoint(s3.uri(), s3.accessKeyId(), s3.secretAccessKey());
    s3Server.createBucket(RAW_BUCKET);
    s3Server.createBucket(OUT_BUCKET);
    upload(stores, fixture.resolve("in"), StorageUri.parse("s3://" + RAW_BUCKET + "/"));
    upload(stores, fixture.resolve("out"), StorageUri.parse("s3://" + OUT_BUCKET + "/"));

    PostgresServer postgres = PostgresServer.shared();
    String ledgerUrl = postgres.newDatabase("legacy_" + Long.toHexString(System.nanoTime()));
    Flyway.configure()
        .dataSource(ledgerUrl, postgres.user(), postgres.password())
        .locations("classpath:db/migration")
        .load()
        .migrate();
    try (Connection connection =
        DriverManager.getConnection(ledgerUrl, postgres.user(), postgres.password())) {
      insertRows(connection, "ns_run", fixture.resolve("ns_run.jsonl"));
      insertRows(connection, "ns_run_input", fixture.resolve("ns_run_input.jsonl"));
    }
    config =
        Files.writeString(
            workDir.resolve("nightscribe.yml"),
            """
            nightscribe:
              home: %s
            spring:
              datasource:
                url: %s
                username: %s
                password: %s
            """
                .formatted(
                    workDir.resolve("home"), ledgerUrl, postgres.user(), postgres.password()));
    nightscribe = new NightscribeProcess(workDir).withS3(s3);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "run-eff59e88-6785-4d6a-87be-ff9189c7773d", // calls, builtin:vosk-model-small-en-us
        "run-23561138-30ca-46b7-9f5f-0cfedd1dc414" // calls-ctc, builtin:nightscribe-ctc-en
      })
  void aRunRecordedByTheEarlierVersionReplaysIdentical(String runId) throws Exception {
    var replay = nightscribe.run("replay", runId, "--json", "--config", config.toString());

    assertThat(replay.exitCode()).as(replay.toString()).isZero();
    JsonNode summary = JSON.readTree(replay.stdout());
    assertThat(summary.get("verdict").asString()).isEqualTo("IDENTICAL");
    assertThat(summary.get("summary").asString())
        .isEqualTo("4 of 4 outputs are byte for byte the original's");
    assertThat(summary.get("report").asString())
        .startsWith("s3://" + OUT_BUCKET + "/_replays/replay-");
  }

  /** Inserts one row per line of {@code rows}, a JSON object of column names and values. */
  private static void insertRows(Connection connection, String table, Path rows)
      throws IOException, SQLException {
    for (String line : Files.readAllLines(rows)) {
      JsonNode row = JSON.readTree(line);
      List<String> columns = new ArrayList<>(row.propertyNames());
      String sql =
          "INSERT INTO %s (%s) VALUES (%s)"
              .formatted(
                  table,
                  String.join(", ", columns),
                  String.join(", ", Collections.nCopies(columns.size(), "?")));
      try (PreparedStatement insert = connection.prepareStatement(sql)) {
        for (int i = 0; i < columns.size(); i++) {
          insert.setObject(i + 1, value(columns.get(i), row.get(columns.get(i))));
        }
        insert.executeUpdate();
      }
    }
  }

  private static Object value(String column, JsonNode value) {
    if (value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      return value.longValue();
    }
    if (column.endsWith("_at")) {
      return Timestamp.valueOf(value.asString());
    }
    return column.endsWith("_date") ? Date.valueOf(value.asString()) : value.asString();
  }

  private static void upload(ObjectStores stores, Path folder, StorageUri prefix)
      throws IOException {
    ObjectStore store = stores.forUri(prefix);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      String key = folder.relativize(file).toString().replace('\\', '/');
      store.write(prefix.resolve(key), Files.readAllBytes(file));
    }
    assertThat(files).isNotEmpty();
  }
}
