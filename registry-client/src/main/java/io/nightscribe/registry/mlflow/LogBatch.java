package io.nightscribe.registry.mlflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code runs/log-batch} request body within MLflow's limits, and the planner that splits a
 * run's params, metrics and tags into as few of them as the limits allow.
 */
record LogBatch(Map<String, String> params, List<Metric> metrics, Map<String, String> tags) {
  private static final int ENTRY_OVERHEAD_CHARS = 64;

  LogBatch {
    params = Map.copyOf(params);
    metrics = List.copyOf(metrics);
    tags = Map.copyOf(tags);
  }

  /** Splits everything into batches each within {@link MlflowLimits}; empty input, no batch. */
  static List<LogBatch> plan(
      Map<String, String> params, List<Metric> metrics, Map<String, String> tags) {
    List<LogBatch> batches = new ArrayList<>();
    Builder current = new Builder();
    for (Map.Entry<String, String> param : params.entrySet()) {
      if (!current.fitsParam(param)) {
        batches.add(current.build());
        current = new Builder();
      }
      current.params.put(param.getKey(), param.getValue());
      current.chars += chars(param);
    }
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (!current.fitsTag(tag)) {
        batches.add(current.build());
        current = new Builder();
      }
      current.tags.put(tag.getKey(), tag.getValue());
      current.chars += chars(tag);
    }
    for (Metric metric : metrics) {
      if (!current.fitsMetric()) {
        batches.add(current.build());
        current = new Builder();
      }
      current.metrics.add(metric);
      current.chars += metric.key().length() + ENTRY_OVERHEAD_CHARS;
    }
    if (current.entities() > 0) {
      batches.add(current.build());
    }
    return batches;
  }

  private static int chars(Map.Entry<String, String> entry) {
    return entry.getKey().length() + entry.getValue().length() + ENTRY_OVERHEAD_CHARS;
  }

  private static final class Builder {
    private final Map<String, String> params = new java.util.LinkedHashMap<>();
    private final Map<String, String> tags = new java.util.LinkedHashMap<>();
    private final List<Metric> metrics = new ArrayList<>();
    private int chars;

    boolean fitsParam(Map.Entry<String, String> param) {
      return params.size() < MlflowLimits.MAX_PARAMS_PER_BATCH && fits(chars(param));
    }

    boolean fitsTag(Map.Entry<String, String> tag) {
      return tags.size() < MlflowLimits.MAX_TAGS_PER_BATCH && fits(chars(tag));
    }

    boolean fitsMetric() {
      return metrics.size() < MlflowLimits.MAX_METRICS_PER_BATCH && fits(ENTRY_OVERHEAD_CHARS);
    }

    private boolean fits(int moreChars) {
      return entities() < MlflowLimits.MAX_ENTITIES_PER_BATCH
          && chars + moreChars <= MlflowLimits.MAX_BATCH_CHARS;
    }

    int entities() {
      return params.size() + tags.size() + metrics.size();
    }

    LogBatch build() {
      return new LogBatch(params, metrics, tags);
    }
  }
}
