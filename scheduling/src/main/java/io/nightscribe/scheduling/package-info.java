/**
 * What the scheduler service decides, in plain Java over the ledger: when a pipeline fires and for
 * which logical date, which missed nights it catches up, the record that makes a second firing of
 * the same (pipeline, date) a no-op, pausing, and taking queued backfills.
 */
package io.nightscribe.scheduling;
