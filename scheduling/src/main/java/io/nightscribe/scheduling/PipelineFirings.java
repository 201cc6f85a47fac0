package io.nightscribe.scheduling;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.registry.models.ModelResolver;
import io.nightscribe.runs.backfill.BackfillPlanner;
import io.nightscribe.runs.backfill.PlannedPartition;
import io.nightscribe.runs.backfill.Reprocess;
import io.nightscribe.runs.execution.KeepAlive;
import io.nightscribe.runs.partition.PartitionResult;
import io.nightscribe.runs.partition.PartitionRunner;
import io.nightscribe.runs.partition.PipelineDefinition;
import io.nightscribe.runs.partition.Pipelines;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires a scheduled pipeline: every fire time after its cursor up to now (none older than the
 * catch-up window) runs its night, oldest first, the cursor moving past each one that ended. More
 * than one fire time due means the service was down (or the pipeline busy): those nights are
 * planned by the backfill planner first, and run once each, in order, before the newest.
 *
 * <p>Exactly once: a night runs only for the firing that records it first ({@code
 * ns_schedule_night}, keyed by pipeline and date); any later firing of the same night — a second
 * instance, Quartz recovering a job after a crash, a fire time of the same date — is a no-op
 * recorded as such, except that a night left RUNNING by a dead instance is taken over (one taker
 * wins) and resumed where its run stopped. Thread-safe; callers fire one pipeline at a time.
 */
public final class PipelineFirings {
  private static final Logger log = LoggerFactory.getLogger(PipelineFirings.class);

  private final Pipelines pipelines;
  private final PartitionRunners runners;
  private final ModelResolver models;
  private final ScheduleLedger schedules;
  private final NightLedger nights;
  private final KeepAlive keepAlive;
  private final Settings settings;
  private final Clock scheduleClock;
  private final Clock wall;

  /**
   * How the scheduler fires.
   *
   * @param catchUpWindow fire times older than this (schedule time) are not caught up: a backfill
   *     runs them
   * @param nightStaleAfter a night whose instance is silent this long (wall clock) is taken for
   *     dead: longer than a run's own stale limit, so the run is stale too when the night is taken
   *     over
   */
  public record Settings(Duration catchUpWindow, Duration nightStaleAfter) {
    public Settings {
      Objects.requireNonNull(catchUpWindow, "catchUpWindow");
      Objects.requireNonNull(nightStaleAfter, "nightStaleAfter");
      if (catchUpWindow.isNegative()) {
        throw new IllegalArgumentException(
            "Invalid catch-up window " + catchUpWindow + ": give 0 or more");
      }
    }
  }

  public PipelineFirings(
      Pipelines pipelines,
      PartitionRunners runners,
      ModelResolver models,
      ScheduleLedger schedules,
      NightLedger nights,
      KeepAlive keepAlive,
      Settings settings,
      Clock scheduleClock,
      Clock wall) {
    this.pipelines = pipelines;
    this.runners = runners;
    this.models = models;
    this.schedules = schedules;
    this.nights = nights;
    this.keepAlive = keepAlive;
    this.settings = settings;
    this.scheduleClock = scheduleClock;
    this.wall = wall;
  }

  /**
   * Fires whatever of the pipeline is due now, and returns what each firing did (nothing when
   * nothing is due, the pipeline is paused or has no schedule).
   *
   * @throws NightscribeException CONFIGURATION for an unknown or invalid pipeline
   */
  public List<Firing> fire(String name) {
    PipelineDefinition pipeline = pipelines.pipeline(name);
    if (pipeline.schedule().isEmpty()) {
      return List.of();
    }
    DueNights schedule = DueNights.of(pipeline);
    ScheduleEntry entry = schedules.register(name);
    if (entry.paused()) {
      log.debug("{} is paused: nothing fires", name);
      return List.of();
    }
    DueNights.Due due =
        schedule.at(entry.cursor(), scheduleClock.instant(), settings.catchUpWindow());
    due.lastOutsideWindow().ifPresent(last -> leaveOutsideWindow(name, due, last));
    Map<LocalDate, String> why = due.slots().size() > 1 ? catchUpPlan(pipeline, due) : Map.of();
    List<Firing> firings = new ArrayList<>();
    for (int i = 0; i < due.slots().size(); i++) {
      NightSlot slot = due.slots().get(i);
      FiredAs firedAs = i < due.slots().size() - 1 ? FiredAs.CATCH_UP : FiredAs.SCHEDULE;
      Firing firing = fireNight(pipeline, slot, firedAs, Optional.ofNullable(why.get(slot.date())));
      firings.add(firing);
      if (firing.outcome() == FiringOutcome.RUNNING_ELSEWHERE) {
        // nights run in order: the later ones wait until that one ends
        break;
      }
      schedules.advance(name, slot.scheduledFor());
    }
    return firings;
  }

  private void leaveOutsideWindow(String name, DueNights.Due due, NightSlot last) {
    LocalDate first = due.firstOutsideWindow().orElseThrow().date();
    log.warn(
        "{}: the nights {} to {} were missed and are older than the catch-up window ({}): they do not"
            + " run; run them with: nightscribe backfill --pipeline {} --from {} --to {}",
        name,
        first,
        last.date(),
        settings.catchUpWindow(),
        name,
        first,
        last.date());
    schedules.advance(name, last.scheduledFor());
  }

  /** Plans missed nights as a backfill would, and logs the plan: why each runs, resumes or not. */
  private Map<LocalDate, String> catchUpPlan(PipelineDefinition pipeline, DueNights.Due due) {
    PartitionRunner runner = runners.forPipeline(pipeline);
    List<LocalDate> dates = due.slots().stream().map(NightSlot::date).distinct().toList();
    List<PlannedPartition> plan;
    try {
      plan =
          new BackfillPlanner(Reprocess.NONE, Optional.empty())
              .plan(dates, Map.of(), date -> runner.state(pipeline.partition(date)));
    } catch (NightscribeException e) {
      // the model cannot be resolved: each night fails with the reason when it runs
      log.warn("Cannot plan the catch-up of {}: {}", pipeline.name(), e.getMessage());
      return Map.of();
    }
    Map<LocalDate, String> why = new HashMap<>();
    log.info("{}: {} fire times due, caught up in order:", pipeline.name(), due.slots().size());
    for (PlannedPartition night : plan) {
      log.info("  {} {}: {}", night.date(), night.action().label(), night.why());
      why.put(night.date(), "caught up (" + night.action().label() + ": " + night.why() + ")");
    }
    return why;
  }

  private Firing fireNight(
      PipelineDefinition pipeline, NightSlot slot, FiredAs firedAs, Optional<String> why) {
    String name = pipeline.name();
    if (nights.claim(name, slot, firedAs)) {
      return run(pipeline, slot, firedAs, FiringOutcome.RAN, why);
    }
    NightRecord night = nights.find(name, slot.date()).orElseThrow();
    if (night.status().ended()) {
      return noOp(
          pipeline,
          slot,
          firedAs,
          FiringOutcome.ALREADY_DONE,
          night.runId(),
          "night "
              + slot.date()
              + " already ended "
              + night.status()
              + night.runId().map(run -> " (run " + run + ")").orElse(""));
    }
    if (!night.heartbeat().abandoned(wall.instant(), settings.nightStaleAfter())) {
      return noOp(
          pipeline,
          slot,
          firedAs,
          FiringOutcome.RUNNING_ELSEWHERE,
          night.runId(),
          "night " + slot.date() + " is running in " + night.heartbeat().ownerText());
    }
    if (!nights.takeOver(name, slot.date(), night.heartbeat())) {
      return noOp(
          pipeline,
          slot,
          firedAs,
          FiringOutcome.RUNNING_ELSEWHERE,
          night.runId(),
          "night " + slot.date() + " was taken over by another instance first");
    }
    log.info(
        "Resuming {} {}: {} running it is gone", name, slot.date(), night.heartbeat().ownerText());
    return run(
        pipeline,
        slot,
        night.firedAs(),
        FiringOutcome.RESUMED,
        Optional.of("taken over from " + night.heartbeat().ownerText()));
  }

  private Firing noOp(
      PipelineDefinition pipeline,
      NightSlot slot,
      FiredAs firedAs,
      FiringOutcome outcome,
      Optional<String> runId,
      String message) {
    log.info("{} {}: nothing to do: {}", pipeline.name(), slot.date(), message);
    nights.recordFiring(pipeline.name(), slot, outcome, Optional.of(message));
    return new Firing(pipeline.name(), slot, firedAs, outcome, runId, Optional.of(message));
  }

  private Firing run(
      PipelineDefinition pipeline,
      NightSlot slot,
      FiredAs firedAs,
      FiringOutcome ran,
      Optional<String> why) {
    String name = pipeline.name();
    LocalDate date = slot.date();
    log.info("Firing {} {} ({}, scheduled for {})", name, date, firedAs, slot.scheduledFor());
    try (KeepAlive.Handle alive = keepAlive.hold(() -> nights.heartbeat(name, date))) {
      // a long-running service resolves the model at every night: an alias may have moved
      models.resolveAgain(pipeline.modelReference());
      PartitionResult result = runners.forPipeline(pipeline).run(pipeline.partition(date));
      String runId = result.run().runId();
      Optional<String> message =
          result.alreadyDone() ? Optional.of("already completed by run " + runId) : why;
      nights.finish(name, date, NightStatus.of(result.run().status()), Optional.of(runId), message);
      FiringOutcome outcome = result.alreadyDone() ? FiringOutcome.ALREADY_DONE : ran;
      nights.recordFiring(name, slot, outcome, message);
      log.info("{} {}: {} (run {})", name, date, result.run().status(), runId);
      return new Firing(name, slot, firedAs, outcome, Optional.of(runId), message);
    } catch (NightscribeException e) {
      String message = e.getMessage();
      log.warn("{} {} failed: {}", name, date, message);
      nights.finish(name, date, NightStatus.FAILED, Optional.empty(), Optional.of(message));
      nights.recordFiring(name, slot, FiringOutcome.FAILED, Optional.of(message));
      return new Firing(
          name, slot, firedAs, FiringOutcome.FAILED, Optional.empty(), Optional.of(message));
    }
  }
}
