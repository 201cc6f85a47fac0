package io.nightscribe.batch.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduler service ({@code nightscribe scheduler}): a Deployment whose pods Kubernetes
 * restarts when their liveness check fails and takes out of the Service while their readiness check
 * fails (the ledger unreachable), the Service, and a disruption budget that drains nodes one pod at
 * a time.
 */
final class SchedulerObjects {
  static final String NAME = "nightscribe-scheduler";
  static final String COMPONENT = "scheduler";
  static final String CONFIG_DIGEST_ANNOTATION = "nightscribe.io/config-sha256";

  private static final String PORT_NAME = "management";

  /** Time for Flyway's migrations and Quartz's start before liveness counts. */
  private static final int STARTUP_SECONDS = 300;

  private static final int PROBE_PERIOD_SECONDS = 10;

  private final ClusterSettings cluster;
  private final Pods pods;

  SchedulerObjects(ClusterSettings cluster) {
    this.cluster = cluster;
    this.pods = new Pods(cluster);
  }

  /**
   * The Deployment.
   *
   * @param configurationSha256 the configuration's digest: pods restart when it changes, as the
   *     service reads its pipelines at start
   */
  Map<String, Object> deployment(String configurationSha256) {
    SchedulerService scheduler = cluster.scheduler();
    int port = scheduler.managementPort();
    Map<String, Object> container =
        pods.container(
            COMPONENT,
            List.of("scheduler"),
            List.of(Fields.of("name", "MANAGEMENT_SERVER_PORT", "value", String.valueOf(port))),
            scheduler.resources(),
            Optional.empty());
    container.put("ports", List.of(Fields.of("name", PORT_NAME, "containerPort", port)));
    container.put(
        "startupProbe", probe("/actuator/health/liveness", STARTUP_SECONDS / PROBE_PERIOD_SECONDS));
    container.put("livenessProbe", probe("/actuator/health/liveness", 3));
    container.put("readinessProbe", probe("/actuator/health/readiness", 3));
    Map<String, Object> podSpec =
        pods.spec(
            List.of(),
            List.of(container),
            "Always",
            scheduler.resources().scratch(),
            scheduler.placement(),
            Optional.empty());
    return Fields.object(
        "apps/v1",
        "Deployment",
        metadata(),
        "spec",
        Fields.of(
            "replicas", scheduler.replicas(),
            "selector", Fields.of("matchLabels", selector()),
            "template",
                Fields.of(
                    "metadata",
                    Fields.of(
                        "labels", KubernetesNames.labels(COMPONENT),
                        "annotations", Fields.of(CONFIG_DIGEST_ANNOTATION, configurationSha256)),
                    "spec",
                    podSpec)));
  }

  Map<String, Object> service() {
    return Fields.object(
        "v1",
        "Service",
        metadata(),
        "spec",
        Fields.of(
            "selector", selector(),
            "ports",
                List.of(
                    Fields.of(
                        "name", PORT_NAME,
                        "port", cluster.scheduler().managementPort(),
                        "targetPort", PORT_NAME))));
  }

  Map<String, Object> disruptionBudget() {
    return Fields.object(
        "policy/v1",
        "PodDisruptionBudget",
        metadata(),
        "spec",
        Fields.of("maxUnavailable", 1, "selector", Fields.of("matchLabels", selector())));
  }

  private Map<String, Object> metadata() {
    return Fields.of(
        "name",
        NAME,
        "namespace",
        cluster.namespace(),
        "labels",
        KubernetesNames.labels(COMPONENT));
  }

  private static Map<String, Object> selector() {
    Map<String, Object> labels = KubernetesNames.labels(COMPONENT);
    labels.remove("app.kubernetes.io/managed-by");
    return labels;
  }

  private static Map<String, Object> probe(String path, int failureThreshold) {
    return Fields.of(
        "httpGet",
        Fields.of("path", path, "port", PORT_NAME),
        "periodSeconds",
        PROBE_PERIOD_SECONDS,
        "timeoutSeconds",
        5,
        "failureThreshold",
        failureThreshold);
  }
}
