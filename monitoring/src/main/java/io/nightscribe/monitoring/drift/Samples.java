package io.nightscribe.monitoring.drift;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * The values of one numeric feature over a run's objects: finite, rounded to {@value #DECIMALS}
 * decimal places (half to even, as nightscribe's canonical JSON writes fractions) and sorted, so
 * that equal multisets are equal samples and a JSON round trip gives the same values back.
 */
public final class Samples {
  /** Decimal places kept. */
  public static final int DECIMALS = 4;

  private final double[] values;

  private Samples(double[] sorted) {
    this.values = sorted;
  }

  /**
   * Samples of {@code values}, in any order.
   *
   * @throws IllegalArgumentException if a value is NaN or infinite
   */
  public static Samples of(double... values) {
    double[] copy = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      copy[i] = round(values[i]);
    }
    Arrays.sort(copy);
    return new Samples(copy);
  }

  /** A value as kept: rounded to {@value #DECIMALS} places. */
  static double round(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("Invalid sample: " + value + " (not finite)");
    }
    return BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** How many values. */
  public int size() {
    return values.length;
  }

  /** A copy of the values, ascending. */
  public double[] values() {
    return values.clone();
  }

  /** The values without a copy, for the statistics of this package (never modified). */
  double[] sorted() {
    return values;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Samples samples && Arrays.equals(values, samples.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Samples[" + values.length + " values]";
  }
}
