package io.nightscribe.batch.kubernetes;

import io.nightscribe.asr.Sha256;
import io.nightscribe.monitoring.AlertRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Renders nightscribe's Kubernetes manifests from its pipelines: a kustomize tree of
 *
 * <pre>
 * base/                      ServiceAccount, the configuration's ConfigMap, Spark settings and rights
 * components/cronjobs/       a CronJob per scheduled pipeline       (scheduling: cronjobs)
 * components/scheduler/      the scheduler service's Deployment, Service, disruption budget (scheduling: service)
 * components/prometheus-rules/  the alert rules as a PrometheusRule (an overlay opts in: the
 *                               Prometheus Operator's CRD must be in the cluster)
 * jobs/                      per pipeline, the templates of a backfill and a replay Job
 * overlays/dev|prod/         the base with the scheduling component, adjusted
 * </pre>
 *
 * Pure: the same deployment gives the same bytes. Thread-safe.
 */
public final class KubernetesRenderer {
  private final String alertRules;

  /** A renderer of the alert rules nightscribe ships (the monitoring module's rule file). */
  public KubernetesRenderer() {
    this(AlertRules.yaml());
  }

  /**
   * A renderer of other alert rules.
   *
   * @param alertRules a Prometheus rule file (YAML with {@code groups:})
   */
  KubernetesRenderer(String alertRules) {
    this.alertRules = Objects.requireNonNull(alertRules, "alertRules");
  }

  /**
   * Renders the tree with the given overlays.
   *
   * @throws IllegalArgumentException when two pipelines' names would map to one object name
   */
  public RenderedFiles render(KubernetesDeployment deployment, Set<Overlay> overlays) {
    checkDistinctNames(deployment.pipelines());
    ClusterSettings cluster = deployment.cluster();
    SortedMap<String, String> files = new TreeMap<>();
    base(deployment, files);
    if (cluster.scheduling() == Scheduling.CRONJOBS) {
      cronJobs(deployment, files);
    } else {
      scheduler(deployment, files);
    }
    prometheusRules(cluster, files);
    PipelineJobs jobs = new PipelineJobs(cluster);
    for (PipelineWorkload pipeline : deployment.pipelines()) {
      String part = KubernetesNames.pipelinePart(pipeline.pipeline());
      files.put(
          "jobs/backfill-" + part + ".yaml", ManifestYaml.write(jobs.backfillTemplate(pipeline)));
      files.put("jobs/replay-" + part + ".yaml", ManifestYaml.write(jobs.replayTemplate(pipeline)));
    }
    for (Overlay overlay : overlays) {
      files.put(
          Kustomizations.OVERLAYS + "/" + overlay.folder() + "/" + Kustomizations.FILE,
          Kustomizations.overlay(overlay, cluster.scheduling()));
    }
    return new RenderedFiles(files);
  }

  private static void base(KubernetesDeployment deployment, Map<String, String> files) {
    ClusterSettings cluster = deployment.cluster();
    AccessObjects access = new AccessObjects(cluster);
    Map<String, String> resources = new LinkedHashMap<>();
    resources.put("serviceaccount.yaml", ManifestYaml.write(access.serviceAccount()));
    resources.put(
        "configmap.yaml", ManifestYaml.write(access.configuration(deployment.configuration())));
    List<PipelineWorkload> onSpark =
        deployment.pipelines().stream().filter(p -> p.spark().isPresent()).toList();
    if (!onSpark.isEmpty()) {
      resources.put("spark-driver-rbac.yaml", documents(access.sparkDriverAccess()));
      SparkObjects spark = new SparkObjects(cluster);
      for (PipelineWorkload pipeline : onSpark) {
        resources.put(
            "spark-" + KubernetesNames.pipelinePart(pipeline.pipeline()) + ".yaml",
            ManifestYaml.write(spark.configMap(pipeline)));
      }
    }
    resources.forEach((file, content) -> files.put(Kustomizations.BASE + "/" + file, content));
    files.put(
        Kustomizations.BASE + "/" + Kustomizations.FILE,
        Kustomizations.base(new ArrayList<>(resources.keySet())));
  }

  private static void cronJobs(KubernetesDeployment deployment, Map<String, String> files) {
    PipelineJobs jobs = new PipelineJobs(deployment.cluster());
    List<String> resources = new ArrayList<>();
    for (PipelineWorkload pipeline : deployment.pipelines()) {
      if (pipeline.schedule().isPresent()) {
        String file = "cronjob-" + KubernetesNames.pipelinePart(pipeline.pipeline()) + ".yaml";
        resources.add(file);
        files.put(
            component(Scheduling.CRONJOBS.component(), file),
            ManifestYaml.write(jobs.cronJob(pipeline)));
      }
    }
    files.put(
        component(Scheduling.CRONJOBS.component(), Kustomizations.FILE),
        Kustomizations.component(resources));
  }

  private static void scheduler(KubernetesDeployment deployment, Map<String, String> files) {
    SchedulerObjects scheduler = new SchedulerObjects(deployment.cluster());
    String digest = Sha256.hex(deployment.configuration().getBytes(StandardCharsets.UTF_8));
    Map<String, String> resources = new LinkedHashMap<>();
    resources.put("deployment.yaml", ManifestYaml.write(scheduler.deployment(digest)));
    resources.put("service.yaml", ManifestYaml.write(scheduler.service()));
    resources.put("disruption-budget.yaml", ManifestYaml.write(scheduler.disruptionBudget()));
    resources.forEach(
        (file, content) -> files.put(component(Scheduling.SERVICE.component(), file), content));
    files.put(
        component(Scheduling.SERVICE.component(), Kustomizations.FILE),
        Kustomizations.component(new ArrayList<>(resources.keySet())));
  }

  private void prometheusRules(ClusterSettings cluster, Map<String, String> files) {
    files.put(
        component(AlertRuleObjects.COMPONENT, AlertRuleObjects.FILE),
        ManifestYaml.write(new AlertRuleObjects(cluster).prometheusRule(alertRules)));
    files.put(
        component(AlertRuleObjects.COMPONENT, Kustomizations.FILE),
        Kustomizations.component(List.of(AlertRuleObjects.FILE)));
  }

  private static String component(String component, String file) {
    return Kustomizations.COMPONENTS + "/" + component + "/" + file;
  }

  private static String documents(List<Map<String, Object>> objects) {
    return String.join("---\n", objects.stream().map(ManifestYaml::write).toList());
  }

  private static void checkDistinctNames(List<PipelineWorkload> pipelines) {
    Map<String, String> byPart = new HashMap<>();
    for (PipelineWorkload pipeline : pipelines) {
      String other =
          byPart.put(KubernetesNames.pipelinePart(pipeline.pipeline()), pipeline.pipeline());
      if (other != null) {
        throw new IllegalArgumentException(
            "pipelines '"
                + other
                + "' and '"
                + pipeline.pipeline()
                + "' would share the Kubernetes name "
                + KubernetesNames.pipelinePart(pipeline.pipeline())
                + ": rename one of them");
      }
    }
  }
}
