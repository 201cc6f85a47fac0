package io.nightscribe.runs.backfill;

/**
 * Where a backfill stands: {@link #REQUESTED} (queued for the scheduler service), {@link #RUNNING},
 * {@link #COMPLETED}, or {@link #FAILED} (some date failed; issuing it again resumes). sql/ spells
 * these values once, in the check constraint of {@code ns_backfill.status}.
 */
public enum BackfillStatus {
  REQUESTED,
  RUNNING,
  COMPLETED,
  FAILED
}
