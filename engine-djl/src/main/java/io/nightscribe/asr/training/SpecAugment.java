package io.nightscribe.asr.training;

import io.nightscribe.asr.acoustic.Features;
import java.util.SplittableRandom;

/**
 * SpecAugment's masks (Park et al., 2019): bands of mel channels and spans of frames set to zero
 * (the mean of standardized features), drawn from a random generator the caller seeds per step, so
 * a resumed training masks exactly what the uninterrupted one would have.
 *
 * @param frequencyMasks masks over mel bands
 * @param frequencyMaskWidth widest band mask
 * @param timeMasks masks over time
 * @param timeMaskWidth widest time mask, in frames
 */
public record SpecAugment(
    int frequencyMasks, int frequencyMaskWidth, int timeMasks, int timeMaskWidth) {

  /** The augmentation the config asks for. */
  public static SpecAugment of(TrainingConfig config) {
    return new SpecAugment(
        config.frequencyMasks(),
        config.frequencyMaskWidth(),
        config.timeMasks(),
        config.timeMaskWidth());
  }

  /**
   * Writes {@code features}, masked, into {@code target} at {@code offset} (row-major, the
   * features' own layout).
   */
  public void apply(Features features, float[] target, int offset, SplittableRandom random) {
    int frames = features.frames();
    int dims = features.dimensions();
    System.arraycopy(features.values(), 0, target, offset, frames * dims);
    for (int m = 0; m < frequencyMasks; m++) {
      int width = Math.min(random.nextInt(frequencyMaskWidth + 1), dims);
      int first = random.nextInt(Math.max(1, dims - width));
      for (int t = 0; t < frames; t++) {
        java.util.Arrays.fill(
            target, offset + t * dims + first, offset + t * dims + first + width, 0f);
      }
    }
    for (int m = 0; m < timeMasks; m++) {
      int width = Math.min(random.nextInt(timeMaskWidth + 1), frames / 5);
      int first = random.nextInt(Math.max(1, frames - width));
      java.util.Arrays.fill(target, offset + first * dims, offset + (first + width) * dims, 0f);
    }
  }
}
