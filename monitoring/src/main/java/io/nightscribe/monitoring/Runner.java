package io.nightscribe.monitoring;

/** Where a night's engine work ran. */
public enum Runner implements LabelValue {
  /** The transcription executor inside the job's JVM (CronJob pod or scheduler service). */
  IN_PROCESS("in-process"),
  /** Spark executors driven by the job. */
  SPARK("spark");

  private final String label;

  Runner(String label) {
    this.label = label;
  }

  @Override
  public String label() {
    return label;
  }
}
