package io.nightscribe.batch.config;

import io.nightscribe.batch.kubernetes.JobLimits;
import io.nightscribe.batch.kubernetes.Placement;
import io.nightscribe.batch.kubernetes.PodResources;
import io.nightscribe.batch.kubernetes.Toleration;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How a pipeline's pods run on Kubernetes: {@code nightscribe.pipelines.<name>.kubernetes}, with
 * every pipeline's defaults under {@code nightscribe.kubernetes.pods}. Each key left out falls back
 * to the defaults, then to {@link #BUILT_IN}; a limit left out equals its request.
 *
 * @param cpu CPU request ("2", "500m")
 * @param cpuLimit CPU limit: the JVM sees this many cores, and runs one engine worker per core
 * @param memory memory request ("4Gi")
 * @param memoryLimit memory limit; the heap is 75% of it
 * @param gpus {@code nvidia.com/gpu} per pod (a Spark pipeline gives its GPUs to executors instead)
 * @param scratch size limit of the pod's scratch volume (unpacked models, native libraries, /tmp)
 * @param nodeSelector node labels the pods need (e.g. a GPU node pool's)
 * @param tolerations taints the pods tolerate; GPU pods tolerate {@code nvidia.com/gpu} when none
 *     are given
 * @param startingDeadline a CronJob start missed by more than this is skipped
 * @param activeDeadline a Job running longer is stopped (the run resumes when fired again)
 * @param backoffLimit pod failures retried (each retry resumes the run)
 * @param ttlAfterFinished finished Jobs and their logs are deleted after this
 * @param successfulJobsHistory succeeded Jobs a CronJob keeps
 * @param failedJobsHistory failed Jobs a CronJob keeps
 */
public record KubernetesPodProperties(
    String cpu,
    String cpuLimit,
    String memory,
    String memoryLimit,
    Integer gpus,
    String scratch,
    Map<String, String> nodeSelector,
    List<TolerationProperties> tolerations,
    Duration startingDeadline,
    Duration activeDeadline,
    Integer backoffLimit,
    Duration ttlAfterFinished,
    Integer successfulJobsHistory,
    Integer failedJobsHistory) {

  /** The defaults of every key: a CPU night of 2 cores and 4 GiB, within a day. */
  public static final KubernetesPodProperties BUILT_IN =
      new KubernetesPodProperties(
          "2",
          null,
          "4Gi",
          null,
          0,
          "20Gi",
          Map.of(),
          List.of(),
          Duration.ofHours(1),
          // ends a stuck night before the next one fires
          Duration.ofHours(20),
          3,
          Duration.ofDays(7),
          3,
          3);

  /** Nothing set: every key falls back. */
  public static final KubernetesPodProperties UNSET =
      new KubernetesPodProperties(
          null, null, null, null, null, null, null, null, null, null, null, null, null, null);

  /**
   * @param key the taint's key
   * @param operator Exists or Equal (default)
   * @param value the taint's value, for Equal
   * @param effect NoSchedule, PreferNoSchedule or NoExecute; empty for all
   */
  public record TolerationProperties(String key, String operator, String value, String effect) {
    Toleration toToleration() {
      return new Toleration(key, operator, value, effect);
    }
  }

  /** These settings over {@code defaults}, over the built-in ones. */
  KubernetesPodProperties over(KubernetesPodProperties defaults) {
    return mergedOver(defaults == null ? BUILT_IN : defaults.mergedOver(BUILT_IN));
  }

  private KubernetesPodProperties mergedOver(KubernetesPodProperties under) {
    return new KubernetesPodProperties(
        first(cpu, under.cpu),
        // a pipeline that sets its request and no limit gets the limit of its request
        first(cpuLimit, cpu, under.cpuLimit),
        first(memory, under.memory),
        first(memoryLimit, memory, under.memoryLimit),
        first(gpus, under.gpus),
        first(scratch, under.scratch),
        first(nodeSelector, under.nodeSelector),
        first(tolerations, under.tolerations),
        first(startingDeadline, under.startingDeadline),
        first(activeDeadline, under.activeDeadline),
        first(backoffLimit, under.backoffLimit),
        first(ttlAfterFinished, under.ttlAfterFinished),
        first(successfulJobsHistory, under.successfulJobsHistory),
        first(failedJobsHistory, under.failedJobsHistory));
  }

  /** The resources of settings made complete by {@link #over}. */
  PodResources resources() {
    return new PodResources(
        cpu, first(cpuLimit, cpu), memory, first(memoryLimit, memory), gpus, scratch);
  }

  /** The placement of settings made complete by {@link #over}. */
  Placement placement() {
    return new Placement(
        nodeSelector, tolerations.stream().map(TolerationProperties::toToleration).toList());
  }

  /** The Job limits of settings made complete by {@link #over}. */
  JobLimits jobs() {
    return new JobLimits(
        startingDeadline,
        activeDeadline,
        backoffLimit,
        ttlAfterFinished,
        successfulJobsHistory,
        failedJobsHistory);
  }

  @SafeVarargs
  private static <T> T first(T... values) {
    for (T value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
