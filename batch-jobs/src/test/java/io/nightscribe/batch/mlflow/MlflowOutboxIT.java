package io.nightscribe.batch.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.batch.ledger.RunLedger;
import io.nightscribe.batch.ledger.RunRow;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The outbox on the embedded H2 ledger, migrated by the application's own Flyway scripts. */
class MlflowOutboxIT {
  @TempDir Path workDir;

  private MlflowOutbox outbox;
  private final String runId = RunLedger.newRunId();

  @BeforeEach
  void ledgerWithOneRun() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:file:" + workDir.resolve("ledger") + ";MODE=PostgreSQL");
    dataSource.setUser("sa");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    new RunLedger(jdbc, Clock.systemUTC())
        .createRun(
            new RunRow(
                runId,
                Optional.empty(),
                "nightly",
                "calls",
                Optional.empty(),
                "file:///in/",
                "file:///out/",
                "builtin",
                "model",
                "1",
                "0".repeat(64),
                "1".repeat(64),
                "{}",
                "RUNNING",
                Instant.now(),
                Optional.empty(),
                Optional.empty(),
                "pending",
                Optional.empty()));
    outbox = new MlflowOutbox(jdbc, Clock.systemUTC());
  }

  @Test
  void queuingAgainBeforePublishingKeepsTheNewestPublication() {
    outbox.enqueue(runId, "{\"first\":true}");
    outbox.enqueue(runId, "{\"second\":true}");

    assertThat(outbox.pending())
        .singleElement()
        .satisfies(p -> assertThat(p.publicationJson()).isEqualTo("{\"second\":true}"));
  }

  @Test
  void aRunResumedAfterItWasPublishedQueuesWithoutFailingAndStaysPublished() {
    outbox.enqueue(runId, "{\"first\":true}");
    outbox.published(runId, "0123456789abcdef0123456789abcdef");

    outbox.enqueue(runId, "{\"again\":true}");

    assertThat(outbox.pending()).isEmpty();
  }
}
