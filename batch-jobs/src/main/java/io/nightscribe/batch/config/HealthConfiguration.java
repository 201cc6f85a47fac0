package io.nightscribe.batch.config;

import io.nightscribe.asr.engine.AsrEngines;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.registry.models.ModelResolver;
import io.nightscribe.runs.health.DependencyChecks;
import io.nightscribe.runs.health.HealthChecks;
import io.nightscribe.runs.jdbc.LedgerDataSource;
import java.time.Clock;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health checks of what nights depend on, for {@code nightscribe health} and the scheduler
 * service's {@code /actuator/health}: one implementation, plain code, wired here.
 */
@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {

  /**
   * The ledger is checked over a connection of its own, not the application's pool: a pool answers
   * a stopped database with its own timeout, not with the database's refusal.
   */
  @Bean
  DependencyChecks dependencyChecks(
      DataSourceProperties datasource,
      NightscribeProperties properties,
      ObjectStores stores,
      ModelResolver models,
      Clock clock) {
    LedgerDataSource ledger =
        new LedgerDataSource(
            datasource.determineUrl(),
            datasource.determineUsername(),
            datasource.determinePassword());
    return new DependencyChecks(
        ledger,
        ledger.toString(),
        properties.mlflow().client(),
        stores,
        models,
        AsrEngines.installed(),
        clock);
  }

  @Bean(destroyMethod = "close")
  HealthChecks healthChecks(NightscribeProperties properties) {
    return new HealthChecks(properties.health().deadline());
  }
}
