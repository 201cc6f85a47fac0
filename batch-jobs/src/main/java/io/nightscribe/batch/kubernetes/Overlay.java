package io.nightscribe.batch.kubernetes;

import java.util.Locale;

/** The kustomize overlays {@code nightscribe k8s render} writes beside the base. */
public enum Overlay {
  /**
   * For trying a configuration: CronJobs suspended (start a night by hand with {@code kubectl
   * create job --from=cronjob/...}), one scheduler replica, finished Jobs deleted after an hour.
   */
  DEV,
  /** The base as rendered, and a disruption budget that keeps one scheduler pod up. */
  PROD;

  /** Its folder under overlays/ and its name on the command line. */
  public String folder() {
    return name().toLowerCase(Locale.ROOT);
  }
}
