package io.nightscribe.batch.job;

import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.storage.StorageUri;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * A transcription job's parameters. The identifying ones make the job instance — pipeline, date,
 * input, resolved model version and digest, settings hash — so firing the same partition with the
 * same model and settings finds the same instance; the others tell the steps where things are.
 *
 * @param request what to transcribe
 * @param model the resolved, verified model package
 * @param configHash digest of the decoding settings
 * @param settingsJson the decoding settings as canonical JSON
 */
public record RunParameters(
    PartitionRequest request, ModelPackage model, String configHash, String settingsJson) {

  static final String PIPELINE = "pipeline";
  static final String DATE = "date";
  static final String INPUT = "input";
  static final String MODEL = "model";
  static final String MODEL_SHA256 = "modelSha256";
  static final String CONFIG_HASH = "configHash";
  static final String BACKFILL_ID = "backfillId";

  /** The Spring Batch parameters of this run. */
  public JobParameters toJobParameters() {
    // a night is identified by its pipeline, whose output is fixed; an ad-hoc run also by its
    // output
    boolean outputIdentifies = request.jobKind().equals(PartitionRequest.ADHOC);
    JobParametersBuilder parameters =
        new JobParametersBuilder()
            .addString(PIPELINE, request.pipeline())
            .addString(DATE, request.date().map(Object::toString).orElse(""))
            .addString(INPUT, request.input().toString())
            .addString(MODEL, model.name() + "/" + model.version())
            .addString(MODEL_SHA256, model.sha256())
            .addString(CONFIG_HASH, configHash)
            .addString("jobKind", request.jobKind(), false)
            .addString("transcripts", request.transcripts().toString(), false)
            .addString("outputRoot", request.outputRoot().toString(), outputIdentifies)
            .addString("modelReference", request.modelReference(), false)
            .addString("modelName", model.name(), false)
            .addString("modelVersion", model.version(), false)
            .addString("modelPath", model.directory().toString(), false)
            .addString("settings", settingsJson, false);
    // a rerun is a new instance of a completed partition: its backfill tells the two apart
    request.backfillId().ifPresent(id -> parameters.addString(BACKFILL_ID, id, request.rerun()));
    return parameters.toJobParameters();
  }

  /** What the steps need, read back from a job's parameters. */
  public record StepView(
      String jobKind,
      String pipeline,
      Optional<java.time.LocalDate> date,
      StorageUri input,
      StorageUri transcripts,
      StorageUri outputRoot,
      String modelReference,
      String modelName,
      String modelVersion,
      String modelSha256,
      Path modelPath,
      String configHash,
      String settingsJson,
      Optional<String> backfillId) {

    public static StepView of(JobParameters parameters) {
      String date = parameters.getString(DATE);
      return new StepView(
          parameters.getString("jobKind"),
          parameters.getString(PIPELINE),
          date == null || date.isEmpty()
              ? Optional.empty()
              : Optional.of(java.time.LocalDate.parse(date)),
          StorageUri.parse(parameters.getString(INPUT)),
          StorageUri.parse(parameters.getString("transcripts")),
          StorageUri.parse(parameters.getString("outputRoot")),
          parameters.getString("modelReference"),
          parameters.getString("modelName"),
          parameters.getString("modelVersion"),
          parameters.getString(MODEL_SHA256),
          Path.of(parameters.getString("modelPath")),
          parameters.getString(CONFIG_HASH),
          parameters.getString("settings"),
          Optional.ofNullable(parameters.getString(BACKFILL_ID)));
    }
  }
}
