package io.nightscribe.batch.config;

import io.nightscribe.asr.audio.AudioDecoder;
import io.nightscribe.asr.audio.FfmpegAudioDecoder;
import io.nightscribe.asr.engine.AsrEngines;
import io.nightscribe.asr.evaluation.PromotionGate;
import io.nightscribe.asr.model.BuiltinModels;
import io.nightscribe.asr.pipeline.ExecutorSettings;
import io.nightscribe.asr.pipeline.PackageTranscriber;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.batch.backfill.BackfillLedger;
import io.nightscribe.batch.backfill.Backfills;
import io.nightscribe.batch.job.CodeVersion;
import io.nightscribe.batch.job.FinalizeRunTasklet;
import io.nightscribe.batch.job.PartitionLauncher;
import io.nightscribe.batch.job.PlanInputsTasklet;
import io.nightscribe.batch.job.RunProgress;
import io.nightscribe.batch.job.RunRecordFactory;
import io.nightscribe.batch.job.TranscribeInputsTasklet;
import io.nightscribe.batch.ledger.RunLedger;
import io.nightscribe.batch.lineage.LineageTracer;
import io.nightscribe.batch.mlflow.MlflowMirror;
import io.nightscribe.batch.mlflow.MlflowOutbox;
import io.nightscribe.batch.model.GateLedger;
import io.nightscribe.batch.model.ModelEvaluator;
import io.nightscribe.batch.model.ModelGates;
import io.nightscribe.batch.model.ModelResolver;
import io.nightscribe.batch.replay.ReplayRecorder;
import io.nightscribe.batch.replay.Replayer;
import io.nightscribe.batch.training.ModelTraining;
import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.registry.mlflow.MlflowRunPublisher;
import io.nightscribe.registry.models.ModelPackageCache;
import io.nightscribe.registry.models.RegisteredModels;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application's wiring: asr-core and registry-client objects built from {@code nightscribe.*}
 * settings.
 */
@Configuration(proxyBeanMethods = false)
public class NightscribeConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  JsonMapper nightscribeJsonMapper() {
    return JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  }

  @Bean(destroyMethod = "close")
  ObjectStores objectStores() {
    return ObjectStores.standard();
  }

  @Bean
  AudioDecoder audioDecoder() {
    return new FfmpegAudioDecoder();
  }

  @Bean
  PipelineCatalog pipelineCatalog(NightscribeProperties properties) {
    return new PipelineCatalog(properties);
  }

  @Bean
  ModelResolver modelResolver(
      NightscribeProperties properties, ObjectStores stores, ModelPackageCache cache, Clock clock) {
    return new ModelResolver(
        new BuiltinModels(properties.modelCache()),
        mlflowClient(properties).map(client -> new RegisteredModels(client, cache, clock)),
        stores,
        cache);
  }

  @Bean
  ModelTraining modelTraining(
      ObjectStores stores,
      AudioDecoder decoder,
      PackageTranscriber transcriber,
      ModelPackageCache cache,
      NightscribeProperties properties,
      Clock clock) {
    return new ModelTraining(
        stores,
        decoder,
        new ModelEvaluator(stores, transcriber),
        mlflowClient(properties).map(client -> new RegisteredModels(client, cache, clock)),
        CodeVersion.fromClasspath(),
        clock,
        properties.gate().bootstrapSamples(),
        properties.gate().seed());
  }

  @Bean
  ModelGates modelGates(
      ModelResolver models,
      ObjectStores stores,
      PackageTranscriber transcriber,
      JdbcClient jdbc,
      NightscribeProperties properties,
      Clock clock,
      JsonMapper json) {
    var gate = properties.gate();
    return new ModelGates(
        models,
        new ModelEvaluator(stores, transcriber),
        new GateLedger(jdbc),
        stores,
        new PromotionGate(gate.minImprovement(), gate.maxSliceRegression()),
        gate.bootstrapSamples(),
        gate.seed(),
        clock,
        json);
  }

  @Bean
  ModelPackageCache modelPackageCache(NightscribeProperties properties) {
    return new ModelPackageCache(properties.modelCache());
  }

  /** A client of the configured tracking server, or empty when MLflow is off. */
  private static Optional<MlflowClient> mlflowClient(NightscribeProperties properties) {
    var mlflow = properties.mlflow();
    return mlflow.enabled()
        ? Optional.of(
            new MlflowClient(
                URI.create(mlflow.trackingUri()),
                mlflow.token().isBlank() ? null : mlflow.token(),
                mlflow.timeout(),
                mlflow.timeout()))
        : Optional.empty();
  }

  @Bean
  RunLedger runLedger(JdbcClient jdbc, Clock clock) {
    return new RunLedger(jdbc, clock);
  }

  @Bean
  BackfillLedger backfillLedger(JdbcClient jdbc, Clock clock) {
    return new BackfillLedger(jdbc, clock);
  }

  @Bean
  Backfills backfills(
      PipelineCatalog pipelines, PartitionLauncher launcher, BackfillLedger ledger, Clock clock) {
    return new Backfills(pipelines, launcher, ledger, clock);
  }

  @Bean
  MlflowOutbox mlflowOutbox(JdbcClient jdbc, Clock clock) {
    return new MlflowOutbox(jdbc, clock);
  }

  @Bean
  MlflowMirror mlflowMirror(
      NightscribeProperties properties,
      MlflowOutbox outbox,
      RunLedger ledger,
      ObjectStores stores,
      JsonMapper json) {
    return new MlflowMirror(
        mlflowClient(properties).map(MlflowRunPublisher::new), outbox, ledger, stores, json);
  }

  @Bean
  RunRecordFactory runRecordFactory(NightscribeProperties properties, JsonMapper json) {
    return new RunRecordFactory(
        CodeVersion.fromClasspath(), properties.mlflow().trackingUri(), json);
  }

  @Bean
  PlanInputsTasklet planInputsTasklet(RunLedger ledger, ObjectStores stores, Clock clock) {
    return new PlanInputsTasklet(ledger, stores, clock);
  }

  @Bean
  Replayer replayer(
      RunLedger ledger,
      ObjectStores stores,
      ModelResolver models,
      PackageTranscriber transcriber,
      JsonMapper json) {
    return new Replayer(ledger, stores, models, transcriber, CodeVersion.fromClasspath(), json);
  }

  @Bean
  LineageTracer lineageTracer(
      RunLedger ledger, ObjectStores stores, ModelResolver models, JsonMapper json) {
    return new LineageTracer(ledger, stores, models, json);
  }

  @Bean
  ReplayRecorder replayRecorder(
      RunLedger ledger, ObjectStores stores, MlflowMirror mlflow, Clock clock, JsonMapper json) {
    return new ReplayRecorder(ledger, stores, mlflow, clock, json);
  }

  @Bean
  PackageTranscriber packageTranscriber(AudioDecoder decoder, NightscribeProperties properties) {
    return new PackageTranscriber(
        AsrEngines.installed(), decoder, ExecutorSettings.onCpu(properties.effectiveWorkers()));
  }

  @Bean
  TranscribeInputsTasklet transcribeInputsTasklet(
      RunLedger ledger,
      ObjectStores stores,
      PackageTranscriber transcriber,
      NightscribeProperties properties,
      ObjectProvider<RunProgress> progress,
      JsonMapper json) {
    return new TranscribeInputsTasklet(
        ledger,
        stores,
        transcriber,
        progress.getIfAvailable(() -> RunProgress.SILENT),
        properties.heartbeatInterval(),
        json);
  }

  @Bean
  FinalizeRunTasklet finalizeRunTasklet(
      RunLedger ledger,
      ObjectStores stores,
      RunRecordFactory records,
      MlflowMirror mlflow,
      JsonMapper json) {
    return new FinalizeRunTasklet(ledger, stores, records, mlflow, json);
  }

  @Bean
  PartitionLauncher partitionLauncher(
      JobOperator jobOperator,
      JobRepository jobRepository,
      Job transcriptionJob,
      RunLedger ledger,
      ModelResolver models,
      Clock clock,
      NightscribeProperties properties) {
    return new PartitionLauncher(
        jobOperator,
        jobRepository,
        transcriptionJob,
        ledger,
        models,
        clock,
        properties.staleRunAfter());
  }
}
