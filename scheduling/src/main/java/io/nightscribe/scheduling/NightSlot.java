package io.nightscribe.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One fire time of a pipeline's schedule and the night it covers.
 *
 * @param scheduledFor the fire time, in schedule time
 * @param date the logical date: the day before the fire time in the pipeline's zone, the date a
 *     nightly run fired then transcribes (as {@code transcribe} without {@code --date} does)
 */
public record NightSlot(Instant scheduledFor, LocalDate date) {
  public NightSlot {
    Objects.requireNonNull(scheduledFor, "scheduledFor");
    Objects.requireNonNull(date, "date");
  }
}
