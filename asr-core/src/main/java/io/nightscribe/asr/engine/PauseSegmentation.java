package io.nightscribe.asr.engine;

import java.util.Objects;

/**
 * How audio is cut at pauses: a speech detector scores every 32 ms frame, speech stretches are
 * separated by pauses, and consecutive stretches are joined into the segments an engine gets. Part
 * of {@link DecodingSettings}, so of a run's identity and its config hash.
 *
 * @param detector the speech detector that scores frames, by name ({@code silero-vad-6.2.3})
 * @param thresholdPercent speech starts where a frame's speech probability reaches this percentage
 *     and lasts until it stays 15 points lower for {@code minPauseMillis}
 * @param minPauseMillis the shortest silence that ends a speech stretch
 * @param padMillis audio kept on each side of a stretch, so words are never clipped
 * @param preferredMillis consecutive stretches are joined into one segment while it stays this
 *     short...
 * @param joinPauseMillis ...and the pause between them is no longer than this: a longer silence
 *     always ends a segment, and is not decoded
 */
public record PauseSegmentation(
    String detector,
    int thresholdPercent,
    long minPauseMillis,
    long padMillis,
    long preferredMillis,
    long joinPauseMillis) {

  /** The default detector: Silero VAD 6.2.3 (MIT), shipped by the vad-silero module. */
  public static final String SILERO_VAD = "silero-vad-6.2.3";

  /**
   * What {@link DecodingSettings#DEFAULTS} cuts with; docs/benchmarks.md says how it was chosen.
   */
  public static final PauseSegmentation DEFAULTS =
      new PauseSegmentation(SILERO_VAD, 50, 300, 200, 20_000, 2_000);

  /** How far below the start threshold speech must fall to count as a pause, in points. */
  public static final int HYSTERESIS_PERCENT = 15;

  public PauseSegmentation {
    Objects.requireNonNull(detector, "detector");
    if (detector.isBlank()) {
      throw new IllegalArgumentException("Invalid segmentation: no speech detector named");
    }
    if (thresholdPercent <= HYSTERESIS_PERCENT || thresholdPercent >= 100) {
      throw new IllegalArgumentException(
          "Invalid segmentation threshold: "
              + thresholdPercent
              + "% (between "
              + (HYSTERESIS_PERCENT + 1)
              + " and 99)");
    }
    if (minPauseMillis < 0 || padMillis < 0 || joinPauseMillis < 0) {
      throw new IllegalArgumentException(
          "Invalid segmentation: negative pause or padding ("
              + minPauseMillis
              + ", "
              + padMillis
              + ", "
              + joinPauseMillis
              + " ms)");
    }
    if (preferredMillis < 1_000) {
      throw new IllegalArgumentException(
          "Invalid preferred segment length: " + preferredMillis + " ms (at least 1000)");
    }
  }
}
