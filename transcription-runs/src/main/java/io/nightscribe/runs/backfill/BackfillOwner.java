package io.nightscribe.runs.backfill;

import io.nightscribe.runs.ledger.Heartbeat;
import java.util.Objects;

/**
 * The process that runs, or last ran, a backfill.
 *
 * @param runBy the front end
 * @param heartbeat its last sign of life ({@code pid@host})
 */
public record BackfillOwner(RunBy runBy, Heartbeat heartbeat) {
  public BackfillOwner {
    Objects.requireNonNull(runBy, "runBy");
    Objects.requireNonNull(heartbeat, "heartbeat");
  }
}
