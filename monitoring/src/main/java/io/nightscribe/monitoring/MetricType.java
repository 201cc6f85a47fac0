package io.nightscribe.monitoring;

/** The Prometheus type a metric is exposed as. */
public enum MetricType {
  /** Only goes up within a process; exposed with the suffix {@code _total}. */
  COUNTER,
  /** A value that is set. */
  GAUGE,
  /**
   * Cumulative buckets: {@code _bucket{le=...}}, {@code _count}, {@code _sum} (and Micrometer's
   * {@code _max}, a gauge of the largest value in a short decaying window that no rule uses).
   */
  HISTOGRAM
}
