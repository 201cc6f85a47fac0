package io.nightscribe.asr.audio;

/**
 * How one input's decoded audio sounded, measured in one pass over its 16 kHz mono samples: the
 * inputs half of a run's drift profile.
 *
 * @param loudnessDbfs the RMS level of all samples, dBFS (digital silence is {@value
 *     AudioLevelMeter#SILENCE_DBFS})
 * @param clippingShare share of samples at or beyond full scale ({@value
 *     AudioLevelMeter#CLIPPING_LEVEL}), 0-1
 * @param speechShare share of 20 ms frames loud enough to be speech (energy above the input's own
 *     noise floor, see {@link AudioLevelMeter}), 0-1
 */
public record AudioLevels(double loudnessDbfs, double clippingShare, double speechShare) {
  public AudioLevels {
    // a downmix may exceed full scale a little, so a level slightly above 0 dBFS is possible
    if (!(loudnessDbfs >= AudioLevelMeter.SILENCE_DBFS && loudnessDbfs <= 20)) {
      throw new IllegalArgumentException("Invalid loudness: " + loudnessDbfs + " dBFS");
    }
    if (!(clippingShare >= 0 && clippingShare <= 1) || !(speechShare >= 0 && speechShare <= 1)) {
      throw new IllegalArgumentException(
          "Invalid audio shares: clipping " + clippingShare + ", speech " + speechShare);
    }
  }
}
