package io.nightscribe.runs.replay;

/** What a replay proved, with the exit code {@code nightscribe replay} ends with. */
public enum ReplayVerdict {
  /** Every output of the replay has the original's bytes. */
  IDENTICAL(0),
  /** Inputs and model are the run's own (--verify-inputs-only: nothing was re-run). */
  VERIFIED(0),
  /** Inputs and model are the run's own, yet some output differs. */
  DIFFERENT(4),
  /** An input is gone, or no longer has the bytes the run read. */
  INPUT_CHANGED(5),
  /** The run's model cannot be had with the digest the run recorded. */
  MODEL_UNAVAILABLE(6);

  private final int exitCode;

  ReplayVerdict(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
