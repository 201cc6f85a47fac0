package io.nightscribe.batch.kubernetes;

/** What fires the scheduled pipelines. Exactly one of them may run in a namespace. */
public enum Scheduling {
  /** A CronJob per scheduled pipeline: no pod runs between nights. */
  CRONJOBS("cronjobs"),
  /** The scheduler service: Quartz on the ledger database, with catch-up and backfill intake. */
  SERVICE("scheduler");

  private final String component;

  Scheduling(String component) {
    this.component = component;
  }

  /** The kustomize component that holds its objects. */
  String component() {
    return component;
  }
}
