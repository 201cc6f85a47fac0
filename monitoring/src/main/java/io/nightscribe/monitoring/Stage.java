package io.nightscribe.monitoring;

/**
 * A step of an object's way through a night, timed by {@code nightscribe_stage_duration_seconds}.
 */
public enum Stage implements LabelValue {
  /** One page of the input listing. */
  LIST("list"),
  /** Reading one object's bytes from storage (time blocked on the store). */
  READ("read"),
  /** Decoding one object to 16 kHz PCM and cutting it into chunks (reads excluded). */
  DECODE("decode"),
  /** One engine call on a batch of chunks. */
  ENGINE("engine"),
  /** Writing one transcript. */
  WRITE("write"),
  /** One ledger transaction (marking an object, planning a page, finishing the run). */
  RECORD("record");

  private final String label;

  Stage(String label) {
    this.label = label;
  }

  @Override
  public String label() {
    return label;
  }
}
