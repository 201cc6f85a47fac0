package io.nightscribe.scheduling;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline as the scheduler keeps it in the ledger (times are schedule time unless named wall).
 *
 * @param pipeline the pipeline
 * @param registeredAt when the service first scheduled it: nothing before is caught up
 * @param paused true while paused: no night fires
 * @param resumedAt the last resume: nights due while paused are not caught up
 * @param lastFiredFor the latest fire time handled to its end: the catch-up cursor
 * @param changedBy who paused or resumed it last
 * @param reason why
 * @param changedAt when it was registered, paused or resumed last (wall clock)
 */
public record ScheduleEntry(
    String pipeline,
    Instant registeredAt,
    boolean paused,
    Optional<Instant> resumedAt,
    Optional<Instant> lastFiredFor,
    Optional<String> changedBy,
    Optional<String> reason,
    Instant changedAt) {
  public ScheduleEntry {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(registeredAt, "registeredAt");
    Objects.requireNonNull(resumedAt, "resumedAt");
    Objects.requireNonNull(lastFiredFor, "lastFiredFor");
    Objects.requireNonNull(changedBy, "changedBy");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(changedAt, "changedAt");
  }

  /** The cursor fire times are due after: nothing before registration, a resume or the last one. */
  public Instant cursor() {
    Instant cursor = registeredAt;
    if (resumedAt.isPresent() && resumedAt.get().isAfter(cursor)) {
      cursor = resumedAt.get();
    }
    if (lastFiredFor.isPresent() && lastFiredFor.get().isAfter(cursor)) {
      cursor = lastFiredFor.get();
    }
    return cursor;
  }
}
