package io.nightscribe.batch.ledger;

import java.time.Instant;
import java.util.Optional;

/** The last sign of life of a run: when, and from which process. */
public record Heartbeat(Instant at, Optional<RunOwner> owner) {}
