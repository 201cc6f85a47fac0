package io.nightscribe.batch.config;

import io.nightscribe.asr.pipeline.PackageTranscriber;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.batch.job.PartitionLauncher;
import io.nightscribe.batch.job.TranscriptionJobConfiguration;
import io.nightscribe.registry.models.ModelResolver;
import io.nightscribe.runs.TranscriptionRuns;
import io.nightscribe.runs.backfill.Backfills;
import io.nightscribe.runs.lineage.LineageTracer;
import io.nightscribe.runs.mlflow.MlflowMirror;
import io.nightscribe.runs.record.CodeVersion;
import io.nightscribe.runs.replay.ReplayRecorder;
import io.nightscribe.runs.replay.Replayer;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
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
      Clock clock,
      JsonMapper json) {
    return new TranscriptionRuns(
        ledger,
        stores,
        models,
        transcriber,
        properties.mlflow().client(),
        code,
        properties.runSettings(),
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
        jobOperator, jobRepository, transcriptionJob, runs.ledger(), runs.claims(), models);
  }

  @Bean
  Backfills backfills(
      TranscriptionRuns runs, PipelineCatalog pipelines, PartitionLauncher launcher) {
    return runs.backfills(pipelines, launcher);
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
  MlflowMirror mlflowMirror(TranscriptionRuns runs) {
    return runs.mlflow();
  }
}
