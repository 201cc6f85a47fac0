package io.nightscribe.runs.report;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A night's drift as run.json's {@code "drift"} object records it.
 *
 * @param reference what the night was compared with: "model", "baseline" or "none"
 * @param kinds the score of each kind ("data", "prediction") the run measured
 */
public record NightDrift(String reference, SortedMap<String, KindScore> kinds) {
  public NightDrift {
    kinds = new TreeMap<>(Map.copyOf(kinds));
  }

  /**
   * @param score the kind's score in [0, 1]: the largest score among its features
   * @param level "ok", "warn", "alert" or "retrain"
   * @param decidedBy the feature whose score it is, or empty text when none moved
   */
  public record KindScore(double score, String level, String decidedBy) {}
}
