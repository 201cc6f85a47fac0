package io.nightscribe.batch.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts every nightscribe pod shares: the container (image, configuration, credentials,
 * resources, a locked-down security context), its volumes and where it may land.
 */
final class Pods {
  static final String CONFIG_MAP = "nightscribe-config";
  static final String CONFIG_FILE = "nightscribe.yml";
  static final String CONFIG_FOLDER = "/etc/nightscribe/config";
  static final String SPARK_FOLDER = "/etc/nightscribe/spark";
  static final String GPU_RESOURCE = "nvidia.com/gpu";

  /** The image's user (scripts/image-base.sh), whose home holds unpacked models and natives. */
  private static final long USER_ID = 10001;

  private static final String HOME = "/home/nightscribe";

  private final ClusterSettings cluster;

  Pods(ClusterSettings cluster) {
    this.cluster = cluster;
  }

  /**
   * A nightscribe container.
   *
   * @param name the container's name
   * @param args nightscribe's arguments (the image's entry point is the nightscribe command)
   * @param parameters further environment variables, which the arguments may name as $(NAME)
   * @param resources what it asks for
   * @param sparkConfigMap the ConfigMap of the pipeline's Spark settings, for a Spark driver
   */
  Map<String, Object> container(
      String name,
      List<String> args,
      List<Map<String, Object>> parameters,
      PodResources resources,
      Optional<String> sparkConfigMap) {
    List<Map<String, Object>> env = environment(resources.gpus() > 0, sparkConfigMap.isPresent());
    env.addAll(parameters);
    return Fields.of(
        "name", name,
        "image", cluster.image(),
        "imagePullPolicy", cluster.imagePullPolicy(),
        "args", List.copyOf(args),
        "env", env,
        "resources", resources(resources),
        "securityContext", containerSecurity(),
        "volumeMounts", volumeMounts(sparkConfigMap.isPresent()));
  }

  /**
   * The spec of a pod with these containers: the configuration, the scratch volume, the Spark
   * settings when given, the service account and the placement.
   *
   * @param restartPolicy {@code Never} for Jobs (a new pod resumes the run), {@code Always} for the
   *     scheduler
   * @param scratch the size limit of the scratch volume
   */
  Map<String, Object> spec(
      List<Map<String, Object>> initContainers,
      List<Map<String, Object>> containers,
      String restartPolicy,
      String scratch,
      Placement placement,
      Optional<String> sparkConfigMap) {
    return Fields.of(
        "serviceAccountName",
        cluster.serviceAccount(),
        // only a Spark driver talks to the API server (it starts its executors)
        "automountServiceAccountToken",
        sparkConfigMap.isPresent(),
        "restartPolicy",
        restartPolicy,
        "securityContext",
        podSecurity(),
        "nodeSelector",
        placement.nodeSelector().isEmpty() ? null : placement.nodeSelector(),
        "tolerations",
        placement.tolerations().isEmpty() ? null : tolerations(placement),
        "initContainers",
        initContainers.isEmpty() ? null : initContainers,
        "containers",
        containers,
        "volumes",
        volumes(scratch, sparkConfigMap));
  }

  /**
   * A container of a Spark pod template: Spark sets its arguments and resources, and its image
   * again (written here too, so that the template is a valid pod by itself). Its root file system
   * stays writable: Spark's executors write beside their working directory.
   *
   * @param gpus whether it gets GPUs (and the GPU environment)
   * @param driver whether it is the driver (which reads the Spark settings)
   */
  Map<String, Object> sparkContainer(String name, boolean gpus, boolean driver) {
    Map<String, Object> security = containerSecurity();
    security.put("readOnlyRootFilesystem", false);
    return Fields.of(
        "name",
        name,
        "image",
        cluster.image(),
        "imagePullPolicy",
        cluster.imagePullPolicy(),
        // Spark starts executor pods with the argument "executor"; the image's own entry point is
        // nightscribe's command, so the executor's is given here
        "command",
        driver ? null : List.of(SparkObjects.EXECUTOR_ENTRY_POINT),
        "env",
        environment(gpus, driver),
        "securityContext",
        security,
        "volumeMounts",
        volumeMounts(driver));
  }

  /** The pod-level security context: the image's unprivileged user, the runtime's seccomp. */
  Map<String, Object> podSecurity() {
    return Fields.of(
        "runAsNonRoot", true,
        "runAsUser", USER_ID,
        "runAsGroup", USER_ID,
        "fsGroup", USER_ID,
        "seccompProfile", Fields.of("type", "RuntimeDefault"));
  }

  /** A read-only root file system: everything written goes to the scratch volume. */
  Map<String, Object> containerSecurity() {
    return Fields.of(
        "allowPrivilegeEscalation", false,
        "readOnlyRootFilesystem", true,
        "capabilities", Fields.of("drop", List.of("ALL")));
  }

  List<Map<String, Object>> tolerations(Placement placement) {
    return placement.tolerations().stream()
        .map(
            t ->
                Fields.of(
                    "key", t.key().isEmpty() ? null : t.key(),
                    "operator", t.operator(),
                    "value", t.value().isEmpty() ? null : t.value(),
                    "effect", t.effect().isEmpty() ? null : t.effect()))
        .toList();
  }

  private List<Map<String, Object>> environment(boolean gpus, boolean sparkDriver) {
    List<Map<String, Object>> env = new ArrayList<>();
    env.add(value("NIGHTSCRIBE_CONFIG", CONFIG_FOLDER + "/" + CONFIG_FILE));
    env.add(
        secret(
            "SPRING_DATASOURCE_PASSWORD",
            cluster.secrets().ledger(),
            Secrets.LEDGER_PASSWORD_KEY,
            false));
    env.add(
        secret(
            "NIGHTSCRIBE_MLFLOW_TOKEN",
            cluster.secrets().mlflow(),
            Secrets.MLFLOW_TOKEN_KEY,
            true));
    AwsAccess aws = cluster.aws();
    if (!aws.region().isEmpty()) {
      env.add(value("AWS_REGION", aws.region()));
    }
    if (!aws.endpointUrlS3().isEmpty()) {
      env.add(value("AWS_ENDPOINT_URL_S3", aws.endpointUrlS3()));
    }
    if (!aws.credentialsSecret().isEmpty()) {
      env.add(secret("AWS_ACCESS_KEY_ID", aws.credentialsSecret(), AwsAccess.ACCESS_KEY_ID, false));
      env.add(
          secret(
              "AWS_SECRET_ACCESS_KEY",
              aws.credentialsSecret(),
              AwsAccess.SECRET_ACCESS_KEY,
              false));
    }
    if (sparkDriver) {
      // Spark reads its settings from spark-defaults.conf there; executors reach the driver at
      // the pod's IP and are owned by the pod, so they go when it goes
      env.add(value("SPARK_CONF_DIR", SPARK_FOLDER));
      env.add(field("POD_IP", "status.podIP"));
      env.add(field("POD_NAME", "metadata.name"));
    }
    cluster.environment().forEach((name, value) -> env.add(value(name, value)));
    if (gpus) {
      cluster.gpuEnvironment().forEach((name, value) -> env.add(value(name, value)));
    }
    return env;
  }

  private Map<String, Object> resources(PodResources resources) {
    Map<String, Object> requests = Fields.of("cpu", resources.cpu(), "memory", resources.memory());
    Map<String, Object> limits =
        Fields.of("cpu", resources.cpuLimit(), "memory", resources.memoryLimit());
    if (resources.gpus() > 0) {
      // extended resources are not overcommitted: the limit is the request
      limits.put(GPU_RESOURCE, resources.gpus());
    }
    return Fields.of("requests", requests, "limits", limits);
  }

  private static List<Map<String, Object>> volumeMounts(boolean spark) {
    List<Map<String, Object>> mounts = new ArrayList<>();
    mounts.add(Fields.of("name", "config", "mountPath", CONFIG_FOLDER, "readOnly", true));
    mounts.add(Fields.of("name", "scratch", "mountPath", HOME, "subPath", "home"));
    mounts.add(Fields.of("name", "scratch", "mountPath", "/tmp", "subPath", "tmp"));
    if (spark) {
      mounts.add(Fields.of("name", "spark", "mountPath", SPARK_FOLDER, "readOnly", true));
    }
    return mounts;
  }

  private static List<Map<String, Object>> volumes(
      String scratch, Optional<String> sparkConfigMap) {
    List<Map<String, Object>> volumes = new ArrayList<>();
    volumes.add(Fields.of("name", "config", "configMap", Fields.of("name", CONFIG_MAP)));
    volumes.add(Fields.of("name", "scratch", "emptyDir", Fields.of("sizeLimit", scratch)));
    sparkConfigMap.ifPresent(
        name -> volumes.add(Fields.of("name", "spark", "configMap", Fields.of("name", name))));
    return volumes;
  }

  private static Map<String, Object> value(String name, String value) {
    return Fields.of("name", name, "value", value);
  }

  private static Map<String, Object> field(String name, String path) {
    return Fields.of(
        "name", name, "valueFrom", Fields.of("fieldRef", Fields.of("fieldPath", path)));
  }

  private static Map<String, Object> secret(
      String name, String secret, String key, boolean optional) {
    Map<String, Object> reference = new LinkedHashMap<>(Fields.of("name", secret, "key", key));
    if (optional) {
      reference.put("optional", true);
    }
    return Fields.of("name", name, "valueFrom", Fields.of("secretKeyRef", reference));
  }
}
