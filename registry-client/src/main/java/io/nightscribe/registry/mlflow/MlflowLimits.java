package io.nightscribe.registry.mlflow;

import java.util.regex.Pattern;

/**
 * The limits an MLflow 3.x tracking server enforces (mlflow/utils/validation.py), checked here so
 * that a bad value fails where it is built, not in an outbox that retries it forever.
 */
public final class MlflowLimits {
  /** Params per {@code runs/log-batch} call. */
  public static final int MAX_PARAMS_PER_BATCH = 100;

  /** Tags per {@code runs/log-batch} call. */
  public static final int MAX_TAGS_PER_BATCH = 100;

  /** Metrics per {@code runs/log-batch} call. */
  public static final int MAX_METRICS_PER_BATCH = 1000;

  /** Params, metrics and tags together per {@code runs/log-batch} call. */
  public static final int MAX_ENTITIES_PER_BATCH = 1000;

  /** The server rejects log-batch bodies above 1 MB; this leaves room for JSON framing. */
  public static final int MAX_BATCH_CHARS = 900_000;

  /** Longer param values are silently truncated by the server, so they are refused here. */
  public static final int MAX_PARAM_VALUE_CHARS = 6000;

  /** Longer tag values are silently truncated by the server, so they are refused here. */
  public static final int MAX_TAG_VALUE_CHARS = 8000;

  /** Param, metric and tag keys. */
  public static final int MAX_KEY_CHARS = 250;

  /** A dataset digest: MLflow's own are 8 hex characters; a full sha256 (64) is refused. */
  public static final int MAX_DATASET_DIGEST_CHARS = 36;

  /** Dataset names. */
  public static final int MAX_DATASET_NAME_CHARS = 500;

  private static final Pattern KEY = Pattern.compile("[/\\w.\\- :]+");

  private MlflowLimits() {}

  /**
   * Checks a param, metric or tag key.
   *
   * @throws IllegalArgumentException if MLflow would refuse it
   */
  public static String checkKey(String kind, String key) {
    if (key == null || key.length() > MAX_KEY_CHARS || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "Invalid MLflow "
              + kind
              + " key '"
              + key
              + "': use 1 to "
              + MAX_KEY_CHARS
              + " letters, digits, '_', '-', '.', ' ', ':' or '/'");
    }
    if (key.startsWith("/") || key.contains("//") || key.contains("..") || key.endsWith("/")) {
      throw new IllegalArgumentException(
          "Invalid MLflow " + kind + " key '" + key + "': it must be a normalised relative path");
    }
    return key;
  }

  /**
   * Checks a value against a length limit.
   *
   * @throws IllegalArgumentException if it is null or longer than {@code maxChars}
   */
  public static String checkValue(String kind, String key, String value, int maxChars) {
    if (value == null) {
      throw new IllegalArgumentException("Invalid MLflow " + kind + " '" + key + "': null value");
    }
    if (value.length() > maxChars) {
      throw new IllegalArgumentException(
          "Invalid MLflow "
              + kind
              + " '"
              + key
              + "': value has "
              + value.length()
              + " characters, MLflow keeps at most "
              + maxChars);
    }
    return value;
  }
}
