package io.nightscribe.runs.execution;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves that what this process holds (a backfill, a scheduled night) is alive: every registered
 * beat runs at a fixed interval on one daemon thread, until its handle is closed. A beat that fails
 * (the ledger unreachable for a moment) is logged and tried again at the next tick. Thread-safe;
 * close it with its owner.
 */
public final class KeepAlive implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KeepAlive.class);

  private final Set<Runnable> beats = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService ticker;

  /**
   * @param interval how often each beat runs: well within the time after which silence counts as
   *     death
   */
  public KeepAlive(Duration interval) {
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "nightscribe-keep-alive");
              thread.setDaemon(true);
              return thread;
            });
    ticker.scheduleAtFixedRate(
        this::beatAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs {@code beat} at every tick until the returned handle is closed. */
  public Handle hold(Runnable beat) {
    beats.add(beat);
    return () -> beats.remove(beat);
  }

  /** Stops one beat. */
  @FunctionalInterface
  public interface Handle extends AutoCloseable {
    @Override
    void close();
  }

  private void beatAll() {
    for (Runnable beat : beats) {
      try {
        beat.run();
      } catch (RuntimeException e) {
        log.warn("Cannot record a heartbeat: {}", e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
