package io.nightscribe.batch.config;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.pipeline.PackageTranscriber;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.batch.job.PartitionLauncher;
import io.nightscribe.batch.job.TranscriptionJobConfiguration;
import io.nightscribe.batch.spark.SparkResources;
import io.nightscribe.batch.spark.SparkSubmitter;
import io.nightscribe.registry.models.ModelResolver;
import io.nightscribe.runs.TranscriptionRuns;
import io.nightscribe.runs.backfill.Backfills;
import io.nightscribe.runs.lineage.LineageTracer;
import io.nightscribe.runs.mlflow.MlflowMirror;
import io.nightscribe.runs.record.CodeVersion;
import io.nightscribe.runs.replay.ReplayRecorder;
import io.nightscribe.runs.replay.Replayer;
import io.nightscribe.runs.report.NightReports;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Transcription: the run core on the ledger's database, the Spring Batch job that runs a partition
 * with it, backfills, replay, lineage and the MLflow mirror. What {@code transcribe}, {@code
 * backfill}, {@code replay}, {@code lineage} and {@code mlflow sync} start.
 */
@Configuration(proxyBeanMethods = false)
@Import({BatchConfiguration.class, TranscriptionJobConfiguration.class})
public class TranscriptionConfiguration {

  @Bean
  TranscriptionRuns transcriptionRuns(
      DataSource ledger,
      ObjectStores stores,
      ModelResolver models,
      PackageTranscriber transcriber,
      CodeVersion code,
      NightscribeProperties properties,
      PipelineCatalog pipelines,
      PushgatewayProperties pushgateway,
      Clock clock,
      JsonMapper json) {
    return new TranscriptionRuns(
        ledger,
        stores,
        models,
        transcriber,
        properties.mlflow().client(),
        pushgateway.target(),
        code,
        properties.runSettings(),
        pipelines,
        clock,
        json);
  }

  @Bean
  PartitionLauncher partitionLauncher(
      JobOperator jobOperator,
      JobRepository jobRepository,
      Job transcriptionJob,
      TranscriptionRuns runs,
      ModelResolver models) {
    return new PartitionLauncher(
        jobOperator,
        jobRepository,
        transcriptionJob,
        runs.ledger(),
        runs.claims(),
        runs.monitor(),
        models);
  }

  @Bean
  PipelineRunners pipelineRunners(
      PartitionLauncher launcher,
      TranscriptionRuns runs,
      NightscribeProperties properties,
      PipelineCatalog pipelines,
      PushgatewayProperties pushgateway,
      Environment environment,
      JsonMapper json) {
    return new PipelineRunners(
        launcher,
        spark ->
            new SparkSubmitter(
                properties.spark().installation(),
                sparkResources(spark),
                new SparkSubmitter.DriverSettings(
                    environment.getRequiredProperty("spring.datasource.url"),
                    optional(environment, "spring.datasource.username"),
                    optional(environment, "spring.datasource.password"),
                    Optional.of(properties.mlflow().trackingUri()).filter(uri -> !uri.isBlank()),
                    Optional.of(properties.mlflow().token()).filter(token -> !token.isBlank()),
                    properties.modelCache(),
                    properties.staleRunAfter(),
                    properties.spark().executorWait(),
                    properties.spark().driverMemory(),
                    pushgateway.target(),
                    pipelines),
                runs.ledger(),
                launcher,
                System.getenv(),
                json,
                System.err),
        properties);
  }

  @Bean
  Backfills backfills(TranscriptionRuns runs, PipelineCatalog pipelines, PipelineRunners runners) {
    return runs.backfills(pipelines, runners);
  }

  @Bean
  Replayer replayer(TranscriptionRuns runs) {
    return runs.replayer();
  }

  @Bean
  ReplayRecorder replayRecorder(TranscriptionRuns runs) {
    return runs.replayRecorder();
  }

  @Bean
  LineageTracer lineageTracer(TranscriptionRuns runs) {
    return runs.lineage();
  }

  @Bean
  NightReports nightReports(TranscriptionRuns runs, ObjectStores stores, JsonMapper json) {
    return new NightReports(runs.ledger(), stores, json);
  }

  @Bean
  MlflowMirror mlflowMirror(TranscriptionRuns runs) {
    return runs.mlflow();
  }

  private static SparkResources sparkResources(SparkProperties spark) {
    try {
      return spark.resources();
    } catch (IllegalArgumentException e) {
      throw NightscribeException.configuration(
          "Invalid Spark settings: " + e.getMessage() + " (fix the pipeline's spark: block)", e);
    }
  }

  private static Optional<String> optional(Environment environment, String key) {
    return Optional.ofNullable(environment.getProperty(key)).filter(value -> !value.isEmpty());
  }
}
