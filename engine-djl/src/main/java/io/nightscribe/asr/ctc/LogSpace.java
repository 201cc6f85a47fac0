package io.nightscribe.asr.ctc;

/** Arithmetic on natural-log probabilities. */
final class LogSpace {
  private LogSpace() {}

  /** log(exp(a) + exp(b)), exact when either is negative infinity. */
  static double add(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY) {
      return b;
    }
    if (b == Double.NEGATIVE_INFINITY) {
      return a;
    }
    double max = Math.max(a, b);
    return max + Math.log1p(Math.exp(-Math.abs(a - b)));
  }
}
