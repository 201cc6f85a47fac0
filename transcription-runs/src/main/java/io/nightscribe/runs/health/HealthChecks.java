package io.nightscribe.runs.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs checks in order, each under its own deadline, so one dependency that hangs (a firewall that
 * drops packets) cannot hang the report; a check whose required dependency is down is skipped, so
 * the report names the cause once instead of its echoes. Thread-safe; close it to stop its threads.
 */
public final class HealthChecks implements AutoCloseable {
  private final Duration deadline;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "nightscribe-health-check");
            // a check past its deadline may never return: it must not keep the JVM alive
            thread.setDaemon(true);
            return thread;
          });

  /**
   * @param deadline how long each check may take before it counts as down
   */
  public HealthChecks(Duration deadline) {
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("Invalid health check deadline " + deadline);
    }
    this.deadline = deadline;
  }

  public HealthReport run(List<HealthCheck> checks) {
    List<CheckResult> results = new ArrayList<>();
    Set<String> down = new HashSet<>();
    for (HealthCheck check : checks) {
      Optional<String> missing = check.requires().stream().filter(down::contains).findFirst();
      CheckResult result =
          missing
              .map(
                  dependency ->
                      new CheckResult(
                          check.dependency(),
                          CheckResult.Status.SKIPPED,
                          "not checked: " + dependency + " is down",
                          Duration.ZERO))
              .orElseGet(() -> runOne(check));
      if (result.status() != CheckResult.Status.UP) {
        down.add(check.dependency());
      }
      results.add(result);
    }
    return new HealthReport(results);
  }

  private CheckResult runOne(HealthCheck check) {
    long started = System.nanoTime();
    Future<String> running = threads.submit(check::check);
    try {
      String detail = running.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      return result(check, CheckResult.Status.UP, detail, started);
    } catch (TimeoutException e) {
      running.cancel(true);
      return result(
          check,
          CheckResult.Status.DOWN,
          "no answer within " + deadline.toSeconds() + " s (nightscribe.health.deadline)",
          started);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
      return result(check, CheckResult.Status.DOWN, why, started);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.cancel(true);
      return result(check, CheckResult.Status.DOWN, "interrupted", started);
    }
  }

  private static CheckResult result(
      HealthCheck check, CheckResult.Status status, String detail, long started) {
    return new CheckResult(
        check.dependency(), status, detail, Duration.ofNanos(System.nanoTime() - started));
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
