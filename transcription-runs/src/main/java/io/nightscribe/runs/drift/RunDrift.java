package io.nightscribe.runs.drift;

import io.nightscribe.monitoring.drift.DriftKind;
import io.nightscribe.monitoring.drift.DriftLevel;
import io.nightscribe.monitoring.drift.DriftReport;
import io.nightscribe.monitoring.drift.FeatureDrift;
import io.nightscribe.monitoring.drift.KindDrift;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A night's drift: what it was compared with and, unless there was nothing to compare with, the
 * report. {@link #kind} is what {@code NightMetrics.drift(kindDrift)} exposes.
 *
 * @param reference where the reference profile came from
 * @param baselineRuns the runs whose profiles made the baseline (empty unless {@code reference} is
 *     {@link Reference#BASELINE})
 * @param report the comparison, empty when {@code reference} is {@link Reference#NONE}
 */
public record RunDrift(
    Reference reference, List<String> baselineRuns, Optional<DriftReport> report) {
  public RunDrift {
    Objects.requireNonNull(reference, "reference");
    baselineRuns = List.copyOf(baselineRuns);
    Objects.requireNonNull(report, "report");
    if (report.isEmpty() != (reference == Reference.NONE)) {
      throw new IllegalArgumentException("Invalid run drift: a report exactly when compared");
    }
  }

  /** Where a night's reference profile came from. */
  public enum Reference {
    /** The model package's reference-profile.json. */
    MODEL,
    /** The profiles of the pipeline's last completed nights. */
    BASELINE,
    /** Neither exists: the night is not compared. */
    NONE;

    /** Its name in run.json. */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A night that had nothing to be compared with. */
  public static RunDrift none() {
    return new RunDrift(Reference.NONE, List.of(), Optional.empty());
  }

  /** The drift of {@code kind}, empty when the night was not compared. */
  public Optional<KindDrift> kind(DriftKind kind) {
    return report.map(r -> r.kind(kind));
  }

  /** Whether either kind reached {@link DriftLevel#RETRAIN}. */
  public boolean retrainRequested() {
    return report.isPresent()
        && report.get().kinds().values().stream().anyMatch(k -> k.level() == DriftLevel.RETRAIN);
  }

  /** run.json's "drift" object. */
  public DriftRecord toRecord() {
    return new DriftRecord(
        reference.value(),
        baselineRuns,
        kind(DriftKind.DATA).map(DriftRecord.Kind::of).orElse(null),
        kind(DriftKind.PREDICTION).map(DriftRecord.Kind::of).orElse(null),
        retrainRequested(),
        report
            .map(r -> r.features().stream().map(DriftRecord.Feature::of).toList())
            .orElse(List.of()));
  }

  /** The level's name in run.json and MLflow. */
  static String levelName(DriftLevel level) {
    return level.name().toLowerCase(Locale.ROOT);
  }

  static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }

  static String statusName(FeatureDrift.Status status) {
    return status.name().toLowerCase(Locale.ROOT);
  }
}
