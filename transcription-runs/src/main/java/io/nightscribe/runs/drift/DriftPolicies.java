package io.nightscribe.runs.drift;

/** The drift policy of each pipeline, from its configuration. Thread-safe. */
@FunctionalInterface
public interface DriftPolicies {
  /** Every pipeline with {@link DriftPolicy#DEFAULT}. */
  DriftPolicies DEFAULTS = pipeline -> DriftPolicy.DEFAULT;

  /** The policy of {@code pipeline} (the default for a pipeline not declared, e.g. ad-hoc runs). */
  DriftPolicy of(String pipeline);
}
