package io.nightscribe.batch.scheduler;

import io.nightscribe.runs.health.CheckResult;
import io.nightscribe.runs.health.HealthReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A report of the plain health checks as an actuator health component: DOWN when a dependency is
 * down, naming it first, with every check's status and finding as details.
 */
final class DependencyHealth implements HealthIndicator {
  private final Supplier<HealthReport> report;

  DependencyHealth(Supplier<HealthReport> report) {
    this.report = report;
  }

  @Override
  public Health health() {
    HealthReport found = report.get();
    Map<String, Object> details = new LinkedHashMap<>();
    for (CheckResult check : found.checks()) {
      details.put(
          check.dependency(),
          check.status() + ": " + check.detail() + " (" + check.took().toMillis() + " ms)");
    }
    Health.Builder health = found.healthy() ? Health.up() : Health.down();
    found.firstDown().ifPresent(down -> health.withDetail("down", found.summary()));
    return health.withDetails(details).build();
  }
}
