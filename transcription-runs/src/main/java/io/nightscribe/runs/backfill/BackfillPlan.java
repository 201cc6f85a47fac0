package io.nightscribe.runs.backfill;

import java.util.List;
import java.util.Optional;

/**
 * What a backfill will do.
 *
 * @param id the backfill's id
 * @param request what was asked
 * @param modelReference the model reference its partitions run with
 * @param existing the backfill as recorded, when this one was issued before
 * @param partitions every date, in order
 */
public record BackfillPlan(
    String id,
    BackfillRequest request,
    String modelReference,
    Optional<BackfillRecord> existing,
    List<PlannedPartition> partitions) {
  public BackfillPlan {
    partitions = List.copyOf(partitions);
  }

  public long count(PlannedPartition.Action action) {
    return partitions.stream().filter(p -> p.action() == action).count();
  }
}
