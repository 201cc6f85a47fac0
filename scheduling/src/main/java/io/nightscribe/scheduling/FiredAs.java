package io.nightscribe.scheduling;

/**
 * Why a night ran: at its fire time, or caught up after the service was down (or later than its
 * fire time for another reason). sql/ spells these values in {@code ns_schedule_night.fired_as}.
 */
public enum FiredAs {
  /** The newest fire time due: the night's own firing. */
  SCHEDULE,
  /** A fire time that was missed while a newer one is also due: caught up, in order. */
  CATCH_UP
}
