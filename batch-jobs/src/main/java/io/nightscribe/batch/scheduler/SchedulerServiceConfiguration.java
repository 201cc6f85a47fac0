package io.nightscribe.batch.scheduler;

import io.micrometer.core.instrument.MeterRegistry;
import io.nightscribe.batch.config.HealthConfiguration;
import io.nightscribe.batch.config.NightscribeProperties;
import io.nightscribe.batch.config.PipelineCatalog;
import io.nightscribe.batch.config.SchedulingConfiguration;
import io.nightscribe.runs.TranscriptionRuns;
import io.nightscribe.runs.health.DependencyChecks;
import io.nightscribe.runs.health.HealthCheck;
import io.nightscribe.runs.health.HealthChecks;
import io.nightscribe.runs.partition.PipelineDefinition;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.quartz.Scheduler;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The scheduler service ({@code nightscribe scheduler}): Quartz on a clustered JDBC job store in
 * the ledger database firing every scheduled pipeline and taking queued backfills, and {@code
 * /actuator/health} with the dependency checks the command line runs. Its decisions are the
 * scheduling module's; this is the glue.
 */
@Configuration(proxyBeanMethods = false)
@Import({SchedulingConfiguration.class, HealthConfiguration.class})
public class SchedulerServiceConfiguration {

  /**
   * What the service sets for Quartz, the web server and the actuator unless the configuration says
   * otherwise (facts.md "Quartz": the clustered store on PostgreSQL, tables from Flyway only, and
   * no overwriting of what another instance stored).
   */
  public static Map<String, Object> defaults() {
    String quartz = "spring.quartz.properties.org.quartz.";
    Map<String, Object> defaults = new java.util.HashMap<>();
    defaults.put("server.port", "8080");
    defaults.put("spring.quartz.job-store-type", "jdbc");
    defaults.put("spring.quartz.jdbc.initialize-schema", "never");
    defaults.put("spring.quartz.overwrite-existing-jobs", "false");
    defaults.put("spring.quartz.scheduler-name", "nightscribe");
    // a night killed by a stop is resumed by the next instance: waiting for it would block a stop
    defaults.put("spring.quartz.wait-for-jobs-to-complete-on-shutdown", "false");
    defaults.put(quartz + "scheduler.instanceId", "AUTO");
    defaults.put(quartz + "jobStore.isClustered", "true");
    defaults.put(quartz + "jobStore.clusterCheckinInterval", "5000");
    defaults.put(
        quartz + "jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    defaults.put(quartz + "jobStore.acquireTriggersWithinLock", "true");
    defaults.put(quartz + "threadPool.threadCount", "${nightscribe.scheduler.threads:4}");
    defaults.put("management.endpoints.web.exposure.include", "health,prometheus");
    defaults.put("management.endpoint.health.probes.enabled", "true");
    defaults.put("management.endpoint.health.show-details", "always");
    defaults.put("management.endpoint.health.group.readiness.include", "readinessState,ledger");
    defaults.put("management.endpoint.health.group.liveness.include", "livenessState");
    return defaults;
  }

  @Bean
  QuartzJobs quartzJobs(
      Scheduler scheduler, PipelineCatalog pipelines, NightscribeProperties properties) {
    return new QuartzJobs(scheduler, pipelines, properties.scheduler());
  }

  /**
   * The scheduled pipelines' last success and failure, interval and outbox depth on
   * /actuator/prometheus, read from the ledger every 30 s.
   */
  @Bean
  PipelineGauges pipelineGauges(
      MeterRegistry registry, PipelineCatalog pipelines, TranscriptionRuns runs, Clock clock) {
    List<PipelineDefinition> scheduled =
        pipelines.names().stream()
            .map(pipelines::pipeline)
            .filter(pipeline -> pipeline.schedule().isPresent())
            .toList();
    return new PipelineGauges(
        registry, scheduled, runs.pipelineFacts(), clock, Duration.ofSeconds(30));
  }

  /** Readiness rests on it: an instance that cannot reach the ledger can record nothing. */
  @Bean
  HealthIndicator ledgerHealthIndicator(DependencyChecks checks, HealthChecks runner) {
    return new DependencyHealth(() -> runner.run(List.of(checks.ledger())));
  }

  /** Everything the scheduled pipelines' nights depend on, the cause of a failure named first. */
  @Bean
  HealthIndicator dependenciesHealthIndicator(
      DependencyChecks checks,
      HealthChecks runner,
      PipelineCatalog pipelines,
      NightscribeProperties properties,
      Clock clock) {
    return new DependencyHealth(
        new CachedReport(
            () -> {
              List<HealthCheck> all = new ArrayList<>(checks.shared());
              all.addAll(
                  checks.pipelines(
                      pipelines.names().stream()
                          .map(pipelines::pipeline)
                          .filter(pipeline -> pipeline.schedule().isPresent())
                          .toList(),
                      0));
              return runner.run(all);
            },
            properties.health().refreshAfter(),
            clock));
  }
}
