package io.nightscribe.asr.engine;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How audio is cut and decoded. Part of a run's identity: its canonical form is hashed into the
 * config hash.
 *
 * <p>Two ways of cutting: at pauses ({@code segmentation} present; the default), where segments
 * follow speech and are at most {@code chunkMillis} long, a longer stretch of speech being cut at
 * its quietest moment or, when it has none, into windows overlapping by {@code overlapMillis}; or
 * in fixed windows ({@code segmentation} empty), chunk {@code i} starting at {@code i *
 * (chunkMillis - overlapMillis)}, as every run made before segmentation at pauses existed was cut.
 * Settings recorded by those runs say nothing of segmentation, so they read back as fixed windows
 * and their replays cut as the original did.
 *
 * @param chunkMillis the longest piece of audio an engine gets
 * @param overlapMillis how much consecutive windows overlap where audio is cut without a pause; the
 *     merge keeps each word once
 * @param maxBatchMillis an engine batch holds at most this much audio: consecutive chunks of one
 *     source
 * @param engineOptions engine-specific options (beam width, word list...), sorted by key
 * @param segmentation how audio is cut at pauses; empty for fixed windows
 */
public record DecodingSettings(
    long chunkMillis,
    long overlapMillis,
    long maxBatchMillis,
    Map<String, String> engineOptions,
    Optional<PauseSegmentation> segmentation) {

  /** What a pipeline decodes with unless it says otherwise: cut at pauses, 30 s at most. */
  public static final DecodingSettings DEFAULTS =
      new DecodingSettings(
          30_000, 2_000, 120_000, Map.of(), Optional.of(PauseSegmentation.DEFAULTS));

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
    // settings recorded before segmentation existed have no such field: they cut fixed windows
    segmentation = segmentation == null ? Optional.empty() : segmentation;
    if (segmentation.isPresent() && segmentation.get().preferredMillis() > chunkMillis) {
      throw new IllegalArgumentException(
          "Invalid preferred segment length: "
              + segmentation.get().preferredMillis()
              + " ms (at most the chunk length, "
              + chunkMillis
              + " ms)");
    }
  }

  /** Settings that cut fixed windows, as runs made before segmentation at pauses did. */
  public static DecodingSettings fixedWindows(
      long chunkMillis, long overlapMillis, long maxBatchMillis, Map<String, String> options) {
    return new DecodingSettings(
        chunkMillis, overlapMillis, maxBatchMillis, options, Optional.empty());
  }

  /** The same settings with other engine options. */
  public DecodingSettings withEngineOptions(Map<String, String> options) {
    return new DecodingSettings(chunkMillis, overlapMillis, maxBatchMillis, options, segmentation);
  }

  @Override
  public Map<String, String> engineOptions() {
    return Collections.unmodifiableMap(engineOptions);
  }
}
