package io.nightscribe.runs.backfill;

import java.util.Locale;

/**
 * Which partitions that already completed with the backfill's model and settings a backfill runs
 * again. Partitions that never ran are always run, and failed or killed ones always resumed.
 */
public enum Reprocess {
  /** Skip every completed partition. */
  NONE,
  /** Run again the completed partitions that quarantined inputs (the audio may have been fixed). */
  FAILED,
  /** Run every partition again (audio arrived late, or was replaced). */
  ALL;

  /** The option value: "none", "failed" or "all". */
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Reprocess parse(String value) {
    for (Reprocess candidate : values()) {
      if (candidate.optionValue().equals(value.toLowerCase(Locale.ROOT))) {
        return candidate;
      }
    }
    throw new IllegalArgumentException(
        "Invalid --reprocess '" + value + "': use none, failed or all");
  }
}
