package io.nightscribe.asr.training;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a training stands, as a checkpoint records it: the next batch to train, and what every
 * finished epoch measured.
 *
 * @param trainingId the training's identity (config and dataset); a checkpoint of another training
 *     is refused
 * @param epoch the epoch in progress, from 0; equal to the epoch count when training is done
 * @param batch the next batch of that epoch
 * @param step updates made so far
 * @param epochs what each finished epoch measured, in order
 */
public record TrainingProgress(
    String trainingId, int epoch, int batch, long step, List<EpochMetrics> epochs) {

  public TrainingProgress {
    epochs = List.copyOf(epochs);
  }

  /** The start of a training. */
  public static TrainingProgress start(String trainingId) {
    return new TrainingProgress(trainingId, 0, 0, 0, List.of());
  }

  /**
   * What one epoch measured.
   *
   * @param epoch its number, from 1
   * @param trainLoss mean CTC loss per label over its batches
   * @param devLoss mean CTC loss per label on the dev split
   * @param devWer word error rate of greedy decoding on the dev split
   * @param medianStepMillis median wall time of a training step
   * @param seconds wall time of the epoch (of its last part, after a resume)
   */
  public record EpochMetrics(
      int epoch,
      double trainLoss,
      double devLoss,
      double devWer,
      double medianStepMillis,
      double seconds) {

    /** The metrics by MLflow name. */
    public Map<String, Double> byName() {
      Map<String, Double> metrics = new TreeMap<>();
      metrics.put("train_loss", trainLoss);
      metrics.put("dev_loss", devLoss);
      metrics.put("dev_wer_greedy", devWer);
      metrics.put("step_millis_median", medianStepMillis);
      metrics.put("epoch_seconds", seconds);
      return metrics;
    }

    /** As canonical JSON values (fixed decimals). */
    public Map<String, Object> describe() {
      Map<String, Object> json = new TreeMap<>();
      json.put("epoch", epoch);
      byName()
          .forEach(
              (name, value) ->
                  json.put(
                      name,
                      BigDecimal.valueOf(value).setScale(6, java.math.RoundingMode.HALF_EVEN)));
      return json;
    }
  }
}
