package io.nightscribe.batch.job;

import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.storage.StorageUri;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One unit of transcription work: a pipeline's date, or an ad-hoc input.
 *
 * @param jobKind "nightly" or "adhoc"
 * @param pipeline the pipeline name ("adhoc" for ad-hoc runs)
 * @param date the logical date, for pipelines
 * @param input the input prefix or object
 * @param transcripts where transcripts go
 * @param outputRoot where {@code _runs/<run-id>/} goes
 * @param modelReference the model to use
 * @param decoding decoding settings
 */
public record PartitionRequest(
    String jobKind,
    String pipeline,
    Optional<LocalDate> date,
    StorageUri input,
    StorageUri transcripts,
    StorageUri outputRoot,
    String modelReference,
    DecodingSettings decoding) {
  /** The job kind, and the pipeline name, of runs started with --input and --output. */
  public static final String ADHOC = "adhoc";

  public PartitionRequest {
    Objects.requireNonNull(jobKind, "jobKind");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(transcripts, "transcripts");
    Objects.requireNonNull(outputRoot, "outputRoot");
    Objects.requireNonNull(modelReference, "modelReference");
    Objects.requireNonNull(decoding, "decoding");
  }

  /** An ad-hoc run: transcripts and run records both under {@code output}. */
  public static PartitionRequest adhoc(
      StorageUri input, StorageUri output, String modelReference, DecodingSettings decoding) {
    StorageUri root = output.asPrefix();
    return new PartitionRequest(
        ADHOC, ADHOC, Optional.empty(), input, root, root, modelReference, decoding);
  }

  /** How the partition is named to people: "twi 2026-11-21" or "adhoc s3://b/k/". */
  public String displayName() {
    return date.map(d -> pipeline + " " + d).orElse("adhoc " + input);
  }
}
