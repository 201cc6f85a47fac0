package io.nightscribe.batch.kubernetes;

import java.util.List;
import java.util.Map;

/**
 * The alert rules nightscribe ships as a PrometheusRule, the Prometheus Operator's object for a
 * rule file: its {@code spec.groups} are the rule file's groups, unchanged. No label selects it for
 * a Prometheus: which one a Prometheus's {@code ruleSelector} wants is the cluster's choice, added
 * in an overlay.
 */
final class AlertRuleObjects {
  static final String API_VERSION = "monitoring.coreos.com/v1";
  static final String KIND = "PrometheusRule";

  /** The kustomize component that holds it; an overlay opts in (not every cluster has the CRD). */
  static final String COMPONENT = "prometheus-rules";

  static final String FILE = "prometheusrule.yaml";

  private final ClusterSettings cluster;

  AlertRuleObjects(ClusterSettings cluster) {
    this.cluster = cluster;
  }

  /**
   * The PrometheusRule of a Prometheus rule file.
   *
   * @throws IllegalStateException when the file has no list of groups
   */
  Map<String, Object> prometheusRule(String ruleFile) {
    Object groups = ManifestYaml.read(ruleFile).get("groups");
    if (!(groups instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalStateException(
          "Cannot render the PrometheusRule: the alert rule file has no groups (a Prometheus rule"
              + " file starts with groups:)");
    }
    return Fields.object(
        API_VERSION,
        KIND,
        Fields.of(
            "name",
            KubernetesNames.APP,
            "namespace",
            cluster.namespace(),
            "labels",
            KubernetesNames.labels("alert-rules")),
        "spec",
        Fields.of("groups", groups));
  }
}
