package io.nightscribe.runs.ledger;

import java.time.Instant;
import java.util.Optional;

/**
 * The last sign of life of a run: when, and from which process.
 *
 * @param at when
 * @param ownerText the owning process as recorded ({@code pid@host}), possibly of a foreign form
 */
public record Heartbeat(Instant at, String ownerText) {

  /** The owning process, when its record can be read. */
  public Optional<RunOwner> owner() {
    return RunOwner.parse(ownerText);
  }
}
