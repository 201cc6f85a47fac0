package io.nightscribe.asr.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * How the S3 client rides out a flaky network: the AWS SDK's standard retry strategy (retryable
 * errors are throttling, 5xx, 408, connection failures and attempt timeouts; exponential backoff
 * with full jitter; the SDK's retry quota stops retrying against a store that keeps failing).
 *
 * @param maxAttempts attempts per call, the first included (1: never retry)
 * @param baseDelay the backoff before the first retry; each retry doubles it, with jitter
 * @param maxBackoff the longest backoff between two attempts
 * @param attemptTimeout the longest one attempt may take, and the longest a socket may stay silent
 *     while a body is read: a stalled connection becomes a retry (or a failed read) instead of a
 *     hang. It bounds a whole upload part, so keep it well above a part's transfer time.
 */
public record S3ClientSettings(
    int maxAttempts, Duration baseDelay, Duration maxBackoff, Duration attemptTimeout) {

  /** 5 attempts, 100 ms doubling up to 20 s between them, 60 s per attempt. */
  public static final S3ClientSettings DEFAULTS =
      new S3ClientSettings(
          5, Duration.ofMillis(100), Duration.ofSeconds(20), Duration.ofSeconds(60));

  public S3ClientSettings {
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(attemptTimeout, "attemptTimeout");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "Invalid S3 max attempts " + maxAttempts + ": use 1 (no retries) or more");
    }
    if (baseDelay.isNegative() || maxBackoff.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "Invalid S3 backoff "
              + baseDelay
              + " up to "
              + maxBackoff
              + ": the base delay must be 0 or more and at most the maximum backoff");
    }
    if (attemptTimeout.isNegative() || attemptTimeout.isZero()) {
      throw new IllegalArgumentException(
          "Invalid S3 attempt timeout " + attemptTimeout + ": it must be positive");
    }
  }
}
