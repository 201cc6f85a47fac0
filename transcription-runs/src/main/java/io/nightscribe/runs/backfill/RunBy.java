package io.nightscribe.runs.backfill;

/**
 * Which front end runs a backfill: the {@code nightscribe backfill} command, or the scheduler
 * service that took it from the queue. sql/ spells these values in {@code ns_backfill.run_by}.
 */
public enum RunBy {
  COMMAND,
  SCHEDULER
}
