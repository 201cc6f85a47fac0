package io.nightscribe.runs.partition;

import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.runs.ledger.JobKind;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One unit of transcription work: a pipeline's date, or an ad-hoc input.
 *
 * @param jobKind nightly, ad hoc, or for a backfill
 * @param pipeline the pipeline name ("adhoc" for ad-hoc runs)
 * @param date the logical date, for pipelines
 * @param input the input prefix or object
 * @param transcripts where transcripts go
 * @param outputRoot the root of the output layout ({@link io.nightscribe.runs.layout.OutputLayout})
 * @param modelReference the model to use
 * @param decoding decoding settings
 * @param backfillId the backfill this partition runs for, if any
 * @param rerun true to run a partition again although it completed with this model and these
 *     settings: the run becomes a new job instance, identified by its backfill
 */
public record PartitionRequest(
    JobKind jobKind,
    String pipeline,
    Optional<LocalDate> date,
    StorageUri input,
    StorageUri transcripts,
    StorageUri outputRoot,
    String modelReference,
    DecodingSettings decoding,
    Optional<String> backfillId,
    boolean rerun) {
  /** The pipeline name of runs started with --input and --output. */
  public static final String ADHOC_PIPELINE = "adhoc";

  public PartitionRequest {
    Objects.requireNonNull(jobKind, "jobKind");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(transcripts, "transcripts");
    Objects.requireNonNull(outputRoot, "outputRoot");
    Objects.requireNonNull(modelReference, "modelReference");
    Objects.requireNonNull(decoding, "decoding");
    Objects.requireNonNull(backfillId, "backfillId");
    if (rerun && backfillId.isEmpty()) {
      throw new IllegalArgumentException(
          "A rerun of " + pipeline + " needs the backfill it runs for");
    }
  }

  /** An ad-hoc run: transcripts and run records both under {@code output}. */
  public static PartitionRequest adhoc(
      StorageUri input, StorageUri output, String modelReference, DecodingSettings decoding) {
    StorageUri root = output.asPrefix();
    return new PartitionRequest(
        JobKind.ADHOC,
        ADHOC_PIPELINE,
        Optional.empty(),
        input,
        root,
        root,
        modelReference,
        decoding,
        Optional.empty(),
        false);
  }

  /** The same partition transcribed with another model. */
  public PartitionRequest withModel(String reference) {
    return new PartitionRequest(
        jobKind,
        pipeline,
        date,
        input,
        transcripts,
        outputRoot,
        reference,
        decoding,
        backfillId,
        rerun);
  }

  /** The same partition run for a backfill, as a new job instance when {@code rerun}. */
  public PartitionRequest forBackfill(String id, boolean rerun) {
    return new PartitionRequest(
        JobKind.BACKFILL,
        pipeline,
        date,
        input,
        transcripts,
        outputRoot,
        modelReference,
        decoding,
        Optional.of(id),
        rerun);
  }

  /** How the partition is named to people: "twi 2026-11-21" or "adhoc s3://b/k/". */
  public String displayName() {
    return date.map(d -> pipeline + " " + d).orElse("adhoc " + input);
  }
}
