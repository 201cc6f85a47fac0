package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.storage.ObjectInfo;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.batch.testing.SampleSpeech;
import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.testsupport.MlflowServer;
import io.nightscribe.testsupport.MotoS3Server;
import io.nightscribe.testsupport.PostgresServer;
import io.nightscribe.testsupport.S3Endpoint;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Secrets stay secret: with recognisable credentials configured everywhere they can go (AWS keys,
 * the ledger's password in its property and inside its JDBC URL, the MLflow token, a password in
 * the MLflow tracking URI), a night, a night whose dependencies are dead and a replay run with JSON
 * and with plain logs; then every byte the system wrote is searched: its standard output and error,
 * every file under the work folder, every object in the output bucket, every ledger table and the
 * MLflow run's params, tags and metrics.
 */
class SecretsIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String NIGHT = "2026-11-21";
  private static final String AWS_KEY_ID = "AKIANSLEAKCHECK7Q3Z";
  private static final String AWS_SECRET = "nsAwsSecret-f3a9c1d7e2";
  private static final String LEDGER_PASSWORD = "nsLedgerPassword-5d1e8b";
  private static final String URL_PASSWORD = "nsUrlPassword-9a8b7c";
  private static final String MLFLOW_TOKEN = "nsMlflowToken-2c4b6a";
  private static final List<String> SECRETS =
      List.of(AWS_KEY_ID, AWS_SECRET, LEDGER_PASSWORD, URL_PASSWORD, MLFLOW_TOKEN);

  @TempDir Path workDir;

  @Test
  void noSecretAppearsInAnythingANightAFailingNightOrAReplayWrote() throws Exception {
    S3Endpoint moto = MotoS3Server.shared().endpoint();
    S3Endpoint s3 = new S3Endpoint(moto.uri(), AWS_KEY_ID, AWS_SECRET, moto.region());
    ObjectStores stores =
        ObjectStores.withS3Endpoint(s3.uri(), s3.accessKeyId(), s3.secretAccessKey());
    String raw = MotoS3Server.shared().createUniqueVersionedBucket("raw");
    StorageUri output =
        StorageUri.parse("s3://" + MotoS3Server.shared().createUniqueVersionedBucket("out") + "/");
    StorageUri input = StorageUri.parse("s3://" + raw + "/2026/11/21/");
    SampleSpeech samples = SampleSpeech.shared();
    for (String key : List.of(shortest(samples.speechKeys(), samples), samples.badKeys().get(0))) {
      stores.forUri(input).write(input.resolve(key), Files.readAllBytes(samples.file(key)));
    }
    PostgresServer postgres = PostgresServer.shared();
    Map<String, String> databases = new LinkedHashMap<>();
    for (String ledger : List.of("json", "plain", "json-mlflow-down", "plain-mlflow-down")) {
      databases.put(
          ledger,
          "secrets_" + ledger.replace('-', '_') + "_" + Long.toHexString(System.nanoTime()));
      postgres.newDatabase(databases.get(ledger));
    }
    URI mlflow = MlflowServer.shared().trackingUri();
    int dead = unusedPort();

    Map<String, NightscribeProcess.Finished> runs = new LinkedHashMap<>();
    for (String format : List.of("json", "plain")) {
      // each format on its own ledger, so each runs its nights for real
      String ledgerUrl = postgres.jdbcUrl(databases.get(format));
      StorageUri root = output.resolve(format + "/");
      Path good = config(format, raw, root, ledgerUrl + "?password=" + URL_PASSWORD, mlflow);
      Path deadLedger =
          config(
              format + "-dead-ledger",
              raw,
              root,
              "jdbc:postgresql://127.0.0.1:"
                  + dead
                  + "/"
                  + databases.get(format)
                  + "?password="
                  + URL_PASSWORD,
              mlflow);
      Path deadMlflow =
          config(
              format + "-dead-mlflow",
              raw,
              root.resolve("mlflow-down/"),
              postgres.jdbcUrl(databases.get(format + "-mlflow-down")),
              URI.create("http://nightscribe:" + URL_PASSWORD + "@127.0.0.1:" + dead));
      var nightscribe =
          new NightscribeProcess(workDir.resolve("process-" + format))
              .withS3(s3)
              .withEnvironment("NIGHTSCRIBE_LOG_FORMAT", format);
      var deadS3 =
          new NightscribeProcess(workDir.resolve("process-dead-s3-" + format))
              .withS3(
                  new S3Endpoint(
                      URI.create("http://127.0.0.1:" + dead), AWS_KEY_ID, AWS_SECRET, s3.region()))
              .withEnvironment("NIGHTSCRIBE_LOG_FORMAT", format);
      runs.put(format + " night, S3 down", transcribe(deadS3, good));
      runs.put(format + " night, ledger down", transcribe(nightscribe, deadLedger));
      runs.put(
          format + " health, ledger down",
          nightscribe.run("health", "--config", deadLedger.toString()));
      runs.put(format + " night", transcribe(nightscribe, good));
      runs.put(format + " night, MLflow down", transcribe(nightscribe, deadMlflow));
      JsonNode night = JSON.readTree(runs.get(format + " night").stdout());
      runs.put(
          format + " replay",
          nightscribe.run(
              "replay", night.get("runId").asString(), "--json", "--config", good.toString()));
    }

    // the runs did what they should, or the search below would prove little
    for (String format : List.of("json", "plain")) {
      var night = runs.get(format + " night");
      assertThat(night.exitCode()).as(night.toString()).isEqualTo(3);
      assertThat(runs.get(format + " night, ledger down").exitCode()).isNotIn(0, 3);
      assertThat(runs.get(format + " night, S3 down").exitCode()).isNotIn(0, 3);
      var mlflowDown = runs.get(format + " night, MLflow down");
      assertThat(mlflowDown.exitCode()).as(mlflowDown.toString()).isEqualTo(3);
      JsonNode pending = JSON.readTree(mlflowDown.stdout()).path("mlflowRunId");
      assertThat(pending.isNull() || pending.isMissingNode()).as(mlflowDown.stdout()).isTrue();
      var replay = runs.get(format + " replay");
      assertThat(replay.exitCode()).as(replay.toString()).isZero();
    }
    Map<String, byte[]> written = new LinkedHashMap<>();
    runs.forEach(
        (name, run) -> {
          written.put(name + ": stdout", run.stdout().getBytes(StandardCharsets.UTF_8));
          written.put(name + ": stderr", run.stderr().getBytes(StandardCharsets.UTF_8));
        });
    written.putAll(files(workDir));
    try (Stream<ObjectInfo> objects = stores.forUri(output).list(output)) {
      objects.forEach(
          object ->
              written.put(
                  object.uri().toString(), stores.forUri(object.uri()).readAllBytes(object.uri())));
    }
    for (String database : databases.values()) {
      written.putAll(tables(postgres.jdbcUrl(database), postgres.user()));
    }
    MlflowClient client = MlflowClient.create(mlflow, null);
    for (String format : List.of("json", "plain")) {
      JsonNode night = JSON.readTree(runs.get(format + " night").stdout());
      String mlflowRunId = night.get("mlflowRunId").asString();
      written.put(
          "MLflow run " + mlflowRunId,
          client.getRun(mlflowRunId).toString().getBytes(StandardCharsets.UTF_8));
    }

    List<String> leaks = new ArrayList<>();
    written.forEach(
        (where, bytes) -> {
          String text = new String(bytes, StandardCharsets.ISO_8859_1);
          SECRETS.stream()
              .filter(text::contains)
              .forEach(secret -> leaks.add(secret + " in " + where));
        });
    assertThat(written.keySet())
        .anyMatch(where -> where.endsWith("/run.json"))
        .anyMatch(where -> where.endsWith("/errors.jsonl"))
        .anyMatch(where -> where.endsWith(" table ns_run_input"))
        .anyMatch(where -> where.endsWith(" table batch_job_execution_params"));
    assertThat(leaks).as("secrets written where they do not belong").isEmpty();
  }

  private static NightscribeProcess.Finished transcribe(NightscribeProcess nightscribe, Path config)
      throws Exception {
    return nightscribe.run(
        "transcribe",
        "--pipeline",
        "calls",
        "--date",
        NIGHT,
        "--json",
        "--config",
        config.toString());
  }

  private Path config(String name, String raw, StorageUri output, String ledgerUrl, URI mlflow)
      throws Exception {
    Path folder = Files.createDirectories(workDir.resolve("config-" + name));
    return Files.writeString(
        folder.resolve("nightscribe.yml"),
        """
        nightscribe:
          home: %s
          mlflow:
            tracking-uri: %s
            token: %s
          pipelines:
            calls:
              input: s3://%s/{date:yyyy/MM/dd}/
              output: %s
        spring:
          datasource:
            url: %s
            username: %s
            password: %s
        """
            .formatted(
                workDir.resolve("home"),
                mlflow,
                MLFLOW_TOKEN,
                raw,
                output,
                ledgerUrl,
                PostgresServer.shared().user(),
                LEDGER_PASSWORD));
  }

  /** Every file the processes left, except the configurations the test wrote. */
  private static Map<String, byte[]> files(Path root) throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        if (!file.getFileName().toString().equals("nightscribe.yml")
            && Files.size(file) < 64 << 20) {
          files.put(file.toString(), Files.readAllBytes(file));
        }
      }
    }
    return files;
  }

  /** Every row of every table in the ledger, one text per table. */
  private static Map<String, byte[]> tables(String url, String user) throws Exception {
    Map<String, byte[]> tables = new LinkedHashMap<>();
    try (Connection ledger = DriverManager.getConnection(url, user, "");
        ResultSet names =
            ledger
                .createStatement()
                .executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
      List<String> tableNames = new ArrayList<>();
      while (names.next()) {
        tableNames.add(names.getString(1));
      }
      for (String table : tableNames) {
        StringBuilder dump = new StringBuilder();
        try (ResultSet rows = ledger.createStatement().executeQuery("SELECT * FROM " + table)) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int i = 1; i <= columns; i++) {
              dump.append(rows.getString(i)).append('\t');
            }
            dump.append('\n');
          }
        }
        tables.put(
            "ledger " + url + " table " + table, dump.toString().getBytes(StandardCharsets.UTF_8));
      }
    }
    return tables;
  }

  private static String shortest(List<String> keys, SampleSpeech samples) {
    return keys.stream()
        .min(Comparator.comparingLong(key -> samples.file(key).toFile().length()))
        .orElseThrow();
  }

  private static int unusedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
