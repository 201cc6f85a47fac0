package io.nightscribe.scheduling;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.runs.partition.CronSchedule;
import io.nightscribe.runs.partition.PipelineDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which fire times of a pipeline are due: every one after the pipeline's cursor up to now, in
 * order, but none older than the catch-up window. Pure logic; immutable and thread-safe.
 */
public final class DueNights {
  private final PipelineDefinition pipeline;
  private final CronTimes times;

  private DueNights(PipelineDefinition pipeline, CronTimes times) {
    this.pipeline = pipeline;
    this.times = times;
  }

  /**
   * The fire times of a scheduled pipeline.
   *
   * @throws NightscribeException CONFIGURATION naming the invalid field of the schedule
   * @throws IllegalArgumentException when the pipeline has no schedule
   */
  public static DueNights of(PipelineDefinition pipeline) {
    CronSchedule schedule =
        pipeline
            .schedule()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Pipeline " + pipeline.name() + " has no schedule"));
    try {
      return new DueNights(pipeline, CronTimes.of(schedule, pipeline.zone()));
    } catch (IllegalArgumentException e) {
      throw NightscribeException.configuration(
          "Invalid pipeline '"
              + pipeline.name()
              + "': "
              + e.getMessage()
              + " (fix nightscribe.pipelines."
              + pipeline.name()
              + ".schedule)",
          e);
    }
  }

  /**
   * What is due at {@code now}.
   *
   * @param after the cursor: fire times up to it were handled
   * @param window how far back missed fire times are still caught up
   */
  public Due at(Instant after, Instant now, Duration window) {
    Instant oldest = now.minus(window);
    List<NightSlot> due = new ArrayList<>();
    Optional<NightSlot> firstTooOld = Optional.empty();
    Optional<NightSlot> lastTooOld = Optional.empty();
    for (Optional<Instant> next = times.next(after);
        next.isPresent() && !next.get().isAfter(now);
        next = times.next(next.get())) {
      NightSlot slot = slot(next.get());
      if (next.get().isBefore(oldest)) {
        firstTooOld = firstTooOld.or(() -> Optional.of(slot));
        lastTooOld = Optional.of(slot);
      } else {
        due.add(slot);
      }
    }
    return new Due(due, firstTooOld, lastTooOld);
  }

  /** The next {@code count} fire times after {@code after}. */
  public List<NightSlot> upcoming(Instant after, int count) {
    List<NightSlot> slots = new ArrayList<>(count);
    Optional<Instant> next = times.next(after);
    while (next.isPresent() && slots.size() < count) {
      slots.add(slot(next.get()));
      next = times.next(next.get());
    }
    return slots;
  }

  /** The night a fire time covers. */
  public NightSlot slot(Instant fireTime) {
    return new NightSlot(fireTime, pipeline.yesterday(Clock.fixed(fireTime, pipeline.zone())));
  }

  /**
   * Fire times that are due, and those left out because they are older than the window.
   *
   * @param slots due, oldest first
   * @param firstOutsideWindow the first fire time too old to catch up, if any was missed
   * @param lastOutsideWindow the last fire time too old to catch up, if any was missed
   */
  public record Due(
      List<NightSlot> slots,
      Optional<NightSlot> firstOutsideWindow,
      Optional<NightSlot> lastOutsideWindow) {
    public Due {
      slots = List.copyOf(slots);
      Objects.requireNonNull(firstOutsideWindow, "firstOutsideWindow");
      Objects.requireNonNull(lastOutsideWindow, "lastOutsideWindow");
    }
  }
}
