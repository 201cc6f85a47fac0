package io.nightscribe.spark;

import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.audio.FfmpegAudioDecoder;
import io.nightscribe.asr.engine.AsrEngines;
import io.nightscribe.asr.model.BuiltinModels;
import io.nightscribe.asr.pipeline.ExecutorSettings;
import io.nightscribe.asr.pipeline.PackageTranscriber;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.vad.SpeechDetectors;
import io.nightscribe.monitoring.Runner;
import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.registry.models.ModelPackageCache;
import io.nightscribe.registry.models.ModelResolver;
import io.nightscribe.registry.models.RegisteredModels;
import io.nightscribe.runs.TranscriptionRuns;
import io.nightscribe.runs.execution.RunProgress;
import io.nightscribe.runs.jdbc.LedgerDataSource;
import io.nightscribe.runs.layout.OutputLayout;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.partition.PartitionRequest;
import io.nightscribe.runs.partition.PartitionRequestJson;
import io.nightscribe.runs.partition.PartitionResult;
import io.nightscribe.runs.record.CodeVersion;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Spark application: runs one partition through the run core with its audio transcribed on the
 * cluster's executors. Submitted by {@code nightscribe transcribe --runner spark} (client mode:
 * this driver runs where the command runs). Exit codes as the command's: 0 done (or already done),
 * 3 done with quarantined inputs, 1 failed, 2 a configuration error; one line on standard error
 * says what and how to fix it; the outcome as JSON goes to {@code --summary} or standard output.
 */
public final class SparkNight {
  private SparkNight() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    SparkNightOptions options;
    try {
      options = SparkNightOptions.parse(System.getenv(), args);
    } catch (IllegalArgumentException e) {
      System.err.println("nightscribe spark: " + e.getMessage());
      return 2;
    }
    JsonMapper json =
        JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    Clock clock = Clock.systemUTC();
    SparkConf conf = new SparkConf();
    try (ObjectStores stores = ObjectStores.standard();
        TranscriptionRuns runs = transcriptionRuns(options, stores, clock, json)) {
      PartitionRequest request =
          new PartitionRequestJson(json).read(Files.readString(options.partition()));
      // a GPU request no worker can grant would leave the application waiting forever
      ClusterCapacity.requireGpus(conf);
      SparkTranscription onCluster =
          new SparkTranscription(runs.ledger(), runs.keepAlive(), conf, options, clock, json);
      PartitionResult result =
          runs.ledgerRunner(onCluster, Runner.SPARK, RunProgress.SILENT).run(request);
      writeSummary(options, request, result, json);
      return result.quarantined() && !result.alreadyDone() ? 3 : 0;
    } catch (NightscribeException e) {
      System.err.println("nightscribe spark: " + e.getMessage());
      return e.category() == ErrorCategory.CONFIGURATION ? 2 : 1;
    } catch (IOException e) {
      System.err.println(
          "nightscribe spark: Cannot read the partition request "
              + options.partition()
              + ": "
              + e.getMessage());
      return 2;
    }
  }

  /**
   * The run core on the ledger, MLflow and Pushgateway the submitter named, with its pipeline's
   * drift policy; the driver's models resolved here.
   */
  private static TranscriptionRuns transcriptionRuns(
      SparkNightOptions options, ObjectStores stores, Clock clock, JsonMapper json) {
    Optional<MlflowClient> mlflow =
        options
            .mlflowTrackingUri()
            .map(
                uri ->
                    MlflowClient.create(
                        URI.create(uri), System.getenv(SparkNightOptions.MLFLOW_TOKEN_ENV)));
    ModelPackageCache packages = new ModelPackageCache(options.modelCache());
    ModelResolver models =
        new ModelResolver(
            new BuiltinModels(options.modelCache()),
            mlflow.map(client -> new RegisteredModels(client, packages, clock)),
            stores,
            packages);
    return new TranscriptionRuns(
        new LedgerDataSource(
            options.ledgerUrl(),
            options.ledgerUser().orElse(null),
            System.getenv(SparkNightOptions.LEDGER_PASSWORD_ENV)),
        stores,
        models,
        // executors transcribe: the driver only plans, records and finishes with the run core
        new PackageTranscriber(
            AsrEngines.installed(),
            SpeechDetectors.installed(),
            new FfmpegAudioDecoder(),
            ExecutorSettings.onCpu(1)),
        mlflow,
        options.metrics(),
        CodeVersion.fromClasspath(),
        new TranscriptionRuns.Settings(options.staleRunAfter(), options.heartbeatInterval()),
        // the driver runs one partition: the policy it was given is its pipeline's
        pipeline -> options.drift(),
        clock,
        json);
  }

  private static void writeSummary(
      SparkNightOptions options, PartitionRequest request, PartitionResult result, JsonMapper json)
      throws IOException {
    RunRow run = result.run();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("partition", request.displayName());
    summary.put("runId", run.runId());
    summary.put("status", run.status().name());
    summary.put("alreadyDone", result.alreadyDone());
    summary.put("runRecord", OutputLayout.of(run.outputUri()).run(run.runId()).record().toString());
    summary.put("mlflow", run.mlflowState().value());
    summary.put("mlflowRunId", run.mlflowRunId().orElse(null));
    String text = json.writeValueAsString(summary);
    if (options.summary().isPresent()) {
      Files.writeString(options.summary().get(), text);
    } else {
      System.out.println(text);
    }
  }
}
