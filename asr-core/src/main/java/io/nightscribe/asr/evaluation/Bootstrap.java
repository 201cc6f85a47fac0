package io.nightscribe.asr.evaluation;

/** What the bootstrap estimates of this package share. */
final class Bootstrap {
  private Bootstrap() {}

  /** The value at {@code fraction} of {@code sorted} (nearest rank, rounding down). */
  static double percentile(double[] sorted, double fraction) {
    int index = (int) Math.floor(fraction * (sorted.length - 1));
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
