package io.nightscribe.batch.kubernetes;

import io.nightscribe.runs.replay.ReplayVerdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A pipeline's Jobs: the CronJob that fires its nights, and the templates of a backfill and a
 * replay, each pod checking its dependencies first ({@code nightscribe health}).
 *
 * <p>Retries follow nightscribe's exit codes: 2 (a configuration error) fails the Job at once,
 * since a retry would fail the same way; 3 (finished, some inputs quarantined) is a finished night,
 * so the pod is replaced without counting as a failure, and the replacement finds the night
 * complete and ends with 0; 1 is retried up to the backoff limit, each retry resuming where the run
 * stopped; a pod evicted or preempted is replaced without counting.
 */
final class PipelineJobs {
  /** nightscribe's exit code for a usage or configuration error (NightscribeCommand.USAGE). */
  static final int CONFIGURATION_ERROR = 2;

  /** nightscribe's exit code for a run that quarantined inputs (NightscribeCommand.QUARANTINED). */
  static final int QUARANTINED = 3;

  private static final String HEALTH = "health";

  private static final Pattern MONTH_AND_DAY_NAMES =
      Pattern.compile(
          "(?i)JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|SUN|MON|TUE|WED|THU|FRI|SAT");

  /** What Quartz's cron takes and the CronJob controller's does not: last day, weekday, nth. */
  private static final Pattern QUARTZ_ONLY = Pattern.compile("[A-Za-z#]");

  private final Pods pods;
  private final String namespace;

  PipelineJobs(ClusterSettings cluster) {
    this.pods = new Pods(cluster);
    this.namespace = cluster.namespace();
  }

  /** The object name of a pipeline's CronJob. */
  static String cronJobName(PipelineWorkload pipeline) {
    return "nightscribe-" + KubernetesNames.pipelinePart(pipeline.pipeline());
  }

  /** The ConfigMap of a Spark pipeline's settings and pod templates. */
  static Optional<String> sparkConfigMap(PipelineWorkload pipeline) {
    return pipeline
        .spark()
        .map(spark -> "nightscribe-spark-" + KubernetesNames.pipelinePart(pipeline.pipeline()));
  }

  /** The CronJob of a scheduled pipeline: one night per firing, never two at once. */
  Map<String, Object> cronJob(PipelineWorkload pipeline) {
    String schedule =
        pipeline
            .schedule()
            .orElseThrow(
                () -> new IllegalArgumentException(pipeline.pipeline() + " has no schedule"));
    if (QUARTZ_ONLY.matcher(MONTH_AND_DAY_NAMES.matcher(schedule).replaceAll("")).find()) {
      throw new IllegalArgumentException(
          "the schedule '"
              + schedule
              + "' of pipeline "
              + pipeline.pipeline()
              + " uses L, W or #, which Kubernetes CronJobs do not take (fix nightscribe.pipelines."
              + pipeline.pipeline()
              + ".schedule, or set nightscribe.kubernetes.scheduling to service)");
    }
    JobLimits limits = pipeline.jobs();
    Map<String, Object> job =
        jobSpec(
            pipeline,
            "transcribe",
            List.of("transcribe", "--pipeline", pipeline.pipeline()),
            List.of(),
            true,
            List.of(CONFIGURATION_ERROR));
    return Fields.object(
        "batch/v1",
        "CronJob",
        metadata(cronJobName(pipeline), pipeline, "cronjob"),
        "spec",
        Fields.of(
            "schedule", schedule,
            "timeZone", pipeline.timeZone(),
            // a night still running when the next is due keeps going; the next waits for it,
            // within the starting deadline
            "concurrencyPolicy", "Forbid",
            "startingDeadlineSeconds", limits.startingDeadline().toSeconds(),
            "successfulJobsHistoryLimit", limits.successfulJobsHistory(),
            "failedJobsHistoryLimit", limits.failedJobsHistory(),
            "jobTemplate",
                Fields.of(
                    "metadata",
                    Fields.of("labels", KubernetesNames.labels("cronjob", pipeline.pipeline())),
                    "spec",
                    job)));
  }

  /**
   * A backfill of the pipeline, to create with {@code kubectl create} once FROM and TO are set. It
   * has no active deadline: a backfill may take many nights' time, and one killed resumes when
   * created again.
   */
  Map<String, Object> backfillTemplate(PipelineWorkload pipeline) {
    Map<String, Object> job =
        jobSpec(
            pipeline,
            "backfill",
            List.of(
                "backfill",
                "--pipeline",
                pipeline.pipeline(),
                "--from",
                "$(FROM)",
                "--to",
                "$(TO)",
                "--reprocess",
                "$(REPROCESS)"),
            List.of(
                Fields.of("name", "FROM", "value", ""),
                Fields.of("name", "TO", "value", ""),
                Fields.of("name", "REPROCESS", "value", "none")),
            true,
            List.of(CONFIGURATION_ERROR));
    job.remove("activeDeadlineSeconds");
    return template("backfill", pipeline, job);
  }

  /**
   * A replay of one of the pipeline's runs, on the pipeline's resources, to create once RUN_ID is
   * set. Its verdicts other than IDENTICAL end the Job: replaying again proves nothing new.
   */
  Map<String, Object> replayTemplate(PipelineWorkload pipeline) {
    List<Integer> finalCodes = new ArrayList<>(List.of(CONFIGURATION_ERROR));
    Arrays.stream(ReplayVerdict.values())
        .map(ReplayVerdict::exitCode)
        .filter(code -> code != 0)
        .distinct()
        .sorted()
        .forEach(finalCodes::add);
    Map<String, Object> job =
        jobSpec(
            pipeline,
            "replay",
            List.of("replay", "$(RUN_ID)"),
            List.of(Fields.of("name", "RUN_ID", "value", "")),
            false,
            finalCodes);
    return template("replay", pipeline, job);
  }

  private Map<String, Object> template(
      String kind, PipelineWorkload pipeline, Map<String, Object> job) {
    Map<String, Object> metadata = metadata(null, pipeline, kind);
    Map<String, Object> named = new LinkedHashMap<>();
    // generateName: every `kubectl create` makes a Job of its own
    named.put(
        "generateName",
        "nightscribe-" + kind + "-" + KubernetesNames.pipelinePart(pipeline.pipeline()) + "-");
    named.putAll(metadata);
    return Fields.object("batch/v1", "Job", named, "spec", job);
  }

  private Map<String, Object> jobSpec(
      PipelineWorkload pipeline,
      String container,
      List<String> args,
      List<Map<String, Object>> parameters,
      boolean quarantineIsDone,
      List<Integer> finalExitCodes) {
    Optional<String> spark = sparkConfigMap(pipeline);
    Map<String, Object> main =
        pods.container(container, args, parameters, pipeline.resources(), spark);
    Map<String, Object> health =
        pods.container(
            HEALTH,
            List.of("health", "--pipeline", pipeline.pipeline()),
            List.of(),
            pipeline.resources(),
            spark);
    JobLimits limits = pipeline.jobs();
    return Fields.of(
        "backoffLimit", limits.backoffLimit(),
        "activeDeadlineSeconds", limits.activeDeadline().toSeconds(),
        "ttlSecondsAfterFinished", limits.ttlAfterFinished().toSeconds(),
        "podFailurePolicy", failurePolicy(container, quarantineIsDone, finalExitCodes),
        "template",
            Fields.of(
                "metadata",
                    Fields.of("labels", KubernetesNames.labels(container, pipeline.pipeline())),
                "spec",
                    pods.spec(
                        List.of(health),
                        List.of(main),
                        "Never",
                        pipeline.resources().scratch(),
                        pipeline.placement(),
                        spark)));
  }

  private static Map<String, Object> failurePolicy(
      String container, boolean quarantineIsDone, List<Integer> finalExitCodes) {
    List<Map<String, Object>> rules = new ArrayList<>();
    rules.add(
        Fields.of(
            "action",
            "FailJob",
            "onExitCodes",
            Fields.of("operator", "In", "values", List.copyOf(finalExitCodes))));
    if (quarantineIsDone) {
      rules.add(
          Fields.of(
              "action",
              "Ignore",
              "onExitCodes",
              Fields.of(
                  "containerName", container, "operator", "In", "values", List.of(QUARANTINED))));
    }
    rules.add(
        Fields.of(
            "action",
            "Ignore",
            "onPodConditions",
            List.of(Fields.of("type", "DisruptionTarget", "status", "True"))));
    return Fields.of("rules", rules);
  }

  private Map<String, Object> metadata(String name, PipelineWorkload pipeline, String component) {
    return Fields.of(
        "name",
        name,
        "namespace",
        namespace,
        "labels",
        KubernetesNames.labels(component, pipeline.pipeline()),
        "annotations",
        Fields.of(KubernetesNames.PIPELINE_ANNOTATION, pipeline.pipeline()));
  }
}
