package io.nightscribe.runs.drift;

import io.nightscribe.monitoring.drift.DriftSettings;
import io.nightscribe.monitoring.drift.DriftThresholds;
import java.util.Objects;

/**
 * How one pipeline's nights are judged for drift.
 *
 * @param thresholds the warn, alert and retrain scores (default 0.10, 0.25, 0.50)
 * @param baselineNights when the model has no reference profile, the night is compared with the
 *     profiles of this many completed earlier nights of the pipeline (default 7; 0 turns the
 *     fallback off)
 */
public record DriftPolicy(DriftThresholds thresholds, int baselineNights) {
  /** The default thresholds and a week of baseline nights. */
  public static final DriftPolicy DEFAULT = new DriftPolicy(DriftThresholds.DEFAULTS, 7);

  public DriftPolicy {
    Objects.requireNonNull(thresholds, "thresholds");
    if (baselineNights < 0) {
      throw new IllegalArgumentException("Invalid drift baseline: " + baselineNights + " nights");
    }
  }

  /** The detector settings: these thresholds, the default significance and sample floor. */
  public DriftSettings settings() {
    DriftSettings defaults = DriftSettings.DEFAULTS;
    return new DriftSettings(
        thresholds, defaults.significance(), defaults.minSamples(), defaults.rateScale());
  }
}
