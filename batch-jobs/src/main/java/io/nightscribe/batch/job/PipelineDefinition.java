package io.nightscribe.batch.job;

import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.pipeline.DatedLocationTemplate;
import io.nightscribe.asr.storage.StorageUri;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A validated pipeline.
 *
 * @param name its name
 * @param input where a date's audio is
 * @param outputRoot where transcripts and run records go
 * @param modelReference which model transcribes it
 * @param zone the zone whose calendar defines "yesterday"
 * @param decoding how audio is cut and decoded
 */
public record PipelineDefinition(
    String name,
    DatedLocationTemplate input,
    StorageUri outputRoot,
    String modelReference,
    ZoneId zone,
    DecodingSettings decoding) {
  public PipelineDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(outputRoot, "outputRoot");
    Objects.requireNonNull(modelReference, "modelReference");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(decoding, "decoding");
  }

  /** Yesterday in the pipeline's zone: the nightly job's default date. */
  public LocalDate yesterday(Clock clock) {
    return LocalDate.now(clock.withZone(zone)).minusDays(1);
  }

  /** The partition of {@code date}. */
  public PartitionRequest partition(LocalDate date) {
    return new PartitionRequest(
        "nightly",
        name,
        java.util.Optional.of(date),
        input.resolve(date),
        outputRoot.resolve(name + "/date=" + date + "/"),
        outputRoot,
        modelReference,
        decoding,
        java.util.Optional.empty(),
        false);
  }
}
