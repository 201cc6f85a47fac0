package io.nightscribe.asr.audio;

import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.NightscribeException;

/**
 * An input that would cost more than its {@link DecodeBudget}: a bad input (it is quarantined and
 * the run goes on), told apart so the quarantine says which limit it broke.
 */
public final class DecodeBudgetExceeded extends NightscribeException {

  /** Which limit an input broke; {@link #label()} is the quarantine stage recorded for it. */
  public enum Limit {
    /** More audio than {@link DecodeBudget#maxAudio()}, declared or decoded. */
    TOO_LARGE("too_large"),
    /** More decoding time than the budget allows for its audio. */
    TIMEOUT("timeout");

    private final String label;

    Limit(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final Limit limit;

  DecodeBudgetExceeded(Limit limit, String message) {
    super(ErrorCategory.BAD_INPUT, message);
    this.limit = limit;
  }

  public Limit limit() {
    return limit;
  }
}
