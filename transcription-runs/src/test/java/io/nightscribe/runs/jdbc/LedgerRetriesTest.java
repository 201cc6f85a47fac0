package io.nightscribe.runs.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.NightscribeException;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LedgerRetriesTest {
  private final LedgerRetries retries = new LedgerRetries(3, Duration.ZERO, Duration.ZERO);

  @Test
  void aLostConnectionIsRetriedUpToTheLastAttemptAndCounted() {
    SQLException lost = new SQLException("An I/O error occurred", "08006");

    assertThat(retries.retryAfter(1, lost)).isTrue();
    assertThat(retries.retryAfter(2, lost)).isTrue();
    assertThat(retries.retryAfter(3, lost)).isFalse();
    assertThat(retries.retries()).isEqualTo(2);
  }

  @Test
  void aServerShuttingDownOrStartingIsRetriedEvenWhenWrapped() {
    NightscribeException wrapped =
        NightscribeException.transientFailure(
            "Cannot run ledger statement",
            new SQLException("terminating connection due to administrator command", "57P01"));

    assertThat(retries.retryAfter(1, wrapped)).isTrue();
    assertThat(retries.retryAfter(1, new SQLException("starting up", "57P03"))).isTrue();
  }

  @Test
  void aStatementTheDatabaseRefusedIsNotRetried() {
    assertThat(retries.retryAfter(1, new SQLException("duplicate key", "23505"))).isFalse();
    assertThat(retries.retryAfter(1, new SQLException("no state"))).isFalse();
    assertThat(retries.retryAfter(1, new IllegalStateException("a bug"))).isFalse();
    assertThat(retries.retries()).isZero();
  }
}
