package io.nightscribe.runs.metrics;

import io.nightscribe.monitoring.PipelineMetrics;
import io.nightscribe.runs.jdbc.Sql;
import io.nightscribe.runs.ledger.RunStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * What the ledger knows of a pipeline beyond one night, for the metrics every push carries: a push
 * replaces the pipeline's whole group, so without these a failed night would erase the last
 * success. Thread-safe.
 */
public final class PipelineFacts {
  private final Sql jdbc;

  public PipelineFacts(Sql jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Sets {@code metrics}' last success, last failure and MLflow outbox depth from the ledger.
   *
   * @param failedNow when the night being reported has just failed: the ledger may not show it yet
   */
  public void report(String pipeline, PipelineMetrics metrics, Optional<Instant> failedNow) {
    lastSuccess(pipeline).ifPresent(metrics::lastSuccess);
    Optional<Instant> failure = lastFailure(pipeline);
    if (failedNow.isPresent() && (failure.isEmpty() || failure.get().isBefore(failedNow.get()))) {
      failure = failedNow;
    }
    failure.ifPresent(metrics::lastFailure);
    metrics.mlflowOutboxDepth(mlflowOutboxDepth(pipeline));
  }

  /** When the pipeline's last successful run (exit 0 or 3) finished. */
  public Optional<Instant> lastSuccess(String pipeline) {
    return instant(
        jdbc.sql(
                "SELECT MAX(finished_at) FROM ns_run WHERE pipeline = :p AND status IN (:ok, :quarantined)")
            .param("p", pipeline)
            .param("ok", RunStatus.COMPLETED)
            .param("quarantined", RunStatus.COMPLETED_WITH_QUARANTINE));
  }

  /**
   * When the pipeline's last failed run ended: a failed run has no finish time, so its last
   * heartbeat stands for it.
   */
  public Optional<Instant> lastFailure(String pipeline) {
    return instant(
        jdbc.sql(
                "SELECT MAX(COALESCE(finished_at, heartbeat_at)) FROM ns_run WHERE pipeline = :p AND status = :failed")
            .param("p", pipeline)
            .param("failed", RunStatus.FAILED));
  }

  /** Runs of the pipeline whose MLflow publication is still waiting in the outbox. */
  public int mlflowOutboxDepth(String pipeline) {
    return jdbc.sql(
            """
            SELECT COUNT(*) FROM ns_mlflow_outbox o JOIN ns_run r ON r.run_id = o.run_id
            WHERE o.published_at IS NULL AND r.pipeline = :p
            """)
        .param("p", pipeline)
        .query(row -> row.getInt(1))
        .single();
  }

  private static Optional<Instant> instant(Sql.Statement query) {
    return query
        .query(row -> Optional.ofNullable(row.getTimestamp(1)).map(Timestamp::toInstant))
        .single();
  }
}
