package io.nightscribe.monitoring;

/**
 * The label (Micrometer: tag) keys of nightscribe's metrics. Every value set under these keys comes
 * from a small fixed set or from configuration (pipeline and model names): never an object key, a
 * run id or a date, which would make a new series per night.
 */
public final class LabelKeys {
  /** The pipeline's configured name, e.g. {@code twi}; also the Pushgateway grouping key. */
  public static final String PIPELINE = "pipeline";

  /** The model's name, as resolved from the pipeline's model reference. */
  public static final String MODEL = "model";

  /** The model's version as resolved (a registry version, or the package's own version). */
  public static final String MODEL_VERSION = "model_version";

  /** Where the night ran: {@link Runner}. */
  public static final String RUNNER = "runner";

  /** What became of an object: {@link Outcome}. */
  public static final String OUTCOME = "outcome";

  /** Why an object was quarantined: {@link QuarantineReason}. */
  public static final String REASON = "reason";

  /** A step of an object's way through a night: {@link Stage}. */
  public static final String STAGE = "stage";

  /** The service a retried call went to: {@link Dependency}. */
  public static final String DEPENDENCY = "dependency";

  /** What a drift score compares: {@link io.nightscribe.monitoring.drift.DriftKind}. */
  public static final String KIND = "kind";

  private LabelKeys() {}
}
