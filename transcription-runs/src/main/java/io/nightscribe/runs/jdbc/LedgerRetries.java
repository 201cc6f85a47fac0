package io.nightscribe.runs.jdbc;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When a ledger statement (or transaction) is tried again: only after the connection to the
 * database failed — SQLState class 08 (connection exception) or 57P01-57P03 (the server shutting
 * down, crashed, or not yet accepting connections) — never after the database refused the statement
 * itself. A statement whose connection broke did not commit, or committed and lost its answer: the
 * ledger's writes set states, so running one again gives the same rows, and an insert run twice
 * fails on its key (failing the run, which the next firing resumes) instead of duplicating a row.
 * Between attempts it waits {@code baseDelay}, doubling up to {@code maxDelay}, which with the
 * defaults rides out a database restart of about 15 seconds. Counts every retry. Thread-safe.
 */
public final class LedgerRetries {
  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final AtomicLong retries = new AtomicLong();

  /**
   * @param maxAttempts attempts per statement or transaction, the first included (1: no retries)
   */
  public LedgerRetries(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "Invalid ledger attempts " + maxAttempts + ": use 1 or more");
    }
    this.maxAttempts = maxAttempts;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
  }

  /** 8 attempts, 250 ms doubling up to 5 s between them: about 18 s of waiting in all. */
  public static LedgerRetries standard() {
    return new LedgerRetries(8, Duration.ofMillis(250), Duration.ofSeconds(5));
  }

  /** Retries made so far. */
  public long retries() {
    return retries.get();
  }

  /**
   * Whether attempt number {@code attempt} (1 for the first), which failed with {@code failure}, is
   * worth another: if so it waits the backoff and counts the retry.
   */
  boolean retryAfter(int attempt, Throwable failure) {
    if (attempt >= maxAttempts || !connectionLost(failure)) {
      return false;
    }
    long delay = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    retries.incrementAndGet();
    return true;
  }

  /** True when {@code failure} says the connection to the database was lost or refused. */
  static boolean connectionLost(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.matches("57P0[123]")) {
          return true;
        }
      }
    }
    return false;
  }
}
