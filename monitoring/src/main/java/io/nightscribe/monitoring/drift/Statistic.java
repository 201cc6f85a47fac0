package io.nightscribe.monitoring.drift;

/** The statistic a feature's drift is measured with; each has an effect size and a p-value. */
public enum Statistic {
  /**
   * Two-sample Kolmogorov-Smirnov: effect D, the largest distance between the two empirical
   * distribution functions (0-1); p-value of the KS test (exact below 10,000 values per side).
   * Score: D.
   */
  KOLMOGOROV_SMIRNOV,
  /**
   * Population stability index over the categories of either profile: effect PSI = sum over
   * categories of (c - r) ln(c / r) with shares floored at 1e-4; p-value of the chi-square test of
   * homogeneity of the two count rows. Score: min(1, PSI).
   */
  POPULATION_STABILITY_INDEX,
  /**
   * Absolute difference of two rates: effect |c - r|; p-value of the chi-square test of the 2x2
   * table (events, non-events) x (reference, current). Score: min(1, |c - r| / rate scale).
   */
  ABSOLUTE_DIFFERENCE
}
