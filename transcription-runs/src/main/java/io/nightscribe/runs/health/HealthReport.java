package io.nightscribe.runs.health;

import java.util.List;
import java.util.Optional;

/**
 * What every check found, in the order they ran: healthy when none is down.
 *
 * @param checks each check's result
 */
public record HealthReport(List<CheckResult> checks) {
  public HealthReport {
    checks = List.copyOf(checks);
  }

  public boolean healthy() {
    return firstDown().isEmpty();
  }

  /** The first dependency that is down: the cause the others' failures cascade from. */
  public Optional<CheckResult> firstDown() {
    return checks.stream().filter(c -> c.status() == CheckResult.Status.DOWN).findFirst();
  }

  /** One line for people: "healthy", or which dependency is down and why. */
  public String summary() {
    return firstDown()
        .map(down -> "unhealthy: " + down.dependency() + " is down: " + down.detail())
        .orElse("healthy: " + checks.size() + " dependencies up");
  }
}
