package io.nightscribe.runs.backfill;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A backfill as the ledger holds it.
 *
 * @param id its id
 * @param request what was asked
 * @param modelReference the model reference its partitions run with
 * @param requestedAt when it was first asked for
 * @param status where it stands
 * @param owner the process that runs it, or ran it last; empty while it is only queued
 */
public record BackfillRecord(
    String id,
    BackfillRequest request,
    String modelReference,
    Instant requestedAt,
    BackfillStatus status,
    Optional<BackfillOwner> owner) {
  public BackfillRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(modelReference, "modelReference");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(owner, "owner");
  }
}
