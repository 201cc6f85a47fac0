package io.nightscribe.asr.storage;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Counts the retries the SDK's retry strategy made, from the retry count it reports for every API
 * call: nothing here decides whether to retry. Thread-safe.
 */
final class S3RetryCounter implements MetricPublisher {
  private final AtomicLong retries = new AtomicLong();

  @Override
  public void publish(MetricCollection call) {
    long made =
        call.metricValues(CoreMetric.RETRY_COUNT).stream().mapToLong(Integer::longValue).sum();
    if (made > 0) {
      retries.addAndGet(made);
    }
  }

  /** Retries made since this counter was created. */
  long retries() {
    return retries.get();
  }

  @Override
  public void close() {
    // nothing to flush: the count lives as long as the store that reads it
  }
}
