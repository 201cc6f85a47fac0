package io.nightscribe.runs.ledger;

import java.time.Duration;
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

  /**
   * True when the owner is dead: gone from this host, or silent for {@code staleAfter} (from
   * another host, silence is the only sign).
   */
  public boolean abandoned(Instant now, Duration staleAfter) {
    boolean ownerGone = owner().map(RunOwner::isGoneFromThisHost).orElse(false);
    return ownerGone || Duration.between(at, now).compareTo(staleAfter) >= 0;
  }
}
