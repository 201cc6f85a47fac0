package io.nightscribe.lifecycle.training;

import io.nightscribe.asr.evaluation.WerEstimate;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.asr.training.TrainingProgress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Where a training is tracked as it goes: MLflow, or nowhere. Not thread-safe. */
interface TrainingTracker {

  /** A tracker that records nothing, for trainings without an MLflow server. */
  TrainingTracker NONE =
      new TrainingTracker() {
        @Override
        public void started(
            String trainingId, Map<String, String> params, Map<String, String> tags) {}

        @Override
        public void dataset(
            StorageUri manifest, String digest, String manifestSha256, int utterances) {}

        @Override
        public void epochEnded(TrainingProgress.EpochMetrics metrics) {}

        @Override
        public Optional<String> finished(
            ModelPackage model,
            WerEstimate test,
            Path output,
            Optional<String> registerAs,
            String alias) {
          return Optional.empty();
        }

        @Override
        public void failed() {}

        @Override
        public Optional<String> runId() {
          return Optional.empty();
        }
      };

  /** The training started, or resumed: {@code params} never change for a training; tags may. */
  void started(String trainingId, Map<String, String> params, Map<String, String> tags);

  /** The dataset it trains on. */
  void dataset(StorageUri manifest, String digest, String manifestSha256, int utterances);

  /** An epoch ended. */
  void epochEnded(TrainingProgress.EpochMetrics metrics);

  /**
   * The training ended: record the test scores and the files in {@code output}, upload the package,
   * and register it as a version of {@code registerAs} when given.
   *
   * @return "models:/NAME/VERSION" when registered
   */
  Optional<String> finished(
      ModelPackage model, WerEstimate test, Path output, Optional<String> registerAs, String alias);

  /** The training failed. */
  void failed();

  /** The tracking run's id, once started. */
  Optional<String> runId();
}
