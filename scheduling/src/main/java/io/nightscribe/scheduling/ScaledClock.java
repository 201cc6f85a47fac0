package io.nightscribe.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Schedule time that runs {@code speed} times faster than the wall clock from a shared origin: at
 * wall time {@code origin} it reads {@code startsAt}. What a rehearsal of days of schedule in
 * minutes runs on (every instance given the same three values reads the same time); at speed 1 with
 * {@code startsAt == origin} it is the wall clock. Immutable and thread-safe.
 */
public final class ScaledClock extends Clock {
  private final Clock wall;
  private final Instant origin;
  private final Instant startsAt;
  private final long speed;

  /**
   * @param wall the wall clock
   * @param origin the wall time at which schedule time reads {@code startsAt}
   * @param startsAt schedule time at {@code origin}
   * @param speed schedule seconds per wall second, 1 or more
   */
  public ScaledClock(Clock wall, Instant origin, Instant startsAt, long speed) {
    this.wall = Objects.requireNonNull(wall, "wall");
    this.origin = Objects.requireNonNull(origin, "origin");
    this.startsAt = Objects.requireNonNull(startsAt, "startsAt");
    if (speed < 1) {
      throw new IllegalArgumentException("Invalid clock speed " + speed + ": give 1 or more");
    }
    this.speed = speed;
  }

  /** Schedule time of a wall time. */
  public Instant scheduleTime(Instant wallTime) {
    return startsAt.plus(Duration.between(origin, wallTime).multipliedBy(speed));
  }

  /** How long on the wall clock a span of schedule time lasts. */
  public Duration wallDuration(Duration scheduleSpan) {
    return scheduleSpan.dividedBy(speed);
  }

  @Override
  public Instant instant() {
    return scheduleTime(wall.instant());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (zone.equals(ZoneOffset.UTC)) {
      return this;
    }
    throw new UnsupportedOperationException(
        "Schedule time is kept in UTC: convert instants instead");
  }

  @Override
  public String toString() {
    return speed == 1 && origin.equals(startsAt)
        ? "the wall clock"
        : "schedule time "
            + speed
            + "x the wall clock, reading "
            + startsAt
            + " at wall time "
            + origin;
  }
}
