package io.nightscribe.runs.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code nightscribe report} shows: a pipeline's nights over a date range, and one of them up
 * close.
 *
 * @param pipeline the pipeline
 * @param from the first date of the range
 * @param to the last date of the range
 * @param nights one summary per date that has a run, oldest first
 * @param detail the night seen up close (the latest, unless another was asked for), empty when the
 *     range has no night
 */
public record NightReport(
    String pipeline,
    LocalDate from,
    LocalDate to,
    List<NightSummary> nights,
    Optional<NightDetail> detail) {
  public NightReport {
    Objects.requireNonNull(pipeline, "pipeline");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(
          "Invalid report range: --to " + to + " is before --from " + from);
    }
    nights = List.copyOf(nights);
  }
}
