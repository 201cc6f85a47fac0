package io.nightscribe.runs.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.storage.ObjectInfo;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.runs.jdbc.LedgerDataSource;
import io.nightscribe.runs.jdbc.Sql;
import io.nightscribe.runs.ledger.RunLedger.PlannedObject;
import io.nightscribe.testsupport.PostgresServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Planning a night's inputs in batches, on both ledgers the application runs on (H2 and
 * PostgreSQL), migrated by the application's own Flyway scripts.
 */
class RunLedgerIT {
  @TempDir static Path workDir;

  static Stream<String> ledgers() {
    return Stream.of("h2", "postgresql");
  }

  @ParameterizedTest
  @MethodSource("ledgers")
  void plansEveryObjectOfSeveralPagesOnceWithItsVersionOrNone(String kind) {
    RunLedger ledger = ledger(kind);
    String runId = newRun(ledger);
    List<PlannedObject> objects = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      String key = "clips/%05d.wav".formatted(i);
      Optional<String> version = i % 2 == 0 ? Optional.empty() : Optional.of("v" + i);
      objects.add(
          new PlannedObject(
              key,
              new ObjectInfo(StorageUri.parse("s3://raw/" + key), 100 + i, "etag" + i, version)));
    }

    ledger.inTransaction(
        transaction -> {
          transaction.planInputs(runId, objects.subList(0, 1000));
          transaction.planInputs(runId, objects.subList(1000, 2000));
          transaction.planInputs(runId, objects.subList(2000, 2500));
          transaction.planInputs(runId, List.of());
          return null;
        });

    List<InputRow> planned = ledger.pendingInputs(runId);
    assertThat(planned).hasSize(2500);
    for (int i = 0; i < 2500; i++) {
      InputRow row = planned.get(i);
      assertThat(row.key()).isEqualTo(objects.get(i).key());
      assertThat(row.sizeBytes()).isEqualTo(100 + i);
      assertThat(row.etag()).isEqualTo("etag" + i);
      assertThat(row.versionId()).isEqualTo(objects.get(i).info().versionId());
      assertThat(row.status()).isEqualTo(InputStatus.PENDING);
    }
  }

  @ParameterizedTest
  @MethodSource("ledgers")
  void aPageThatCannotBePlannedLeavesNothingOfTheTransactionBehind(String kind) {
    RunLedger ledger = ledger(kind);
    String runId = newRun(ledger);
    ObjectInfo info = new ObjectInfo(StorageUri.parse("s3://raw/a.wav"), 1, "e", Optional.empty());
    List<PlannedObject> first = List.of(new PlannedObject("a.wav", info));
    List<PlannedObject> twice =
        List.of(new PlannedObject("b.wav", info), new PlannedObject("a.wav", info));

    assertThatThrownBy(
            () ->
                ledger.inTransaction(
                    transaction -> {
                      transaction.planInputs(runId, first);
                      transaction.planInputs(runId, twice);
                      return null;
                    }))
        .isInstanceOf(NightscribeException.class)
        .hasMessageStartingWith("Cannot run ledger statement INSERT INTO ns_run_input");

    assertThat(ledger.hasPlannedInputs(runId)).isFalse();
  }

  private static RunLedger ledger(String kind) {
    DataSource dataSource;
    String name = kind + "_" + Long.toHexString(System.nanoTime());
    if (kind.equals("h2")) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:file:" + workDir.resolve(name) + ";MODE=PostgreSQL");
      h2.setUser("sa");
      dataSource = h2;
    } else {
      PostgresServer postgres = PostgresServer.shared();
      dataSource =
          new LedgerDataSource(postgres.newDatabase(name), postgres.user(), postgres.password());
    }
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    return new RunLedger(new Sql(dataSource), Clock.systemUTC());
  }

  private static String newRun(RunLedger ledger) {
    String runId = RunLedger.newRunId();
    ledger.createRun(
        new RunRow(
            runId,
            Optional.empty(),
            JobKind.NIGHTLY,
            "calls",
            Optional.empty(),
            "s3://raw/",
            "s3://out/",
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
    return runId;
  }
}
