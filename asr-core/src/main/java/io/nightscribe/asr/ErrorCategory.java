package io.nightscribe.asr;

/** Decides, in one place, how a failure is handled. */
public enum ErrorCategory {
  /** The input itself is bad (empty, truncated, not audio...): quarantine it and carry on. */
  BAD_INPUT,
  /** A dependency failed in a way that may pass (network, throttling): retry. */
  TRANSIENT,
  /** Out of memory, disk or device: back off and retry with less. */
  RESOURCE_EXHAUSTED,
  /**
   * The configuration or the environment is wrong (no bucket, no credentials): stop, tell the user
   * the fix.
   */
  CONFIGURATION,
  /** A bug or an unexpected state: fail fast. */
  INTERNAL
}
