package io.nightscribe.runs.ledger;

/**
 * Where a run stands in the ledger. A transcription run is {@link #RUNNING} until it ends {@link
 * #COMPLETED}, {@link #COMPLETED_WITH_QUARANTINE} or {@link #FAILED} (a failed run resumes when its
 * partition is fired again); a replay's row ends in its verdict. sql/ spells these values once, in
 * the check constraint of {@code ns_run.status}.
 */
public enum RunStatus {
  RUNNING,
  COMPLETED,
  COMPLETED_WITH_QUARANTINE,
  FAILED,
  IDENTICAL,
  VERIFIED,
  DIFFERENT,
  INPUT_CHANGED,
  MODEL_UNAVAILABLE;

  /** True for a transcription run that finished, with or without quarantined inputs. */
  public boolean completed() {
    return this == COMPLETED || this == COMPLETED_WITH_QUARANTINE;
  }
}
