package io.nightscribe.asr.transcript;

import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.engine.PauseSegmentation;
import io.nightscribe.asr.json.CanonicalJson;
import java.util.Map;
import java.util.TreeMap;

/**
 * The config hash: sha256 of the canonical JSON of a run's {@link DecodingSettings}, e.g. {@code
 * {"chunkMillis":30000,"engineOptions":{},"maxBatchMillis":120000,"overlapMillis":2000,
 * "segmentation":{"detector":"silero-vad-6.2.3",...}}}. Fixed-window settings have no {@code
 * segmentation} key, so settings recorded before segmentation at pauses existed keep their JSON and
 * hash. Two runs with equal settings have equal hashes whatever order their options were given in.
 * The JSON reads back into equal settings with Jackson. Stateless and thread-safe.
 */
public final class SettingsDigest {
  private SettingsDigest() {}

  /** The canonical JSON of {@code settings}, as hashed. */
  public static byte[] canonicalJson(DecodingSettings settings) {
    Map<String, Object> fields = new TreeMap<>();
    fields.put("chunkMillis", settings.chunkMillis());
    fields.put("overlapMillis", settings.overlapMillis());
    fields.put("maxBatchMillis", settings.maxBatchMillis());
    fields.put("engineOptions", settings.engineOptions());
    settings.segmentation().ifPresent(pauses -> fields.put("segmentation", fieldsOf(pauses)));
    return CanonicalJson.bytes(fields);
  }

  /** The lowercase hex sha256 of {@link #canonicalJson}. */
  public static String sha256(DecodingSettings settings) {
    return Sha256.hex(canonicalJson(settings));
  }

  private static Map<String, Object> fieldsOf(PauseSegmentation pauses) {
    return Map.of(
        "detector", pauses.detector(),
        "thresholdPercent", pauses.thresholdPercent(),
        "minPauseMillis", pauses.minPauseMillis(),
        "padMillis", pauses.padMillis(),
        "preferredMillis", pauses.preferredMillis(),
        "joinPauseMillis", pauses.joinPauseMillis());
  }
}
