package io.nightscribe.runs.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.runs.jdbc.Sql;
import io.nightscribe.runs.ledger.JobKind;
import io.nightscribe.runs.ledger.MlflowSync;
import io.nightscribe.runs.ledger.RunLedger;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.ledger.RunStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    Sql jdbc = new Sql(dataSource);
    new RunLedger(jdbc, Clock.systemUTC())
        .createRun(
            new RunRow(
                runId,
                Optional.empty(),
                JobKind.NIGHTLY,
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
                RunStatus.RUNNING,
                Instant.now(),
                Optional.empty(),
                Optional.empty(),
                MlflowSync.PENDING,
                Optional.empty(),
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
