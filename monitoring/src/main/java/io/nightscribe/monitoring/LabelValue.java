package io.nightscribe.monitoring;

/** An enum whose constants are the only values a label may take. */
public interface LabelValue {
  /** The value as exposed, e.g. {@code too_large}. */
  String label();
}
