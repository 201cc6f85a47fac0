package io.nightscribe.batch.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Spark pipeline's settings for Spark on Kubernetes, in a ConfigMap its driver pods mount and
 * point {@code SPARK_CONF_DIR} at: {@code spark-defaults.conf} (which spark-submit reads from
 * there) and the driver and executor pod templates it names.
 *
 * <p>The driver runs in client mode inside the pod that runs {@code nightscribe} (the CronJob's or
 * a Job's), so the run's exit code is the pod's; executors reach it at the pod's IP and are owned
 * by the pod. The driver template serves when {@code spark.submit.deployMode} is set to {@code
 * cluster} in the pipeline's Spark settings. GPUs go to executors only: the driver plans and
 * finishes the run.
 */
final class SparkObjects {
  /** Where the image keeps the script that tells Spark which GPUs an executor has. */
  static final String GPU_DISCOVERY_SCRIPT = "/opt/nightscribe/spark/discover-gpus.sh";

  /** Starts a Spark executor in nightscribe's image, as Spark's own image's entry point does. */
  static final String EXECUTOR_ENTRY_POINT = "/opt/nightscribe/spark/executor.sh";

  static final String DEFAULTS_FILE = "spark-defaults.conf";
  static final String DRIVER_TEMPLATE = "driver-pod-template.yaml";
  static final String EXECUTOR_TEMPLATE = "executor-pod-template.yaml";

  /** The API server as a pod inside the cluster reaches it. */
  private static final String IN_CLUSTER_MASTER = "k8s://https://kubernetes.default.svc";

  private static final String DRIVER_CONTAINER = "driver";
  private static final String EXECUTOR_CONTAINER = "executor";

  private final ClusterSettings cluster;
  private final Pods pods;

  SparkObjects(ClusterSettings cluster) {
    this.cluster = cluster;
    this.pods = new Pods(cluster);
  }

  /** The ConfigMap of a pipeline that runs on Spark. */
  Map<String, Object> configMap(PipelineWorkload pipeline) {
    SparkExecutors spark =
        pipeline
            .spark()
            .orElseThrow(
                () -> new IllegalArgumentException(pipeline.pipeline() + " is not on Spark"));
    String name = PipelineJobs.sparkConfigMap(pipeline).orElseThrow();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(DEFAULTS_FILE, defaults(spark));
    data.put(DRIVER_TEMPLATE, ManifestYaml.writeEmbedded(driverTemplate(pipeline)));
    data.put(EXECUTOR_TEMPLATE, ManifestYaml.writeEmbedded(executorTemplate(pipeline, spark)));
    return Fields.object(
        "v1",
        "ConfigMap",
        Fields.of(
            "name", name,
            "namespace", cluster.namespace(),
            "labels", KubernetesNames.labels("spark", pipeline.pipeline()),
            "annotations", Fields.of(KubernetesNames.PIPELINE_ANNOTATION, pipeline.pipeline())),
        "data",
        data);
  }

  /** The driver's pod template (cluster mode): the pipeline's own pod, as its Jobs have it. */
  Map<String, Object> driverTemplate(PipelineWorkload pipeline) {
    return template(
        pipeline,
        "spark-driver",
        pods.sparkContainer(DRIVER_CONTAINER, false, true),
        pipeline.placement(),
        PipelineJobs.sparkConfigMap(pipeline));
  }

  /** The executors' pod template: on GPU nodes for GPU executors. */
  Map<String, Object> executorTemplate(PipelineWorkload pipeline, SparkExecutors spark) {
    return template(
        pipeline,
        "spark-executor",
        pods.sparkContainer(EXECUTOR_CONTAINER, spark.resources().gpusPerExecutor() > 0, false),
        spark.placement(),
        Optional.empty());
  }

  private Map<String, Object> template(
      PipelineWorkload pipeline,
      String component,
      Map<String, Object> container,
      Placement placement,
      Optional<String> sparkConfigMap) {
    return Fields.object(
        "v1",
        "Pod",
        Fields.of("labels", KubernetesNames.labels(component, pipeline.pipeline())),
        "spec",
        pods.spec(
            List.of(),
            List.of(container),
            "Never",
            pipeline.resources().scratch(),
            placement,
            sparkConfigMap));
  }

  private String defaults(SparkExecutors spark) {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.master", IN_CLUSTER_MASTER);
    conf.put("spark.submit.deployMode", "client");
    // Spark resolves ${env:...} when it reads a setting; the pod's own IP and name come from the
    // downward API (Pods)
    conf.put("spark.driver.host", "${env:POD_IP}");
    conf.put("spark.driver.bindAddress", "0.0.0.0");
    conf.put("spark.kubernetes.driver.pod.name", "${env:POD_NAME}");
    conf.put("spark.kubernetes.namespace", cluster.namespace());
    conf.put("spark.kubernetes.container.image", cluster.image());
    conf.put("spark.kubernetes.container.image.pullPolicy", cluster.imagePullPolicy());
    conf.put("spark.kubernetes.authenticate.driver.serviceAccountName", cluster.serviceAccount());
    conf.put("spark.kubernetes.driver.podTemplateFile", Pods.SPARK_FOLDER + "/" + DRIVER_TEMPLATE);
    conf.put("spark.kubernetes.driver.podTemplateContainerName", DRIVER_CONTAINER);
    conf.put(
        "spark.kubernetes.executor.podTemplateFile", Pods.SPARK_FOLDER + "/" + EXECUTOR_TEMPLATE);
    conf.put("spark.kubernetes.executor.podTemplateContainerName", EXECUTOR_CONTAINER);
    Map<String, String> executors = spark.resources().executorSettings();
    // a standalone master's cap; Kubernetes sizes by instances
    executors.remove("spark.cores.max");
    conf.putAll(executors);
    if (spark.resources().gpusPerExecutor() > 0) {
      // Spark on Kubernetes asks for <vendor>/gpu on each executor pod
      conf.put("spark.executor.resource.gpu.vendor", "nvidia.com");
      conf.put("spark.executor.resource.gpu.discoveryScript", GPU_DISCOVERY_SCRIPT);
    }
    conf.putAll(spark.resources().conf());
    StringBuilder file = new StringBuilder();
    file.append("# Spark on Kubernetes for this pipeline, rendered by nightscribe k8s render\n");
    conf.forEach(
        (key, value) ->
            file.append(key).append(' ').append(value.replace("\\", "\\\\")).append('\n'));
    return file.toString();
  }
}
