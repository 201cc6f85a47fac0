package io.nightscribe.runs.execution;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.runs.ledger.Heartbeat;
import io.nightscribe.runs.ledger.RunLedger;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.ledger.RunStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Hands an unfinished run to the process that resumes it, and to one process only. A run left
 * {@link RunStatus#RUNNING} by a dead process is told from one another process is running now by
 * its heartbeat: on the same host a dead owner is known at once, elsewhere by a heartbeat older
 * than the stale limit. The hand-over is a compare-and-set on the heartbeat, so of two processes
 * resuming the same run at once one wins and the other is told it is running. Thread-safe.
 */
public final class RunClaims {
  private final RunLedger ledger;
  private final Clock clock;
  private final Duration staleAfter;

  /**
   * @param staleAfter a run whose heartbeat is older than this is taken for dead
   */
  public RunClaims(RunLedger ledger, Clock clock, Duration staleAfter) {
    this.ledger = ledger;
    this.clock = clock;
    this.staleAfter = staleAfter;
  }

  /**
   * Makes this process the owner of {@code run}, RUNNING again.
   *
   * @param what how the run's partition is named to people
   * @throws NightscribeException CONFIGURATION when another live process is running it
   */
  public void claim(RunRow run, String what) {
    Optional<Heartbeat> heartbeat = ledger.lastHeartbeat(run.runId());
    if (run.status() == RunStatus.RUNNING && !abandoned(heartbeat)) {
      throw runningNow(run, what);
    }
    if (heartbeat.isEmpty() || !ledger.takeOver(run.runId(), heartbeat.get())) {
      throw runningNow(run, what);
    }
  }

  private boolean abandoned(Optional<Heartbeat> heartbeat) {
    return heartbeat.map(h -> h.abandoned(clock.instant(), staleAfter)).orElse(true);
  }

  private static NightscribeException runningNow(RunRow run, String what) {
    return NightscribeException.configuration(
        "Cannot start "
            + what
            + ": run "
            + run.runId()
            + " is running it now (wait for it, or stop it first)");
  }
}
