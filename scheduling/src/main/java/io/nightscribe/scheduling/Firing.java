package io.nightscribe.scheduling;

import java.util.Objects;
import java.util.Optional;

/**
 * One firing of a pipeline's night and what it did.
 *
 * @param pipeline the pipeline
 * @param slot the fire time and the date it covers
 * @param firedAs at its own fire time, or caught up
 * @param outcome what it did
 * @param runId the run of the night, when there is one
 * @param message what a no-op found, or why the night failed
 */
public record Firing(
    String pipeline,
    NightSlot slot,
    FiredAs firedAs,
    FiringOutcome outcome,
    Optional<String> runId,
    Optional<String> message) {
  public Firing {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(firedAs, "firedAs");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(message, "message");
  }
}
