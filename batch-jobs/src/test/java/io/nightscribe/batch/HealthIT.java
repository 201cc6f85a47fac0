package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.testsupport.MlflowServer;
import io.nightscribe.testsupport.PostgresServer;
import io.nightscribe.testsupport.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code nightscribe health} against real servers of its own, stopped under it: green when all are
 * up, and otherwise exit 1 with the dependency that is down named, each with its reason — S3
 * stopped, the model's files changed on disk (digest wrong), PostgreSQL stopped, MLflow stopped.
 * Dependencies go down two at a time to keep the JVM launches few; each is still named.
 */
class HealthIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path workDir;

  @Test
  void namesTheDependencyThatIsDownAndIsGreenWhenAllAreUp() throws Exception {
    MlflowServer mlflow = MlflowServer.startPrivate();
    PostgresServer postgres = PostgresServer.startPrivate();
    S3ProxyServer s3 = S3ProxyServer.startPrivate();
    try {
      String raw = s3.createUniqueBucket("raw");
      String out = s3.createUniqueBucket("transcripts");
      Path cache = workDir.resolve("model-cache");
      Path config =
          Files.writeString(
              workDir.resolve("nightscribe.yml"),
              """
              nightscribe:
                home: %s
                model-cache: %s
                mlflow:
                  tracking-uri: %s
                  timeout: 3s
                health:
                  deadline: 20s
                pipelines:
                  calls:
                    input: s3://%s/{date:yyyy/MM/dd}/
                    output: s3://%s/
              spring:
                datasource:
                  url: %s
                  username: %s
                  password: %s
              """
                  .formatted(
                      workDir.resolve("home"),
                      cache,
                      mlflow.trackingUri(),
                      raw,
                      out,
                      postgres.jdbcUrl(),
                      postgres.user(),
                      postgres.password()));
      var nightscribe = new NightscribeProcess(workDir).withS3(s3.endpoint());
      String[] health = {"health", "--pipeline", "calls", "--json", "--config", config.toString()};

      // given every dependency up, it is green
      var green = nightscribe.run(health);
      assertThat(green.exitCode()).as(green.toString()).isZero();
      assertThat(statuses(green.stdout()))
          .containsExactly(
              Map.entry("ledger", "UP"),
              Map.entry("mlflow", "UP"),
              Map.entry("calls input", "UP"),
              Map.entry("calls output", "UP"),
              Map.entry("calls model", "UP"),
              Map.entry("calls engine", "UP"));

      // when S3 stops and a file of the cached model changes
      s3.stop();
      tamperWith(cache);
      var storageAndModel = nightscribe.run(health);

      // then both are named, the first one on standard error, and the engine is not tried
      assertThat(storageAndModel.exitCode()).as(storageAndModel.toString()).isEqualTo(1);
      JsonNode report = JSON.readTree(storageAndModel.stdout());
      assertThat(report.get("down").asString()).isEqualTo("calls input");
      assertThat(statuses(storageAndModel.stdout()))
          .containsEntry("ledger", "UP")
          .containsEntry("mlflow", "UP")
          .containsEntry("calls input", "DOWN")
          .containsEntry("calls output", "DOWN")
          .containsEntry("calls model", "DOWN")
          .containsEntry("calls engine", "SKIPPED");
      assertThat(detail(report, "calls input")).contains(raw);
      assertThat(detail(report, "calls model")).contains("sha256 mismatch");
      assertThat(storageAndModel.stderr())
          .contains("nightscribe: unhealthy: calls input is down: ");

      // when PostgreSQL and MLflow stop too
      postgres.stop();
      mlflow.stop();
      var ledgerAndMlflow = nightscribe.run(health);

      // then the ledger is named first, MLflow after it
      assertThat(ledgerAndMlflow.exitCode()).as(ledgerAndMlflow.toString()).isEqualTo(1);
      JsonNode down = JSON.readTree(ledgerAndMlflow.stdout());
      assertThat(down.get("down").asString()).isEqualTo("ledger");
      assertThat(statuses(ledgerAndMlflow.stdout()))
          .containsEntry("ledger", "DOWN")
          .containsEntry("mlflow", "DOWN");
      assertThat(detail(down, "ledger"))
          .startsWith("Cannot reach the ledger " + postgres.jdbcUrl() + ": ")
          .contains("fix spring.datasource.url");
      assertThat(detail(down, "mlflow"))
          .isEqualTo(
              "Cannot reach MLflow at "
                  + mlflow.trackingUri()
                  + ": connection refused (start the tracking server or unset NIGHTSCRIBE_MLFLOW_URI)");
      assertThat(ledgerAndMlflow.stderr())
          .contains("nightscribe: unhealthy: ledger is down: Cannot reach the ledger ");
    } finally {
      s3.stop();
      postgres.stop();
      mlflow.stop();
    }
  }

  /** Appends a byte to one file of the unpacked built-in model: its digest no longer matches. */
  private static void tamperWith(Path cache) throws Exception {
    try (Stream<Path> files = Files.walk(cache)) {
      Path victim =
          files
              .filter(Files::isRegularFile)
              .filter(file -> !file.getFileName().toString().equals("model.json"))
              // a file of the package, not the stamp of its digest beside it
              .filter(file -> !file.getFileName().toString().startsWith("."))
              .findFirst()
              .orElseThrow();
      Files.write(victim, new byte[] {0}, StandardOpenOption.APPEND);
    }
  }

  private static Map<String, String> statuses(String json) {
    Map<String, String> statuses = new LinkedHashMap<>();
    JSON.readTree(json)
        .get("checks")
        .forEach(c -> statuses.put(c.get("dependency").asString(), c.get("status").asString()));
    return statuses;
  }

  private static String detail(JsonNode report, String dependency) {
    for (JsonNode check : report.get("checks")) {
      if (check.get("dependency").asString().equals(dependency)) {
        return check.get("detail").asString();
      }
    }
    throw new AssertionError("No check of " + dependency + " in " + report);
  }
}
