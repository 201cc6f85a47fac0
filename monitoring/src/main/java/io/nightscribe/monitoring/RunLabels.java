package io.nightscribe.monitoring;

import java.util.Objects;

/**
 * The labels every metric of one run carries: which pipeline, which model and where it ran.
 *
 * @param pipeline the pipeline's configured name (also the Pushgateway grouping key)
 * @param model the resolved model's name
 * @param modelVersion the resolved model's version
 * @param runner where the engine work runs
 */
public record RunLabels(String pipeline, String model, String modelVersion, Runner runner) {
  public RunLabels {
    requireText(pipeline, "pipeline");
    requireText(model, "model");
    requireText(modelVersion, "model version");
    Objects.requireNonNull(runner, "runner");
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Invalid run labels: " + what + " is blank");
    }
  }
}
