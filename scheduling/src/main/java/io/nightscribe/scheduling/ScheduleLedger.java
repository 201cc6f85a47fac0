package io.nightscribe.scheduling;

import io.nightscribe.runs.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The scheduled pipelines in the ledger ({@code ns_schedule}): since when each is scheduled,
 * whether it is paused, and the catch-up cursor. Every instance of the service and every {@code
 * nightscribe schedule} command reads and writes the same rows, so a pause holds everywhere. Each
 * method is its own short transaction. Thread-safe.
 */
public final class ScheduleLedger {
  private final Sql jdbc;
  private final Clock scheduleClock;
  private final Clock wall;

  /**
   * @param scheduleClock the scheduler's time: registrations, resumes and the cursor are kept in it
   * @param wall the wall clock, for when a person changed something
   */
  public ScheduleLedger(Sql jdbc, Clock scheduleClock, Clock wall) {
    this.jdbc = jdbc;
    this.scheduleClock = scheduleClock;
    this.wall = wall;
  }

  /** The pipeline's entry, created now (nothing before now is caught up) when it has none. */
  public ScheduleEntry register(String pipeline) {
    jdbc.sql(
            """
            INSERT INTO ns_schedule (pipeline, registered_at, paused, changed_at)
            VALUES (:pipeline, :now, FALSE, :wall)
            ON CONFLICT DO NOTHING
            """)
        .param("pipeline", pipeline)
        .param("now", scheduleClock.instant())
        .param("wall", wall.instant())
        .update();
    return find(pipeline).orElseThrow();
  }

  public Optional<ScheduleEntry> find(String pipeline) {
    return jdbc.sql("SELECT * FROM ns_schedule WHERE pipeline = :pipeline")
        .param("pipeline", pipeline)
        .query(ScheduleLedger::entry)
        .optional();
  }

  public List<ScheduleEntry> all() {
    return jdbc.sql("SELECT * FROM ns_schedule ORDER BY pipeline")
        .query(ScheduleLedger::entry)
        .list();
  }

  /** Pauses the pipeline: no night fires until it is resumed. */
  public ScheduleEntry pause(String pipeline, String by, Optional<String> reason) {
    register(pipeline);
    jdbc.sql(
            """
            UPDATE ns_schedule SET paused = TRUE, changed_by = :by, reason = :reason, changed_at = :wall
            WHERE pipeline = :pipeline
            """)
        .param("by", by)
        .param("reason", reason)
        .param("wall", wall.instant())
        .param("pipeline", pipeline)
        .update();
    return find(pipeline).orElseThrow();
  }

  /**
   * Resumes the pipeline from now: the next fire time runs; those that passed while it was paused
   * do not (a backfill runs them, if they are wanted).
   */
  public ScheduleEntry resume(String pipeline, String by, Optional<String> reason) {
    register(pipeline);
    jdbc.sql(
            """
            UPDATE ns_schedule SET paused = FALSE, resumed_at = :now, changed_by = :by, reason = :reason,
              changed_at = :wall
            WHERE pipeline = :pipeline
            """)
        .param("now", scheduleClock.instant())
        .param("by", by)
        .param("reason", reason)
        .param("wall", wall.instant())
        .param("pipeline", pipeline)
        .update();
    return find(pipeline).orElseThrow();
  }

  /** Moves the pipeline's cursor to {@code fireTime}, never back. */
  public void advance(String pipeline, Instant fireTime) {
    jdbc.sql(
            """
            UPDATE ns_schedule SET last_fired_for = :fireTime
            WHERE pipeline = :pipeline AND (last_fired_for IS NULL OR last_fired_for < :fireTime)
            """)
        .param("fireTime", fireTime)
        .param("pipeline", pipeline)
        .update();
  }

  private static ScheduleEntry entry(ResultSet rs) throws SQLException {
    return new ScheduleEntry(
        rs.getString("pipeline"),
        rs.getTimestamp("registered_at").toInstant(),
        rs.getBoolean("paused"),
        instant(rs.getTimestamp("resumed_at")),
        instant(rs.getTimestamp("last_fired_for")),
        Optional.ofNullable(rs.getString("changed_by")),
        Optional.ofNullable(rs.getString("reason")),
        rs.getTimestamp("changed_at").toInstant());
  }

  private static Optional<Instant> instant(Timestamp timestamp) {
    return Optional.ofNullable(timestamp).map(Timestamp::toInstant);
  }
}
