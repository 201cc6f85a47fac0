package io.nightscribe.runs.mlflow;

import io.nightscribe.runs.jdbc.Sql;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * MLflow calls waiting in the ledger: one publication per run, kept until MLflow has it.
 * Thread-safe.
 */
public final class MlflowOutbox {
  private final Sql jdbc;
  private final Clock clock;

  public MlflowOutbox(Sql jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Queues (or replaces, if not yet published) the publication of a run. A run published already
   * stays as it is: a run resumed after a kill queues its publication again.
   */
  public void enqueue(String runId, String publicationJson) {
    int updated =
        jdbc.sql(
                "UPDATE ns_mlflow_outbox SET publication = :p WHERE run_id = :id AND published_at IS NULL")
            .param("p", publicationJson)
            .param("id", runId)
            .update();
    boolean queuedBefore =
        updated > 0
            || jdbc.sql("SELECT COUNT(*) FROM ns_mlflow_outbox WHERE run_id = :id")
                    .param("id", runId)
                    .query(Long.class)
                    .single()
                > 0;
    if (!queuedBefore) {
      jdbc.sql(
              """
              INSERT INTO ns_mlflow_outbox (run_id, publication, attempts, enqueued_at)
              VALUES (:id, :p, 0, :now)
              """)
          .param("id", runId)
          .param("p", publicationJson)
          .param("now", clock.instant())
          .update();
    }
  }

  /** Publications not yet in MLflow, oldest first. */
  public List<Pending> pending() {
    return jdbc.sql(
            "SELECT run_id, publication, attempts FROM ns_mlflow_outbox WHERE published_at IS NULL ORDER BY enqueued_at")
        .query(row -> new Pending(row.getString(1), row.getString(2), row.getInt(3)))
        .list();
  }

  public Optional<Pending> pending(String runId) {
    return pending().stream().filter(p -> p.runId().equals(runId)).findFirst();
  }

  public void published(String runId, String mlflowRunId) {
    jdbc.sql(
            "UPDATE ns_mlflow_outbox SET published_at = :now, mlflow_run_id = :m, attempts = attempts + 1 WHERE run_id = :id")
        .param("now", clock.instant())
        .param("m", mlflowRunId)
        .param("id", runId)
        .update();
  }

  public void failed(String runId, String error) {
    jdbc.sql(
            "UPDATE ns_mlflow_outbox SET attempts = attempts + 1, last_error = :e WHERE run_id = :id")
        .param("e", error.length() > 2000 ? error.substring(0, 2000) : error)
        .param("id", runId)
        .update();
  }

  /**
   * The failed attempts to publish run {@code runId}: every attempt but the one that succeeded, if
   * one did; 0 for a run never queued.
   */
  public long failedAttempts(String runId) {
    return jdbc.sql(
            "SELECT CAST(attempts - CASE WHEN published_at IS NULL THEN 0 ELSE 1 END AS BIGINT) FROM ns_mlflow_outbox WHERE run_id = :id")
        .param("id", runId)
        .query(Long.class)
        .optional()
        .orElse(0L);
  }

  /** A queued publication. */
  public record Pending(String runId, String publicationJson, int attempts) {}
}
