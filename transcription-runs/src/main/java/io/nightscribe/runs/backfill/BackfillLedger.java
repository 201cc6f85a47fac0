package io.nightscribe.runs.backfill;

import io.nightscribe.runs.jdbc.Sql;
import io.nightscribe.runs.ledger.Heartbeat;
import io.nightscribe.runs.ledger.RunOwner;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
              model_reference, reason, requested_by, requested_at, status, updated_at, owner, heartbeat_at,
              run_by)
            VALUES (:id, :pipeline, :from, :to, :reprocess, :maxParallel, :model, :reason, :by, :at,
              :status, :at, :owner, :heartbeat, :runBy)
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
        .param("owner", backfill.owner().map(o -> o.heartbeat().ownerText()))
        .param("heartbeat", backfill.owner().map(o -> o.heartbeat().at()))
        .param("runBy", backfill.owner().map(BackfillOwner::runBy))
        .update();
  }

  /**
   * Makes this process the one that runs backfill {@code id}, RUNNING: unless another live process
   * runs it now. A process that died (gone from this host, or silent for {@code staleAfter}) loses
   * it; of two processes claiming at once one wins (a compare-and-set on the last change).
   *
   * @return the owner that keeps it when the claim fails, else empty
   */
  public Optional<BackfillOwner> claim(String id, RunBy runBy, Duration staleAfter) {
    Instant now = clock.instant();
    String me = RunOwner.current().toString();
    Claimable seen =
        jdbc.sql(
                "SELECT status, owner, heartbeat_at, run_by, updated_at FROM ns_backfill WHERE backfill_id = :id")
            .param("id", id)
            .query(BackfillLedger::claimable)
            .single();
    if (seen.status() == BackfillStatus.RUNNING
        && seen.owner().isPresent()
        && !seen.owner().get().heartbeat().ownerText().equals(me)
        && !seen.owner().get().heartbeat().abandoned(now, staleAfter)) {
      return seen.owner();
    }
    int updated =
        jdbc.sql(
                """
                UPDATE ns_backfill SET status = :running, owner = :me, heartbeat_at = :now, run_by = :runBy,
                  updated_at = :now
                WHERE backfill_id = :id AND updated_at = :seen
                """)
            .param("running", BackfillStatus.RUNNING)
            .param("me", me)
            .param("now", now)
            .param("runBy", runBy)
            .param("id", id)
            .param("seen", seen.updatedAt())
            .update();
    return updated == 1 ? Optional.empty() : find(id).flatMap(BackfillRecord::owner);
  }

  /** Records that this process, which claimed the backfill, is alive. */
  public void heartbeat(String id) {
    Instant now = clock.instant();
    jdbc.sql(
            """
            UPDATE ns_backfill SET heartbeat_at = :now, updated_at = :now
            WHERE backfill_id = :id AND owner = :me
            """)
        .param("now", now)
        .param("id", id)
        .param("me", RunOwner.current().toString())
        .update();
  }

  /**
   * Backfills waiting for the scheduler service, oldest request first: the queued ones, and those a
   * service instance was running when it died.
   */
  public List<BackfillRecord> waitingForScheduler(Duration staleAfter) {
    Instant now = clock.instant();
    return jdbc
        .sql(
            """
            SELECT * FROM ns_backfill
            WHERE status = :requested OR (status = :running AND run_by = :scheduler)
            ORDER BY requested_at, backfill_id
            """)
        .param("requested", BackfillStatus.REQUESTED)
        .param("running", BackfillStatus.RUNNING)
        .param("scheduler", RunBy.SCHEDULER)
        .query(BackfillLedger::backfill)
        .list()
        .stream()
        .filter(
            b ->
                b.status() == BackfillStatus.REQUESTED
                    || b.owner().map(o -> o.heartbeat().abandoned(now, staleAfter)).orElse(true))
        .toList();
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
        BackfillStatus.valueOf(rs.getString("status")),
        owner(rs));
  }

  private static Optional<BackfillOwner> owner(ResultSet rs) throws SQLException {
    String owner = rs.getString("owner");
    Timestamp heartbeat = rs.getTimestamp("heartbeat_at");
    String runBy = rs.getString("run_by");
    if (owner == null || heartbeat == null || runBy == null) {
      return Optional.empty();
    }
    return Optional.of(
        new BackfillOwner(RunBy.valueOf(runBy), new Heartbeat(heartbeat.toInstant(), owner)));
  }

  /** What a claim compares: where the backfill stands and when it last changed. */
  private record Claimable(
      BackfillStatus status, Optional<BackfillOwner> owner, Instant updatedAt) {}

  private static Claimable claimable(ResultSet rs) throws SQLException {
    return new Claimable(
        BackfillStatus.valueOf(rs.getString("status")),
        owner(rs),
        rs.getTimestamp("updated_at").toInstant());
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
