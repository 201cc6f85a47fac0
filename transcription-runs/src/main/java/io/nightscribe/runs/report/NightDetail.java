package io.nightscribe.runs.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One night seen up close.
 *
 * @param night the night's summary
 * @param slowest its inputs that took longest in the pipeline, slowest first
 * @param quarantined its quarantined inputs in key order, with their reasons
 * @param confidence the night's per-object mean word confidences from its profile.json, empty when
 *     the run wrote no profile
 * @param reference the samples to hold them against, empty when there are none
 */
public record NightDetail(
    NightSummary night,
    List<TimedObject> slowest,
    List<QuarantinedObject> quarantined,
    Optional<List<Double>> confidence,
    Optional<Reference> reference) {
  public NightDetail {
    Objects.requireNonNull(night, "night");
    slowest = List.copyOf(slowest);
    quarantined = List.copyOf(quarantined);
    confidence = confidence.map(List::copyOf);
  }

  /**
   * @param key the input's key relative to the run's input prefix
   * @param processingMillis wall time from a decoder taking it up until its outcome was recorded
   * @param audioMillis its decoded duration (0 when quarantined)
   * @param status TRANSCRIBED or QUARANTINED
   */
  public record TimedObject(String key, long processingMillis, long audioMillis, String status) {}

  /**
   * @param key the input's key relative to the run's input prefix
   * @param stage where it failed
   * @param reason why, as the ledger holds it
   */
  public record QuarantinedObject(String key, String stage, String reason) {}

  /**
   * @param label what the samples are, for the reader ("reference profile model.json", "the other 3
   *     nights of this report")
   * @param confidence their per-object mean word confidences
   */
  public record Reference(String label, List<Double> confidence) {
    public Reference {
      confidence = List.copyOf(confidence);
    }
  }
}
