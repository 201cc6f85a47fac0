package io.nightscribe.runs.backfill;

import io.nightscribe.runs.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Backfills in the ledger: who asked for what and why, the plan, and each partition's outcome.
 * Every method is its own short transaction, so progress survives a kill. Thread-safe.
 */
public final class BackfillLedger {
  private final Sql jdbc;
  private final Clock clock;

  public BackfillLedger(Sql jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void create(BackfillRecord backfill) {
    BackfillRequest request = backfill.request();
    jdbc.sql(
            """
            INSERT INTO ns_backfill (backfill_id, pipeline, from_date, to_date, reprocess, max_parallel,
              model_reference, reason, requested_by, requested_at, status, updated_at)
            VALUES (:id, :pipeline, :from, :to, :reprocess, :maxParallel, :model, :reason, :by, :at,
              :status, :at)
            """)
        .param("id", backfill.id())
        .param("pipeline", request.pipeline())
        .param("from", request.from())
        .param("to", request.to())
        .param("reprocess", request.reprocess().optionValue())
        .param("maxParallel", request.maxParallel())
        .param("model", backfill.modelReference())
        .param("reason", request.reason())
        .param("by", request.requestedBy())
        .param("at", backfill.requestedAt())
        .param("status", backfill.status())
        .update();
  }

  public Optional<BackfillRecord> find(String id) {
    return jdbc.sql("SELECT * FROM ns_backfill WHERE backfill_id = :id")
        .param("id", id)
        .query(BackfillLedger::backfill)
        .optional();
  }

  public void updateStatus(String id, BackfillStatus status) {
    jdbc.sql("UPDATE ns_backfill SET status = :status, updated_at = :now WHERE backfill_id = :id")
        .param("status", status)
        .param("now", clock.instant())
        .param("id", id)
        .update();
  }

  /**
   * Records the latest plan: every date gets its action; dates to skip are SKIPPED, the others
   * PLANNED. Dates this backfill already ran to the end keep their outcome.
   */
  public void savePlan(String id, List<PlannedPartition> plan) {
    for (PlannedPartition partition : plan) {
      PartitionProgress.Status status =
          partition.action() == PlannedPartition.Action.SKIP
              ? PartitionProgress.Status.SKIPPED
              : PartitionProgress.Status.PLANNED;
      int updated =
          jdbc.sql(
                  """
                  UPDATE ns_backfill_partition SET action = :action, status = :status, run_id = :run,
                    message = :why, updated_at = :now
                  WHERE backfill_id = :id AND partition_date = :date
                    AND status NOT IN (:completed, :quarantined)
                  """)
              .param("action", partition.action())
              .param("status", status)
              .param("run", partition.runId())
              .param("why", partition.why())
              .param("now", clock.instant())
              .param("id", id)
              .param("date", partition.date())
              .param("completed", PartitionProgress.Status.COMPLETED)
              .param("quarantined", PartitionProgress.Status.COMPLETED_WITH_QUARANTINE)
              .update();
      if (updated == 0 && partition(id, partition.date()).isEmpty()) {
        jdbc.sql(
                """
                INSERT INTO ns_backfill_partition (backfill_id, partition_date, action, status, run_id,
                  message, updated_at)
                VALUES (:id, :date, :action, :status, :run, :why, :now)
                """)
            .param("id", id)
            .param("date", partition.date())
            .param("action", partition.action())
            .param("status", status)
            .param("run", partition.runId())
            .param("why", partition.why())
            .param("now", clock.instant())
            .update();
      }
    }
  }

  public void partitionRunning(String id, LocalDate date) {
    partitionOutcome(
        id, date, PartitionProgress.Status.RUNNING, Optional.empty(), Optional.empty());
  }

  public void partitionOutcome(
      String id,
      LocalDate date,
      PartitionProgress.Status status,
      Optional<String> runId,
      Optional<String> message) {
    jdbc.sql(
            """
            UPDATE ns_backfill_partition SET status = :status, run_id = COALESCE(:run, run_id),
              message = :message, updated_at = :now
            WHERE backfill_id = :id AND partition_date = :date
            """)
        .param("status", status)
        .param("run", runId)
        .param("message", message.map(BackfillLedger::clip))
        .param("now", clock.instant())
        .param("id", id)
        .param("date", date)
        .update();
  }

  /** Every date of the backfill, in order. */
  public List<PartitionProgress> partitions(String id) {
    return jdbc.sql(
            "SELECT * FROM ns_backfill_partition WHERE backfill_id = :id ORDER BY partition_date")
        .param("id", id)
        .query(BackfillLedger::partition)
        .list();
  }

  /** One date of the backfill, if it was planned. */
  public Optional<PartitionProgress> partition(String id, LocalDate date) {
    return jdbc.sql(
            "SELECT * FROM ns_backfill_partition WHERE backfill_id = :id AND partition_date = :date")
        .param("id", id)
        .param("date", date)
        .query(BackfillLedger::partition)
        .optional();
  }

  private static String clip(String text) {
    return text.length() > 2000 ? text.substring(0, 2000) : text;
  }

  private static BackfillRecord backfill(ResultSet rs) throws SQLException {
    BackfillRequest request =
        new BackfillRequest(
            rs.getString("pipeline"),
            rs.getDate("from_date").toLocalDate(),
            rs.getDate("to_date").toLocalDate(),
            Reprocess.parse(rs.getString("reprocess")),
            rs.getInt("max_parallel"),
            Optional.of(rs.getString("model_reference")),
            Optional.ofNullable(rs.getString("reason")),
            rs.getString("requested_by"));
    return new BackfillRecord(
        rs.getString("backfill_id"),
        request,
        rs.getString("model_reference"),
        rs.getTimestamp("requested_at").toInstant(),
        BackfillStatus.valueOf(rs.getString("status")));
  }

  private static PartitionProgress partition(ResultSet rs) throws SQLException {
    return new PartitionProgress(
        rs.getDate("partition_date").toLocalDate(),
        PlannedPartition.Action.valueOf(rs.getString("action")),
        PartitionProgress.Status.valueOf(rs.getString("status")),
        Optional.ofNullable(rs.getString("run_id")),
        Optional.ofNullable(rs.getString("message")),
        rs.getTimestamp("updated_at").toInstant());
  }
}
