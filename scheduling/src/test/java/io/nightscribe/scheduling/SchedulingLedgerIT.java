package io.nightscribe.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.runs.jdbc.LedgerDataSource;
import io.nightscribe.runs.jdbc.Sql;
import io.nightscribe.runs.ledger.Heartbeat;
import io.nightscribe.runs.ledger.RunOwner;
import io.nightscribe.testsupport.PostgresServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scheduler's records on both ledgers it runs on, migrated by the application's own Flyway
 * scripts (Quartz's tables included): a night is claimed by exactly one firing, a dead owner's
 * night is taken over once, pauses and the cursor hold.
 */
class SchedulingLedgerIT {
  private static final NightSlot NIGHT =
      new NightSlot(Instant.parse("2026-12-02T02:30:00Z"), LocalDate.parse("2026-12-01"));

  @TempDir static Path workDir;

  static Stream<Arguments> ledgers() {
    PostgresServer postgres = PostgresServer.shared();
    return Stream.of(
        Arguments.of(
            "H2",
            new LedgerDataSource(
                "jdbc:h2:file:" + workDir.resolve("ledger") + ";MODE=PostgreSQL", "sa", "")),
        Arguments.of(
            "PostgreSQL",
            new LedgerDataSource(
                postgres.newDatabase("scheduling_" + Long.toHexString(System.nanoTime())),
                postgres.user(),
                postgres.password())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ledgers")
  void aNightIsClaimedOnceAndADeadOwnersNightIsTakenOverOnce(String name, DataSource ledger) {
    Flyway.configure().dataSource(ledger).locations("classpath:db/migration").load().migrate();
    Clock wall = Clock.systemUTC();
    NightLedger nights = new NightLedger(new Sql(ledger), wall);

    assertThat(nights.claim("calls", NIGHT, FiredAs.SCHEDULE)).isTrue();
    assertThat(nights.claim("calls", NIGHT, FiredAs.CATCH_UP)).isFalse();
    NightRecord night = nights.find("calls", NIGHT.date()).orElseThrow();
    assertThat(night.status()).isEqualTo(NightStatus.RUNNING);
    assertThat(night.firedAs()).isEqualTo(FiredAs.SCHEDULE);
    assertThat(night.heartbeat().ownerText()).isEqualTo(RunOwner.current().toString());

    // a takeover needs the heartbeat it saw: a stale view loses
    Heartbeat seen = night.heartbeat();
    assertThat(nights.takeOver("calls", NIGHT.date(), new Heartbeat(Instant.EPOCH, "1@gone")))
        .isFalse();
    assertThat(nights.takeOver("calls", NIGHT.date(), seen)).isTrue();
    assertThat(nights.takeOver("calls", NIGHT.date(), seen)).isFalse();

    nights.finish(
        "calls", NIGHT.date(), NightStatus.COMPLETED, Optional.of("run-1"), Optional.empty());
    nights.recordFiring("calls", NIGHT, FiringOutcome.ALREADY_DONE, Optional.of("second firing"));
    assertThat(nights.latest("calls", 5))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.status()).isEqualTo(NightStatus.COMPLETED);
              assertThat(n.runId()).contains("run-1");
              assertThat(n.finishedAt()).isPresent();
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ledgers")
  void pausesAndTheCursorHold(String name, DataSource ledger) {
    Flyway.configure().dataSource(ledger).locations("classpath:db/migration").load().migrate();
    Clock schedule = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    ScheduleLedger schedules = new ScheduleLedger(new Sql(ledger), schedule, Clock.systemUTC());

    ScheduleEntry first = schedules.register("twi");
    assertThat(schedules.register("twi")).isEqualTo(first);
    assertThat(first.cursor()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));

    schedules.advance("twi", NIGHT.scheduledFor());
    schedules.advance("twi", NIGHT.scheduledFor().minus(Duration.ofDays(1)));
    assertThat(schedules.find("twi").orElseThrow().lastFiredFor()).contains(NIGHT.scheduledFor());

    ScheduleEntry paused = schedules.pause("twi", "ops", Optional.of("bucket migration"));
    assertThat(paused.paused()).isTrue();
    assertThat(paused.changedBy()).contains("ops");
    ScheduleEntry resumed = schedules.resume("twi", "ops", Optional.empty());
    assertThat(resumed.paused()).isFalse();
    assertThat(resumed.resumedAt()).contains(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(schedules.all()).extracting(ScheduleEntry::pipeline).containsExactly("twi");
  }
}
