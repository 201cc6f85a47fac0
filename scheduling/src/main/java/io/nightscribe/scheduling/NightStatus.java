package io.nightscribe.scheduling;

import io.nightscribe.runs.ledger.RunStatus;

/**
 * Where a night the scheduler fired stands. sql/ spells these values once, in the check constraint
 * of {@code ns_schedule_night.status}.
 */
public enum NightStatus {
  RUNNING,
  COMPLETED,
  COMPLETED_WITH_QUARANTINE,
  FAILED;

  /** The status of a night whose run ended {@code run}. */
  public static NightStatus of(RunStatus run) {
    return switch (run) {
      case COMPLETED -> COMPLETED;
      case COMPLETED_WITH_QUARANTINE -> COMPLETED_WITH_QUARANTINE;
      case RUNNING -> RUNNING;
      default -> FAILED;
    };
  }

  /** True once the night ended, whatever the outcome: the scheduler does not fire it again. */
  public boolean ended() {
    return this != RUNNING;
  }
}
