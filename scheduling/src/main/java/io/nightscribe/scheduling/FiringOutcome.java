package io.nightscribe.scheduling;

/**
 * What one firing of a (pipeline, date) did. Only {@link #RAN} and {@link #RESUMED} run anything;
 * the others are firings of a night that already ran or is running, recorded as the no-ops they
 * are. sql/ spells these values once, in the check constraint of {@code
 * ns_schedule_firing.outcome}.
 */
public enum FiringOutcome {
  /** The night's first firing: it ran. */
  RAN,
  /** The night was left running by a dead instance: this firing took it over and resumed it. */
  RESUMED,
  /** The night had ended (or its partition was complete): nothing ran. */
  ALREADY_DONE,
  /** A live instance is running the night: nothing ran. */
  RUNNING_ELSEWHERE,
  /** The night ran and failed. */
  FAILED
}
