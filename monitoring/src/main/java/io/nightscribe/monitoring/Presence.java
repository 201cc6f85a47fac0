package io.nightscribe.monitoring;

/** When a metric is in a run's pushes. */
public enum Presence {
  /** In every push from the run's first one, which comes before any object is touched. */
  FROM_START,
  /** From the first push after the value became known (model loaded, ledger read). */
  WHEN_KNOWN,
  /** Only in the pushes at and after the end of the night (final values). */
  END_OF_NIGHT
}
