package io.nightscribe.runs.ledger;

/**
 * Where one input of a run stands: {@link #PENDING} until it is transcribed or quarantined. sql/
 * spells these values once, in the check constraint of {@code ns_run_input.status}.
 */
public enum InputStatus {
  PENDING,
  TRANSCRIBED,
  QUARANTINED
}
