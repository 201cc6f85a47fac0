package io.nightscribe.runs.health;

import java.time.Duration;
import java.util.Objects;

/**
 * What one check found.
 *
 * @param dependency the dependency checked
 * @param status up, down, or skipped because a dependency it requires is down
 * @param detail what was found when up, why when down or skipped
 * @param took how long the check ran
 */
public record CheckResult(String dependency, Status status, String detail, Duration took) {
  public enum Status {
    UP,
    DOWN,
    SKIPPED
  }

  public CheckResult {
    Objects.requireNonNull(dependency, "dependency");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(took, "took");
  }
}
