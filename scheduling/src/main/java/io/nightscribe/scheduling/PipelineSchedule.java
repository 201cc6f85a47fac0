package io.nightscribe.scheduling;

import io.nightscribe.runs.partition.CronSchedule;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A scheduled pipeline as {@code nightscribe schedule list} shows it.
 *
 * @param pipeline the pipeline
 * @param schedule its cron expression
 * @param zone the zone it is read in
 * @param entry what the ledger holds (pause, cursor), empty before the service or a pause saw it
 * @param upcoming the next fire times and the nights they cover
 * @param latest the latest night the scheduler fired
 */
public record PipelineSchedule(
    String pipeline,
    CronSchedule schedule,
    ZoneId zone,
    Optional<ScheduleEntry> entry,
    List<NightSlot> upcoming,
    Optional<NightRecord> latest) {
  public PipelineSchedule {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(entry, "entry");
    upcoming = List.copyOf(upcoming);
    Objects.requireNonNull(latest, "latest");
  }

  public boolean paused() {
    return entry.map(ScheduleEntry::paused).orElse(false);
  }
}
