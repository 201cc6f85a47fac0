package io.nightscribe.runs.partition;

import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.ledger.RunStatus;
import java.util.Optional;

/**
 * Where a partition stands with one model and one set of settings.
 *
 * @param kind whether it never ran, completed, or was left unfinished (failed or killed)
 * @param run the run of its job instance, when one was created
 */
public record PartitionState(Kind kind, Optional<RunRow> run) {
  public enum Kind {
    NEVER_RUN,
    COMPLETED,
    UNFINISHED
  }

  public static PartitionState never() {
    return new PartitionState(Kind.NEVER_RUN, Optional.empty());
  }

  public static PartitionState completed(RunRow run) {
    return new PartitionState(Kind.COMPLETED, Optional.of(run));
  }

  public static PartitionState unfinished(Optional<RunRow> run) {
    return new PartitionState(Kind.UNFINISHED, run);
  }

  /** Where the partition whose run is {@code run} stands, by the ledger alone. */
  public static PartitionState of(Optional<RunRow> run) {
    if (run.isEmpty()) {
      return never();
    }
    return run.get().status().completed() ? completed(run.get()) : unfinished(run);
  }

  /** True when it completed with some inputs quarantined. */
  public boolean quarantined() {
    return run.map(r -> r.status() == RunStatus.COMPLETED_WITH_QUARANTINE).orElse(false);
  }
}
