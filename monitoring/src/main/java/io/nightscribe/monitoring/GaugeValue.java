package io.nightscribe.monitoring;

import java.util.concurrent.atomic.AtomicLong;

/** A double a gauge reads, set from any thread. */
final class GaugeValue {
  private final AtomicLong bits = new AtomicLong(Double.doubleToRawLongBits(0.0));

  double get() {
    return Double.longBitsToDouble(bits.get());
  }

  void set(double value) {
    bits.set(Double.doubleToRawLongBits(value));
  }

  /** Keeps the larger of the current value and {@code value}. */
  void max(double value) {
    bits.accumulateAndGet(
        Double.doubleToRawLongBits(value),
        (current, next) ->
            Double.longBitsToDouble(next) > Double.longBitsToDouble(current) ? next : current);
  }
}
