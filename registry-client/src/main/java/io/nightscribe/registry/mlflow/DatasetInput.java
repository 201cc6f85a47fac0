package io.nightscribe.registry.mlflow;

import io.nightscribe.asr.Sha256;
import java.util.regex.Pattern;

/**
 * A dataset input of an MLflow run ({@code runs/log-inputs}): for a transcription run, its input
 * manifest.
 *
 * @param name dataset name, at most 500 characters
 * @param digest at most 36 characters (an MLflow limit: use {@link #forManifest} for a sha256)
 * @param sourceType MLflow source type, e.g. {@code s3}, {@code local}, {@code http}
 * @param sourceUri where the data is, e.g. {@code s3://raw-audio/twi/2024/05/01/}
 * @param context how the run used it ({@code inference}, {@code training}, {@code eval}), logged as
 *     the input tag {@code mlflow.data.context}; null for none
 * @param profileJson a JSON object describing the data, or null
 * @param schemaJson a JSON object describing its schema, or null
 */
public record DatasetInput(
    String name,
    String digest,
    String sourceType,
    String sourceUri,
    String context,
    String profileJson,
    String schemaJson) {
  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

  public DatasetInput {
    MlflowLimits.checkValue("dataset name", name, name, MlflowLimits.MAX_DATASET_NAME_CHARS);
    MlflowLimits.checkValue("dataset digest", name, digest, MlflowLimits.MAX_DATASET_DIGEST_CHARS);
    if (name.isEmpty() || digest.isEmpty() || isBlank(sourceType) || isBlank(sourceUri)) {
      throw new IllegalArgumentException(
          "Invalid MLflow dataset '"
              + name
              + "': name, digest, sourceType, sourceUri are required");
    }
  }

  /**
   * The dataset of a manifest whose sha256 is {@code manifestSha256Hex}: the digest is its first 36
   * hex characters (MLflow's limit) and the profile keeps the full hash, so an auditor can compare.
   */
  public static DatasetInput forManifest(
      String name, String manifestSha256Hex, String sourceType, String sourceUri, String context) {
    if (manifestSha256Hex == null || !HEX_SHA256.matcher(manifestSha256Hex).matches()) {
      throw new IllegalArgumentException(
          "Invalid manifest sha256 '" + manifestSha256Hex + "': expected 64 lowercase hex digits");
    }
    return new DatasetInput(
        name,
        manifestSha256Hex.substring(0, MlflowLimits.MAX_DATASET_DIGEST_CHARS),
        sourceType,
        sourceUri,
        context,
        "{\"manifest_sha256\":\"" + manifestSha256Hex + "\"}",
        null);
  }

  /** {@link #forManifest} from the manifest's bytes. */
  public static DatasetInput forManifest(
      String name, byte[] manifest, String sourceType, String sourceUri, String context) {
    return forManifest(name, Sha256.hex(manifest), sourceType, sourceUri, context);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
