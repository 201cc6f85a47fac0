package io.nightscribe.monitoring;

import java.util.Locale;

/**
 * Why an object was quarantined, in a few fixed categories: the label {@code reason} of {@code
 * nightscribe_quarantined_total}. The full reason text stays in errors.jsonl and the ledger; a
 * metric label only ever carries one of these values.
 */
public enum QuarantineReason implements LabelValue {
  /** The object could not be read from storage (gone, denied, truncated download). */
  READ("read"),
  /** The bytes are not decodable audio (corrupt, truncated, empty, not audio). */
  DECODE("decode"),
  /** The engine refused or failed on this object's audio. */
  TRANSCRIBE("transcribe"),
  /** A format, codec or channel layout nightscribe does not handle. */
  UNSUPPORTED("unsupported"),
  /** Over a configured size or duration limit. */
  TOO_LARGE("too_large"),
  /** The object took longer than its time limit. */
  TIMEOUT("timeout"),
  /** Anything else; look at errors.jsonl. */
  OTHER("other");

  private final String label;

  QuarantineReason(String label) {
    this.label = label;
  }

  @Override
  public String label() {
    return label;
  }

  /**
   * The category whose label is {@code label} (case-insensitive), or {@link #OTHER} for anything
   * else, null included: a reason text never becomes a label value of its own.
   */
  public static QuarantineReason fromLabel(String label) {
    if (label == null) {
      return OTHER;
    }
    String wanted = label.trim().toLowerCase(Locale.ROOT);
    for (QuarantineReason reason : values()) {
      if (reason.label.equals(wanted)) {
        return reason;
      }
    }
    return OTHER;
  }
}
