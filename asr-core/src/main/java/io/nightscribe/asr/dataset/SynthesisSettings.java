package io.nightscribe.asr.dataset;

import java.util.Map;
import java.util.Objects;

/**
 * How synthetic clips vary: the ranges each clip's settings are drawn from. A dataset records them.
 *
 * @param ratePercent speaking rate, percent of the voice's own
 * @param espeakPitch espeak-ng's base pitch ({@code -p}, 0 to 99, its default 50); flite has no
 *     relative pitch setting
 * @param augmentedPercent the share of clips augmented, in percent; each augmented clip gets one of
 *     noise, speed or reverb, as likely
 * @param noiseSnrDb signal-to-noise ratio of added white noise, in dB (higher is cleaner)
 * @param speedChangePercent how much faster or slower a sped clip plays, in percent
 * @param reverberancePercent sox {@code reverb}'s reverberance
 */
public record SynthesisSettings(
    IntRange ratePercent,
    IntRange espeakPitch,
    int augmentedPercent,
    IntRange noiseSnrDb,
    IntRange speedChangePercent,
    IntRange reverberancePercent) {

  /**
   * Modest variation: speech stays easy to understand (noise at least 15 dB below it, speed within
   * 12%), so a clip's errors come from the model rather than from a text nobody could hear.
   */
  public static final SynthesisSettings DEFAULT =
      new SynthesisSettings(
          new IntRange(85, 120),
          new IntRange(35, 65),
          30,
          new IntRange(15, 30),
          new IntRange(5, 12),
          new IntRange(20, 60));

  public SynthesisSettings {
    Objects.requireNonNull(ratePercent, "ratePercent");
    Objects.requireNonNull(espeakPitch, "espeakPitch");
    Objects.requireNonNull(noiseSnrDb, "noiseSnrDb");
    Objects.requireNonNull(speedChangePercent, "speedChangePercent");
    Objects.requireNonNull(reverberancePercent, "reverberancePercent");
    if (augmentedPercent < 0 || augmentedPercent > 100) {
      throw new IllegalArgumentException("Invalid augmented share: " + augmentedPercent + "%");
    }
    if (ratePercent.min() <= 0 || espeakPitch.min() < 0 || espeakPitch.max() > 99) {
      throw new IllegalArgumentException("Invalid rate or pitch range");
    }
    if (noiseSnrDb.min() <= 0 || speedChangePercent.min() <= 0 || speedChangePercent.max() >= 50) {
      throw new IllegalArgumentException("Invalid noise or speed range");
    }
    if (reverberancePercent.min() <= 0 || reverberancePercent.max() > 100) {
      throw new IllegalArgumentException("Invalid reverberance range");
    }
  }

  /** The settings as a dataset record writes them. */
  public Map<String, Object> fields() {
    return Map.of(
        "ratePercent", ratePercent.bounds(),
        "espeakPitch", espeakPitch.bounds(),
        "augmentedPercent", augmentedPercent,
        "noiseSnrDb", noiseSnrDb.bounds(),
        "speedChangePercent", speedChangePercent.bounds(),
        "reverberancePercent", reverberancePercent.bounds());
  }
}
