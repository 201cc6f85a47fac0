package io.nightscribe.batch.job;

import io.nightscribe.batch.ledger.RunRow;
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

  /** True when it completed with some inputs quarantined. */
  public boolean quarantined() {
    return run.map(r -> r.status().equals(FinalizeRunTasklet.QUARANTINED_EXIT)).orElse(false);
  }
}
