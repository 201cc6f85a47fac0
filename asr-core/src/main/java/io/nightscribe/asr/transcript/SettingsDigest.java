package io.nightscribe.asr.transcript;

import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.json.CanonicalJson;
import java.util.Map;

/**
 * The config hash: sha256 of the canonical JSON of a run's {@link DecodingSettings}, e.g. {@code
 * {"chunkMillis":30000,"engineOptions":{},"maxBatchMillis":120000,"overlapMillis":2000}}. Two runs
 * with equal settings have equal hashes whatever order their options were given in. Stateless and
 * thread-safe.
 */
public final class SettingsDigest {
  private SettingsDigest() {}

  /** The canonical JSON of {@code settings}, as hashed. */
  public static byte[] canonicalJson(DecodingSettings settings) {
    return CanonicalJson.bytes(
        Map.of(
            "chunkMillis", settings.chunkMillis(),
            "overlapMillis", settings.overlapMillis(),
            "maxBatchMillis", settings.maxBatchMillis(),
            "engineOptions", settings.engineOptions()));
  }

  /** The lowercase hex sha256 of {@link #canonicalJson}. */
  public static String sha256(DecodingSettings settings) {
    return Sha256.hex(canonicalJson(settings));
  }
}
