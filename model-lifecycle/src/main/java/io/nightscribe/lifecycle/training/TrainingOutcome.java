package io.nightscribe.lifecycle.training;

import io.nightscribe.asr.evaluation.WerEstimate;
import io.nightscribe.asr.training.TrainingProgress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a training produced.
 *
 * @param trainingId its identity: the config and the dataset's content digest
 * @param datasetDigest the dataset's content digest
 * @param packageFolder the model package
 * @param packageSha256 the package's digest
 * @param epochs what each epoch measured
 * @param test the test split's WER, overall and per slice
 * @param mlflowRunId the MLflow run that tracked it, when MLflow is configured
 * @param registeredVersion "models:/NAME/VERSION" when it was registered
 * @param report training.json
 */
public record TrainingOutcome(
    String trainingId,
    String datasetDigest,
    Path packageFolder,
    String packageSha256,
    List<TrainingProgress.EpochMetrics> epochs,
    WerEstimate test,
    Optional<String> mlflowRunId,
    Optional<String> registeredVersion,
    Path report) {
  public TrainingOutcome {
    epochs = List.copyOf(epochs);
  }
}
