package io.nightscribe.runs.backfill;

import java.time.Instant;

/**
 * A backfill as the ledger holds it.
 *
 * @param id its id
 * @param request what was asked
 * @param modelReference the model reference its partitions run with
 * @param requestedAt when it was first asked for
 * @param status where it stands
 */
public record BackfillRecord(
    String id,
    BackfillRequest request,
    String modelReference,
    Instant requestedAt,
    BackfillStatus status) {}
