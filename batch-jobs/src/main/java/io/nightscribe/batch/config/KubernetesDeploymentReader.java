package io.nightscribe.batch.config;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.batch.kubernetes.AwsAccess;
import io.nightscribe.batch.kubernetes.ClusterSettings;
import io.nightscribe.batch.kubernetes.KubernetesDeployment;
import io.nightscribe.batch.kubernetes.PipelineWorkload;
import io.nightscribe.batch.kubernetes.SchedulerService;
import io.nightscribe.batch.kubernetes.Secrets;
import io.nightscribe.batch.kubernetes.SparkExecutors;
import io.nightscribe.runs.partition.CronSchedule;
import io.nightscribe.runs.partition.PipelineDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.PathResource;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a configuration file into what {@code nightscribe k8s render} renders. It reads the file
 * alone, as the pods will (it becomes their ConfigMap): no environment variable of this machine
 * takes part, and placeholders stay as written, for the pods to resolve.
 *
 * <p>It refuses what would not work in a cluster, each with a one-line configuration error that
 * names the key: an invalid pipeline, a time zone that is an offset, the embedded H2 ledger (lost
 * with each pod), a password or token written into the file (it would be readable in a ConfigMap).
 */
public final class KubernetesDeploymentReader {
  private static final String PIPELINES = "nightscribe.pipelines";

  private KubernetesDeploymentReader() {}

  /**
   * Reads {@code file}.
   *
   * @throws NightscribeException of category CONFIGURATION, naming the key and the fix
   */
  public static KubernetesDeployment read(Path file) {
    String configuration = readText(file);
    Binder binder = binder(file);
    NightscribeProperties nightscribe =
        bind(file, () -> binder.bindOrCreate("nightscribe", NightscribeProperties.class));
    KubernetesProperties kubernetes =
        bind(file, () -> binder.bindOrCreate("nightscribe.kubernetes", KubernetesProperties.class));
    checkLedger(file, binder);
    checkNoSecret(
        file, "nightscribe.mlflow.token", nightscribe.mlflow().token(), "the MLflow Secret");
    if (nightscribe.pipelines().isEmpty()) {
      throw NightscribeException.configuration(
          "Cannot render manifests: "
              + file
              + " declares no pipelines (declare them under "
              + PIPELINES
              + ")");
    }
    ClusterSettings cluster = settings("nightscribe.kubernetes", () -> cluster(kubernetes));
    PipelineCatalog catalog = new PipelineCatalog(nightscribe);
    List<PipelineWorkload> pipelines = new ArrayList<>();
    nightscribe
        .pipelines()
        .forEach(
            (name, declared) ->
                pipelines.add(workload(catalog.pipeline(name), declared, kubernetes.pods())));
    return new KubernetesDeployment(cluster, pipelines, configuration);
  }

  private static ClusterSettings cluster(KubernetesProperties kubernetes) {
    KubernetesPodProperties schedulerPod = kubernetes.scheduler().pod().over(kubernetes.pods());
    var aws = kubernetes.aws();
    return new ClusterSettings(
        kubernetes.namespace(),
        kubernetes.image(),
        kubernetes.imagePullPolicy(),
        kubernetes.scheduling(),
        kubernetes.serviceAccount().name(),
        kubernetes.serviceAccount().annotations(),
        new AwsAccess(aws.roleArn(), aws.credentialsSecret(), aws.region(), aws.endpointUrlS3()),
        new Secrets(kubernetes.secrets().ledger(), kubernetes.secrets().mlflow()),
        kubernetes.environment(),
        kubernetes.gpuEnvironment(),
        new SchedulerService(
            kubernetes.scheduler().replicas(),
            kubernetes.scheduler().managementPort(),
            schedulerPod.resources(),
            schedulerPod.placement()));
  }

  private static PipelineWorkload workload(
      PipelineDefinition definition,
      PipelineProperties declared,
      KubernetesPodProperties defaults) {
    String key = PIPELINES + "." + definition.name();
    ZoneId zone = definition.zone();
    if (!ZoneId.getAvailableZoneIds().contains(zone.getId())) {
      throw NightscribeException.configuration(
          "Invalid "
              + key
              + ".time-zone '"
              + zone.getId()
              + "': Kubernetes takes time zone names such as Africa/Accra or UTC, not offsets (fix "
              + key
              + ".time-zone)");
    }
    KubernetesPodProperties pod =
        (declared.kubernetes() == null ? KubernetesPodProperties.UNSET : declared.kubernetes())
            .over(defaults);
    return settings(
        key + ".kubernetes",
        () ->
            new PipelineWorkload(
                definition.name(),
                definition.schedule().map(CronSchedule::expression),
                zone.getId(),
                pod.resources(),
                pod.placement(),
                pod.jobs(),
                declared.sparkOnKubernetes()
                    ? Optional.of(executors(declared.spark(), pod))
                    : Optional.empty()));
  }

  private static SparkExecutors executors(SparkProperties spark, KubernetesPodProperties pod) {
    return new SparkExecutors(spark.resources(), pod.placement());
  }

  private static void checkLedger(Path file, Binder binder) {
    String url = binder.bind("spring.datasource.url", String.class).orElse("");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw NightscribeException.configuration(
          "Cannot render manifests: the ledger of "
              + file
              + " is "
              + (url.isEmpty() ? "the embedded H2 file" : url)
              + ", which each pod would lose when it ends (set spring.datasource.url to a"
              + " PostgreSQL database, jdbc:postgresql://HOST:5432/nightscribe)");
    }
    checkNoSecret(
        file,
        "spring.datasource.password",
        binder.bind("spring.datasource.password", String.class).orElse(""),
        "the ledger Secret");
  }

  /** A secret written into the file would be readable by anyone who may read the ConfigMap. */
  private static void checkNoSecret(Path file, String key, String value, String where) {
    if (!value.isEmpty() && !(value.startsWith("${") && value.endsWith("}"))) {
      throw NightscribeException.configuration(
          "Cannot render manifests: "
              + file
              + " holds "
              + key
              + " itself, which would be readable in a ConfigMap (remove it: the pods read it from "
              + where
              + ", see nightscribe.kubernetes.secrets)");
    }
  }

  private static Binder binder(Path file) {
    try {
      List<PropertySource<?>> sources =
          new YamlPropertySourceLoader().load(file.toString(), new PathResource(file));
      sources.forEach(source -> checkKeys(file, source));
      return new Binder(ConfigurationPropertySources.from(sources));
    } catch (NightscribeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw NightscribeException.configuration(
          "Cannot read configuration " + file + ": " + yamlProblem(e) + " (fix the YAML)", e);
    }
  }

  /**
   * Spring drops a '/' from a map key that is not in brackets: "nvidia.com/gpu.present" would
   * silently become the node label "nvidia.comgpu.present".
   */
  private static void checkKeys(Path file, PropertySource<?> source) {
    if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
      return;
    }
    for (String name : enumerable.getPropertyNames()) {
      if (name.replaceAll("\\[[^]]*]", "").contains("/")) {
        throw NightscribeException.configuration(
            "Invalid configuration "
                + file
                + ": the key '"
                + name
                + "' has a '/', which Spring drops from keys (write such a key in quotes and"
                + " brackets, e.g. \"[nvidia.com/gpu.present]\": \"true\")");
      }
    }
  }

  private static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw NightscribeException.configuration(
          "Cannot read configuration " + file + ": " + e.getMessage() + " (fix --config)", e);
    }
  }

  private static <T> T bind(Path file, Supplier<T> binding) {
    try {
      return binding.get();
    } catch (BindException e) {
      throw NightscribeException.configuration(
          "Invalid configuration "
              + file
              + ": "
              + e.getName()
              + ": "
              + rootMessage(e)
              + " (fix "
              + e.getName()
              + ")",
          e);
    }
  }

  private static <T> T settings(String key, Supplier<T> settings) {
    try {
      return settings.get();
    } catch (IllegalArgumentException e) {
      throw NightscribeException.configuration(
          "Invalid " + key + ": " + e.getMessage() + " (fix " + key + ")", e);
    }
  }

  /** SnakeYAML's problem and where, on one line (its message draws the line with a caret). */
  private static String yamlProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
        return marked.getProblem()
            + " at line "
            + (marked.getProblemMark().getLine() + 1)
            + ", column "
            + (marked.getProblemMark().getColumn() + 1);
      }
    }
    return rootMessage(e);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
