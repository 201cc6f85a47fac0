package io.nightscribe.batch.backfill;

import java.time.Instant;

/**
 * A backfill as the ledger holds it.
 *
 * @param id its id
 * @param request what was asked
 * @param modelReference the model reference its partitions run with
 * @param requestedAt when it was first asked for
 * @param status REQUESTED (queued for the scheduler), RUNNING, COMPLETED or FAILED (some partition
 *     failed)
 */
public record BackfillRecord(
    String id, BackfillRequest request, String modelReference, Instant requestedAt, String status) {
  public static final String REQUESTED = "REQUESTED";
  public static final String RUNNING = "RUNNING";
  public static final String COMPLETED = "COMPLETED";
  public static final String FAILED = "FAILED";
}
