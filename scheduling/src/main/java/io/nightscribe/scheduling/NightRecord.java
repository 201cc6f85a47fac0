package io.nightscribe.scheduling;

import io.nightscribe.runs.ledger.Heartbeat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A night the scheduler fired: the idempotency record of one (pipeline, logical date).
 *
 * @param pipeline the pipeline
 * @param slot the fire time and the date it covers
 * @param firedAs at its own fire time or caught up
 * @param status where it stands
 * @param runId the run that holds its outputs, once known
 * @param heartbeat the last sign of life of the instance running it
 * @param message why it failed, or what the firing found
 * @param startedAt when it started (wall clock)
 * @param finishedAt when it ended (wall clock)
 */
public record NightRecord(
    String pipeline,
    NightSlot slot,
    FiredAs firedAs,
    NightStatus status,
    Optional<String> runId,
    Heartbeat heartbeat,
    Optional<String> message,
    Instant startedAt,
    Optional<Instant> finishedAt) {
  public NightRecord {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(firedAs, "firedAs");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(heartbeat, "heartbeat");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  public LocalDate date() {
    return slot.date();
  }
}
