package io.nightscribe.batch.scheduler;

import io.nightscribe.runs.health.HealthReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A health report reused for a while: checking every pipeline loads every model, too heavy for each
 * probe of a load balancer. Thread-safe; concurrent callers share one refresh.
 */
final class CachedReport implements Supplier<HealthReport> {
  private final Supplier<HealthReport> fresh;
  private final Duration refreshAfter;
  private final Clock clock;
  private HealthReport last;
  private Instant takenAt = Instant.MIN;

  CachedReport(Supplier<HealthReport> fresh, Duration refreshAfter, Clock clock) {
    this.fresh = fresh;
    this.refreshAfter = refreshAfter;
    this.clock = clock;
  }

  @Override
  public synchronized HealthReport get() {
    Instant now = clock.instant();
    if (last == null || !now.isBefore(takenAt.plus(refreshAfter))) {
      last = fresh.get();
      takenAt = now;
    }
    return last;
  }
}
