package io.nightscribe.batch.kubernetes;

import io.nightscribe.batch.spark.SparkResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Deployments for tests of the renderer: a cluster and pipelines with plain settings. */
public final class TestDeployments {
  public static final PodResources CPU_PODS = new PodResources("2", "2", "4Gi", "4Gi", 0, "20Gi");
  public static final JobLimits LIMITS =
      new JobLimits(Duration.ofHours(1), Duration.ofHours(20), 3, Duration.ofDays(7), 3, 3);
  public static final String CONFIGURATION =
      "nightscribe:\n  pipelines:\n    twi:\n      input: s3://raw/twi/{date:yyyy/MM/dd}/\n";

  private TestDeployments() {}

  public static ClusterSettings cluster(Scheduling scheduling) {
    return new ClusterSettings(
        "speech",
        "registry.example.com/nightscribe:0.1.0",
        "IfNotPresent",
        scheduling,
        "nightscribe",
        Map.of(),
        new AwsAccess("arn:aws:iam::123456789012:role/transcripts", "", "eu-west-1", ""),
        new Secrets("nightscribe-ledger", "nightscribe-mlflow"),
        Map.of(),
        Map.of("PYTORCH_FLAVOR", "cu126"),
        new SchedulerService(2, 8081, CPU_PODS, Placement.ANYWHERE));
  }

  /** A CPU pipeline fired at 02:30 in Accra. */
  public static PipelineWorkload scheduled(String name) {
    return new PipelineWorkload(
        name,
        Optional.of("30 2 * * *"),
        "Africa/Accra",
        CPU_PODS,
        Placement.ANYWHERE,
        LIMITS,
        Optional.empty());
  }

  /** A pipeline with one GPU per pod, on nodes labelled for GPUs. */
  public static PipelineWorkload onGpus(String name) {
    return new PipelineWorkload(
        name,
        Optional.of("0 3 * * *"),
        "Europe/London",
        new PodResources("4", "4", "16Gi", "16Gi", 1, "20Gi"),
        new Placement(Map.of("nvidia.com/gpu.present", "true"), List.of()),
        LIMITS,
        Optional.empty());
  }

  /** A pipeline on Spark with four executors of one GPU each. */
  public static PipelineWorkload onSpark(String name) {
    return new PipelineWorkload(
        name,
        Optional.of("15 1 * * *"),
        "UTC",
        CPU_PODS,
        Placement.ANYWHERE,
        LIMITS,
        Optional.of(
            new SparkExecutors(
                new SparkResources("", 4, 4, "8g", 1, 0.5, Map.of("spark.speculation", "true")),
                new Placement(Map.of("nvidia.com/gpu.present", "true"), List.of()))));
  }

  /** A pipeline nothing fires: backfills only. */
  public static PipelineWorkload unscheduled(String name) {
    return new PipelineWorkload(
        name, Optional.empty(), "UTC", CPU_PODS, Placement.ANYWHERE, LIMITS, Optional.empty());
  }

  /** {@code count} scheduled CPU pipelines named line-000, line-001, ... */
  public static List<PipelineWorkload> manyScheduled(int count) {
    List<PipelineWorkload> pipelines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      pipelines.add(scheduled(String.format("line-%03d", i)));
    }
    return pipelines;
  }

  public static KubernetesDeployment deployment(
      Scheduling scheduling, List<PipelineWorkload> pipelines) {
    return new KubernetesDeployment(cluster(scheduling), pipelines, CONFIGURATION);
  }
}
