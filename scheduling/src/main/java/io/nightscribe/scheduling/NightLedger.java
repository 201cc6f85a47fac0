package io.nightscribe.scheduling;

import io.nightscribe.runs.jdbc.Sql;
import io.nightscribe.runs.ledger.Heartbeat;
import io.nightscribe.runs.ledger.RunOwner;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The nights the scheduler fired ({@code ns_schedule_night}, one row per pipeline and logical date:
 * the idempotency record) and every firing ({@code ns_schedule_firing}, no-ops included). Each
 * method is its own short transaction, so what is recorded survives a kill. Thread-safe.
 */
public final class NightLedger {
  private static final int MESSAGE_LIMIT = 2000;

  private final Sql jdbc;
  private final Clock wall;

  public NightLedger(Sql jdbc, Clock wall) {
    this.jdbc = jdbc;
    this.wall = wall;
  }

  /**
   * Records the night as RUNNING in this process, unless it has a record already: of any number of
   * instances firing the same (pipeline, date), exactly one gets true.
   */
  public boolean claim(String pipeline, NightSlot slot, FiredAs firedAs) {
    Instant now = wall.instant();
    return jdbc.sql(
                """
                INSERT INTO ns_schedule_night (pipeline, logical_date, scheduled_for, fired_as, status, owner,
                  heartbeat_at, started_at)
                VALUES (:pipeline, :date, :scheduledFor, :firedAs, :running, :owner, :now, :now)
                ON CONFLICT DO NOTHING
                """)
            .param("pipeline", pipeline)
            .param("date", slot.date())
            .param("scheduledFor", slot.scheduledFor())
            .param("firedAs", firedAs)
            .param("running", NightStatus.RUNNING)
            .param("owner", RunOwner.current().toString())
            .param("now", now)
            .update()
        == 1;
  }

  /**
   * Makes this process the owner of a night left RUNNING, if nobody took it since its heartbeat was
   * {@code seen}.
   *
   * @return false when another process changed the heartbeat first
   */
  public boolean takeOver(String pipeline, LocalDate date, Heartbeat seen) {
    return jdbc.sql(
                """
                UPDATE ns_schedule_night SET owner = :owner, heartbeat_at = :now
                WHERE pipeline = :pipeline AND logical_date = :date AND status = :running
                  AND owner = :seenOwner AND heartbeat_at = :seenAt
                """)
            .param("owner", RunOwner.current().toString())
            .param("now", wall.instant())
            .param("pipeline", pipeline)
            .param("date", date)
            .param("running", NightStatus.RUNNING)
            .param("seenOwner", seen.ownerText())
            .param("seenAt", seen.at())
            .update()
        == 1;
  }

  /** Records that this process, running the night, is alive. */
  public void heartbeat(String pipeline, LocalDate date) {
    jdbc.sql(
            """
            UPDATE ns_schedule_night SET heartbeat_at = :now
            WHERE pipeline = :pipeline AND logical_date = :date AND owner = :owner AND status = :running
            """)
        .param("now", wall.instant())
        .param("pipeline", pipeline)
        .param("date", date)
        .param("owner", RunOwner.current().toString())
        .param("running", NightStatus.RUNNING)
        .update();
  }

  /** Records how the night ended. */
  public void finish(
      String pipeline,
      LocalDate date,
      NightStatus status,
      Optional<String> runId,
      Optional<String> message) {
    jdbc.sql(
            """
            UPDATE ns_schedule_night SET status = :status, run_id = COALESCE(:runId, run_id), message = :message,
              finished_at = :now
            WHERE pipeline = :pipeline AND logical_date = :date
            """)
        .param("status", status)
        .param("runId", runId)
        .param("message", message.map(NightLedger::clip))
        .param("now", wall.instant())
        .param("pipeline", pipeline)
        .param("date", date)
        .update();
  }

  public Optional<NightRecord> find(String pipeline, LocalDate date) {
    return jdbc.sql(
            "SELECT * FROM ns_schedule_night WHERE pipeline = :pipeline AND logical_date = :date")
        .param("pipeline", pipeline)
        .param("date", date)
        .query(NightLedger::night)
        .optional();
  }

  /** The pipeline's latest {@code limit} nights, newest first. */
  public List<NightRecord> latest(String pipeline, int limit) {
    return jdbc.sql(
            """
            SELECT * FROM ns_schedule_night WHERE pipeline = :pipeline
            ORDER BY logical_date DESC LIMIT :limit
            """)
        .param("pipeline", pipeline)
        .param("limit", limit)
        .query(NightLedger::night)
        .list();
  }

  /** Records one firing of a night and what it did. */
  public void recordFiring(
      String pipeline, NightSlot slot, FiringOutcome outcome, Optional<String> message) {
    jdbc.sql(
            """
            INSERT INTO ns_schedule_firing (pipeline, logical_date, scheduled_for, instance, fired_at, outcome,
              message)
            VALUES (:pipeline, :date, :scheduledFor, :instance, :now, :outcome, :message)
            """)
        .param("pipeline", pipeline)
        .param("date", slot.date())
        .param("scheduledFor", slot.scheduledFor())
        .param("instance", RunOwner.current().toString())
        .param("now", wall.instant())
        .param("outcome", outcome)
        .param("message", message.map(NightLedger::clip))
        .update();
  }

  private static String clip(String text) {
    return text.length() > MESSAGE_LIMIT ? text.substring(0, MESSAGE_LIMIT) : text;
  }

  private static NightRecord night(ResultSet rs) throws SQLException {
    Timestamp finished = rs.getTimestamp("finished_at");
    return new NightRecord(
        rs.getString("pipeline"),
        new NightSlot(
            rs.getTimestamp("scheduled_for").toInstant(), rs.getDate("logical_date").toLocalDate()),
        FiredAs.valueOf(rs.getString("fired_as")),
        NightStatus.valueOf(rs.getString("status")),
        Optional.ofNullable(rs.getString("run_id")),
        new Heartbeat(rs.getTimestamp("heartbeat_at").toInstant(), rs.getString("owner")),
        Optional.ofNullable(rs.getString("message")),
        rs.getTimestamp("started_at").toInstant(),
        Optional.ofNullable(finished).map(Timestamp::toInstant));
  }
}
