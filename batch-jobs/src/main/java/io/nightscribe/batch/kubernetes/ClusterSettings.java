package io.nightscribe.batch.kubernetes;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What every pod shares, and where they go.
 *
 * @param namespace the namespace of every object
 * @param image the nightscribe image (the same for every pipeline and model: models are resolved at
 *     run time from their references)
 * @param imagePullPolicy {@code IfNotPresent}, {@code Always} or {@code Never}
 * @param scheduling CronJobs or the scheduler service
 * @param serviceAccount the ServiceAccount of every pod
 * @param serviceAccountAnnotations annotations for the cloud's workload identity (the web identity
 *     role of {@code aws} is added to them)
 * @param aws how pods reach S3
 * @param secrets where credentials come from
 * @param environment variables set in every nightscribe container
 * @param gpuEnvironment variables set in containers with GPUs as well (e.g. {@code
 *     PYTORCH_LIBRARY_PATH} and {@code PYTORCH_FLAVOR} for a CUDA libtorch)
 * @param scheduler the scheduler service's Deployment
 */
public record ClusterSettings(
    String namespace,
    String image,
    String imagePullPolicy,
    Scheduling scheduling,
    String serviceAccount,
    Map<String, String> serviceAccountAnnotations,
    AwsAccess aws,
    Secrets secrets,
    Map<String, String> environment,
    Map<String, String> gpuEnvironment,
    SchedulerService scheduler) {
  /** What the pods' environment gets from other settings. */
  static final Set<String> SET_BY_NIGHTSCRIBE =
      Set.of(
          "NIGHTSCRIBE_CONFIG",
          "SPRING_DATASOURCE_PASSWORD",
          "NIGHTSCRIBE_MLFLOW_TOKEN",
          "AWS_REGION",
          "AWS_ENDPOINT_URL_S3",
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "SPARK_CONF_DIR",
          "POD_IP",
          "POD_NAME",
          "MANAGEMENT_SERVER_PORT");

  private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

  public ClusterSettings {
    KubernetesNames.checkLabel("namespace", namespace);
    if (image == null || image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "image '"
              + image
              + "' is not an image reference (e.g. registry.example.com/nightscribe:0.1.0)");
    }
    if (!Set.of("IfNotPresent", "Always", "Never").contains(imagePullPolicy)) {
      throw new IllegalArgumentException(
          "image pull policy '" + imagePullPolicy + "' is none of IfNotPresent, Always, Never");
    }
    Objects.requireNonNull(scheduling, "scheduling");
    KubernetesNames.checkName("the service account", serviceAccount);
    serviceAccountAnnotations = sorted(serviceAccountAnnotations);
    Objects.requireNonNull(aws, "aws");
    Objects.requireNonNull(secrets, "secrets");
    environment = checkedEnvironment("environment", environment);
    gpuEnvironment = checkedEnvironment("gpu-environment", gpuEnvironment);
    Objects.requireNonNull(scheduler, "scheduler");
  }

  /** These settings with another image and namespace (the command line's choice). */
  public ClusterSettings placed(String otherImage, String otherNamespace) {
    return new ClusterSettings(
        otherNamespace,
        otherImage,
        imagePullPolicy,
        scheduling,
        serviceAccount,
        serviceAccountAnnotations,
        aws,
        secrets,
        environment,
        gpuEnvironment,
        scheduler);
  }

  private static Map<String, String> checkedEnvironment(
      String what, Map<String, String> variables) {
    for (String name : variables.keySet()) {
      if (!ENVIRONMENT_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            what + " variable '" + name + "' is not a valid environment variable name");
      }
      if (SET_BY_NIGHTSCRIBE.contains(name)) {
        throw new IllegalArgumentException(
            what
                + " variable "
                + name
                + " is set from other settings (the Secrets, aws, the Spark driver): drop it");
      }
    }
    return sorted(variables);
  }

  private static Map<String, String> sorted(Map<String, String> map) {
    return Collections.unmodifiableMap(new TreeMap<>(map));
  }
}
