package io.nightscribe.batch.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the pods run as and read: the ServiceAccount (with the cloud's workload identity), the
 * configuration as a ConfigMap, and the rights a Spark driver needs to start its executors.
 */
final class AccessObjects {
  /**
   * The annotation that gives a ServiceAccount an IAM role on EKS (IAM roles for service accounts).
   */
  static final String EKS_ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";

  static final String SPARK_DRIVER_ROLE = "nightscribe-spark-driver";

  private final ClusterSettings cluster;

  AccessObjects(ClusterSettings cluster) {
    this.cluster = cluster;
  }

  Map<String, Object> serviceAccount() {
    Map<String, Object> annotations = new LinkedHashMap<>(cluster.serviceAccountAnnotations());
    if (cluster.aws().webIdentity()) {
      annotations.put(EKS_ROLE_ANNOTATION, cluster.aws().roleArn());
    }
    return Fields.object(
        "v1",
        "ServiceAccount",
        Fields.of(
            "name", cluster.serviceAccount(),
            "namespace", cluster.namespace(),
            "labels", KubernetesNames.labels("access"),
            "annotations", annotations.isEmpty() ? null : annotations));
  }

  /**
   * The configuration file every pod reads; no secret is in it (the reader refuses inlined ones).
   */
  Map<String, Object> configuration(String configuration) {
    return Fields.object(
        "v1",
        "ConfigMap",
        metadata(Pods.CONFIG_MAP, "configuration"),
        "data",
        Fields.of(Pods.CONFIG_FILE, configuration));
  }

  /** The Role and RoleBinding of Spark drivers: executor pods and what Spark makes for them. */
  List<Map<String, Object>> sparkDriverAccess() {
    List<String> manage = List.of("create", "get", "list", "watch", "delete", "deletecollection");
    List<String> managePods =
        List.of("create", "get", "list", "watch", "patch", "delete", "deletecollection");
    Map<String, Object> role =
        Fields.object(
            "rbac.authorization.k8s.io/v1",
            "Role",
            metadata(SPARK_DRIVER_ROLE, "spark-driver"),
            "rules",
            List.of(
                Fields.of(
                    "apiGroups", List.of(""), "resources", List.of("pods"), "verbs", managePods),
                Fields.of(
                    "apiGroups", List.of(""),
                    "resources", List.of("configmaps", "persistentvolumeclaims", "services"),
                    "verbs", manage)));
    Map<String, Object> binding =
        Fields.object(
            "rbac.authorization.k8s.io/v1",
            "RoleBinding",
            metadata(SPARK_DRIVER_ROLE, "spark-driver"),
            "roleRef",
            Fields.of(
                "apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", SPARK_DRIVER_ROLE),
            "subjects",
            List.of(
                Fields.of(
                    "kind", "ServiceAccount",
                    "name", cluster.serviceAccount(),
                    "namespace", cluster.namespace())));
    return List.of(role, binding);
  }

  private Map<String, Object> metadata(String name, String component) {
    return Fields.of(
        "name",
        name,
        "namespace",
        cluster.namespace(),
        "labels",
        KubernetesNames.labels(component));
  }
}
