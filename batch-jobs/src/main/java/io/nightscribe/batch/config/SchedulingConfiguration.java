package io.nightscribe.batch.config;

import io.nightscribe.registry.models.ModelResolver;
import io.nightscribe.runs.TranscriptionRuns;
import io.nightscribe.runs.backfill.Backfills;
import io.nightscribe.runs.jdbc.Sql;
import io.nightscribe.scheduling.BackfillIntake;
import io.nightscribe.scheduling.NightLedger;
import io.nightscribe.scheduling.PipelineFirings;
import io.nightscribe.scheduling.ScheduleBook;
import io.nightscribe.scheduling.ScheduleLedger;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Scheduling on the ledger: the schedules people list, pause and resume ({@code nightscribe
 * schedule}), and what the scheduler service fires with — the same run core, Spring Batch job and
 * backfills as the command line, through {@link TranscriptionConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@Import(TranscriptionConfiguration.class)
public class SchedulingConfiguration {

  @Bean
  ScheduleLedger scheduleLedger(DataSource ledger, NightscribeProperties properties, Clock clock) {
    return new ScheduleLedger(
        new Sql(ledger), properties.scheduler().rehearsal().scheduleClock(clock), clock);
  }

  @Bean
  NightLedger nightLedger(DataSource ledger, Clock clock) {
    return new NightLedger(new Sql(ledger), clock);
  }

  @Bean
  ScheduleBook scheduleBook(
      PipelineCatalog pipelines,
      ScheduleLedger schedules,
      NightLedger nights,
      NightscribeProperties properties,
      Clock clock) {
    return new ScheduleBook(
        pipelines, schedules, nights, properties.scheduler().rehearsal().scheduleClock(clock));
  }

  /**
   * The one place that decides how a pipeline's partitions run: in process with the Spring Batch
   * job, for every pipeline until pipelines can ask for Spark.
   */
  @Bean
  PipelineFirings pipelineFirings(
      PipelineCatalog pipelines,
      PipelineRunners runners,
      ModelResolver models,
      ScheduleLedger schedules,
      NightLedger nights,
      TranscriptionRuns runs,
      NightscribeProperties properties,
      Clock clock) {
    return new PipelineFirings(
        pipelines,
        runners,
        models,
        schedules,
        nights,
        runs.keepAlive(),
        properties.scheduler().firingSettings(runs.settings()),
        properties.scheduler().rehearsal().scheduleClock(clock),
        clock);
  }

  @Bean
  BackfillIntake backfillIntake(
      Backfills backfills, TranscriptionRuns runs, NightscribeProperties properties) {
    return new BackfillIntake(
        backfills, runs.backfillLedger(), properties.runSettings().staleRunAfter());
  }
}
