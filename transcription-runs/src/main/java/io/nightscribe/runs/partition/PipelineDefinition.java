package io.nightscribe.runs.partition;

import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.pipeline.DatedLocationTemplate;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.runs.layout.OutputLayout;
import io.nightscribe.runs.ledger.JobKind;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated pipeline.
 *
 * @param name its name
 * @param input where a date's audio is
 * @param outputRoot where transcripts and run records go
 * @param modelReference which model transcribes it
 * @param zone the zone whose calendar defines "yesterday", and in which its schedule fires
 * @param schedule when a scheduler fires it, if it is scheduled
 * @param decoding how audio is cut and decoded
 */
public record PipelineDefinition(
    String name,
    DatedLocationTemplate input,
    StorageUri outputRoot,
    String modelReference,
    ZoneId zone,
    Optional<CronSchedule> schedule,
    DecodingSettings decoding) {
  public PipelineDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(outputRoot, "outputRoot");
    Objects.requireNonNull(modelReference, "modelReference");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(decoding, "decoding");
  }

  /** Yesterday in the pipeline's zone: the nightly job's default date. */
  public LocalDate yesterday(Clock clock) {
    return LocalDate.now(clock.withZone(zone)).minusDays(1);
  }

  /** The partition of {@code date}. */
  public PartitionRequest partition(LocalDate date) {
    return new PartitionRequest(
        JobKind.NIGHTLY,
        name,
        Optional.of(date),
        input.resolve(date),
        new OutputLayout(outputRoot).nightTranscripts(name, date),
        outputRoot,
        modelReference,
        decoding,
        Optional.empty(),
        false);
  }
}
