package io.nightscribe.monitoring;

/** What became of one input object of a night. */
public enum Outcome implements LabelValue {
  /** Its transcript was written and recorded. */
  TRANSCRIBED("transcribed"),
  /** It was marked QUARANTINED with a reason (a BAD_INPUT error). */
  QUARANTINED("quarantined");

  private final String label;

  Outcome(String label) {
    this.label = label;
  }

  @Override
  public String label() {
    return label;
  }
}
