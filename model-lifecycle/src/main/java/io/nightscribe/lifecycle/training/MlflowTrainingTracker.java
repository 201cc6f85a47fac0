package io.nightscribe.lifecycle.training;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.evaluation.WerEstimate;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.asr.training.TrainingProgress;
import io.nightscribe.registry.mlflow.DatasetInput;
import io.nightscribe.registry.mlflow.Metric;
import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.registry.mlflow.MlflowRun;
import io.nightscribe.registry.mlflow.RunStatus;
import io.nightscribe.registry.models.RegisteredModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Tracks a training in an MLflow run of experiment {@value ModelTraining#EXPERIMENT}. The run's id
 * is kept in the checkpoint folder, so a resumed training goes on logging into the same run.
 */
final class MlflowTrainingTracker implements TrainingTracker {
  private static final String RUN_ID_FILE = "mlflow-run-id";

  private final RegisteredModels registry;
  private final MlflowClient mlflow;
  private final Path checkpoints;
  private final Clock clock;
  private MlflowRun run;

  MlflowTrainingTracker(RegisteredModels registry, Path checkpoints, Clock clock) {
    this.registry = registry;
    this.mlflow = registry.tracking();
    this.checkpoints = checkpoints;
    this.clock = clock;
  }

  @Override
  public void started(String trainingId, Map<String, String> params, Map<String, String> tags) {
    Path idFile = checkpoints.resolve(RUN_ID_FILE);
    try {
      if (Files.isRegularFile(idFile)) {
        run = mlflow.getRun(Files.readString(idFile, StandardCharsets.UTF_8).strip());
      } else {
        Map<String, String> runTags = new TreeMap<>();
        runTags.put("nightscribe.job_kind", "train");
        runTags.put("nightscribe.training_id", trainingId);
        run =
            mlflow.createRun(
                mlflow.getOrCreateExperiment(ModelTraining.EXPERIMENT),
                "train " + trainingId,
                clock.millis(),
                runTags);
        Files.createDirectories(checkpoints);
        Files.writeString(idFile, run.runId(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw NightscribeException.configuration(
          "Cannot keep the MLflow run id in " + idFile + ": " + e.getMessage(), e);
    }
    mlflow.logBatch(run.runId(), params, List.of(), tags);
  }

  @Override
  public void dataset(StorageUri manifest, String digest, String manifestSha256, int utterances) {
    mlflow.logInputs(
        run.runId(),
        new DatasetInput(
            manifest.parent().toString(),
            digest.substring(0, 36),
            manifest.scheme().equals("s3") ? "s3" : "local",
            manifest.toString(),
            "training",
            "{\"dataset_digest\":\""
                + digest
                + "\",\"manifest_sha256\":\""
                + manifestSha256
                + "\",\"utterances\":"
                + utterances
                + "}",
            null));
  }

  @Override
  public void epochEnded(TrainingProgress.EpochMetrics metrics) {
    long now = clock.millis();
    List<Metric> points = new ArrayList<>();
    metrics
        .byName()
        .forEach(
            (name, value) -> {
              if (Double.isFinite(value)) {
                points.add(new Metric(name, value, metrics.epoch(), now));
              }
            });
    mlflow.logBatch(run.runId(), Map.of(), points, Map.of());
  }

  @Override
  public Optional<String> finished(
      ModelPackage model,
      WerEstimate test,
      Path output,
      Optional<String> registerAs,
      String alias) {
    long now = clock.millis();
    List<Metric> points = new ArrayList<>();
    points.add(new Metric("test_wer", test.overall().wer(), 0, now));
    points.add(new Metric("test_wer_ci_low", test.overall().low(), 0, now));
    points.add(new Metric("test_wer_ci_high", test.overall().high(), 0, now));
    test.slices()
        .forEach(
            (slice, interval) -> {
              points.add(new Metric("test_wer_" + slice, interval.wer(), 0, now));
              points.add(new Metric("test_wer_" + slice + "_ci_low", interval.low(), 0, now));
              points.add(new Metric("test_wer_" + slice + "_ci_high", interval.high(), 0, now));
            });
    mlflow.logBatch(
        run.runId(), Map.of(), points, Map.of("nightscribe.model_sha256", model.sha256()));
    for (String file :
        List.of(TrainingReport.REPORT_FILE, TrainingReport.CARD_FILE, "evaluation/test.jsonl")) {
      mlflow.uploadArtifact(run, file, output.resolve(file));
    }
    registry.uploadPackage(model, run);
    Optional<String> registered =
        registerAs.map(
            name -> {
              Map<String, String> tags = new TreeMap<>();
              tags.put("nightscribe.test_wer", String.format("%.4f", test.overall().wer()));
              tags.put(
                  "nightscribe.test_wer_ci",
                  String.format("%.4f-%.4f", test.overall().low(), test.overall().high()));
              tags.put("nightscribe.training_mlflow_run", run.runId());
              var version = registry.registerFromRun(model, name, Optional.of(alias), run, tags);
              return "models:/" + version.name() + "/" + version.version();
            });
    mlflow.updateRun(run.runId(), RunStatus.FINISHED, Math.max(now, run.startMillis()));
    return registered;
  }

  @Override
  public void failed() {
    if (run != null) {
      mlflow.updateRun(run.runId(), RunStatus.FAILED, Math.max(clock.millis(), run.startMillis()));
    }
  }

  @Override
  public Optional<String> runId() {
    return Optional.ofNullable(run).map(MlflowRun::runId);
  }
}
