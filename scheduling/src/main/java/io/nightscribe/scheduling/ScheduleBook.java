package io.nightscribe.scheduling;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.runs.partition.PipelineDefinition;
import io.nightscribe.runs.partition.Pipelines;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The schedules as people see and steer them ({@code nightscribe schedule list|pause|resume}): next
 * fire times computed from each pipeline's cron and zone, and pauses kept in the ledger, where
 * every instance of the service reads them before each firing. Thread-safe.
 */
public final class ScheduleBook {
  private final Pipelines pipelines;
  private final ScheduleLedger schedules;
  private final NightLedger nights;
  private final Clock scheduleClock;

  public ScheduleBook(
      Pipelines pipelines, ScheduleLedger schedules, NightLedger nights, Clock scheduleClock) {
    this.pipelines = pipelines;
    this.schedules = schedules;
    this.nights = nights;
    this.scheduleClock = scheduleClock;
  }

  /** Every scheduled pipeline, by name, with its next {@code upcoming} fire times. */
  public List<PipelineSchedule> list(int upcoming) {
    return pipelines.names().stream()
        .map(pipelines::pipeline)
        .filter(pipeline -> pipeline.schedule().isPresent())
        .map(pipeline -> schedule(pipeline, upcoming))
        .toList();
  }

  /**
   * The pipeline's schedule with its next {@code upcoming} fire times.
   *
   * @throws NightscribeException CONFIGURATION for an unknown pipeline or one without a schedule
   */
  public PipelineSchedule show(String pipeline, int upcoming) {
    return schedule(scheduled(pipeline), upcoming);
  }

  /**
   * Pauses the pipeline on every instance: no night fires until it is resumed.
   *
   * @throws NightscribeException CONFIGURATION for an unknown pipeline or one without a schedule
   */
  public PipelineSchedule pause(String pipeline, String by, Optional<String> reason) {
    PipelineDefinition definition = scheduled(pipeline);
    schedules.pause(pipeline, by, reason);
    return schedule(definition, 1);
  }

  /**
   * Resumes the pipeline from now: fire times that passed while it was paused do not run.
   *
   * @throws NightscribeException CONFIGURATION for an unknown pipeline or one without a schedule
   */
  public PipelineSchedule resume(String pipeline, String by, Optional<String> reason) {
    PipelineDefinition definition = scheduled(pipeline);
    schedules.resume(pipeline, by, reason);
    return schedule(definition, 1);
  }

  private PipelineDefinition scheduled(String pipeline) {
    PipelineDefinition definition = pipelines.pipeline(pipeline);
    if (definition.schedule().isEmpty()) {
      throw NightscribeException.configuration(
          "Pipeline '"
              + pipeline
              + "' is not scheduled (set nightscribe.pipelines."
              + pipeline
              + ".schedule, e.g. \"30 2 * * *\")");
    }
    return definition;
  }

  private PipelineSchedule schedule(PipelineDefinition pipeline, int upcoming) {
    DueNights nightsOf = DueNights.of(pipeline);
    return new PipelineSchedule(
        pipeline.name(),
        pipeline.schedule().orElseThrow(),
        pipeline.zone(),
        schedules.find(pipeline.name()),
        nightsOf.upcoming(scheduleClock.instant(), upcoming),
        nights.latest(pipeline.name(), 1).stream().findFirst());
  }
}
