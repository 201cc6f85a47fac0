package io.nightscribe.asr.engine;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How audio is cut and decoded. Part of a run's identity: its canonical form is hashed into the
 * config hash.
 *
 * @param chunkMillis length of each chunk given to the engine
 * @param overlapMillis how much consecutive chunks overlap; the merge keeps each word once
 * @param maxBatchMillis an engine batch holds at most this much audio
 * @param engineOptions engine-specific options (beam width, word list...), sorted by key
 */
public record DecodingSettings(
    long chunkMillis, long overlapMillis, long maxBatchMillis, Map<String, String> engineOptions) {

  public static final DecodingSettings DEFAULTS =
      new DecodingSettings(30_000, 2_000, 120_000, Map.of());

  public DecodingSettings {
    if (chunkMillis < 1_000) {
      throw new IllegalArgumentException(
          "Invalid chunk length: " + chunkMillis + " ms (at least 1000)");
    }
    if (overlapMillis < 0 || overlapMillis * 2 > chunkMillis) {
      throw new IllegalArgumentException(
          "Invalid overlap: "
              + overlapMillis
              + " ms (between 0 and half the chunk, "
              + chunkMillis / 2
              + " ms)");
    }
    if (maxBatchMillis < chunkMillis) {
      throw new IllegalArgumentException(
          "Invalid batch size: "
              + maxBatchMillis
              + " ms (at least one chunk, "
              + chunkMillis
              + " ms)");
    }
    engineOptions = new TreeMap<>(Objects.requireNonNull(engineOptions, "engineOptions"));
  }

  @Override
  public Map<String, String> engineOptions() {
    return java.util.Collections.unmodifiableMap(engineOptions);
  }
}
