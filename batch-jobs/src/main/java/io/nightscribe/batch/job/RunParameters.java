package io.nightscribe.batch.job;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.registry.models.ModelResolver;
import io.nightscribe.runs.ledger.JobKind;
import io.nightscribe.runs.partition.PartitionRequest;
import io.nightscribe.runs.partition.ResolvedPartition;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * A partition as a transcription job's parameters, and back. The identifying parameters are the
 * partition's identity ({@link ResolvedPartition#identity()}), so the job instance of a partition
 * is found again exactly when its run is; the others carry the rest of the request to the steps.
 */
public final class RunParameters {
  private static final String PARTITION_KEY = "partitionKey";
  private static final String JOB_KIND = "jobKind";
  private static final String PIPELINE = "pipeline";
  private static final String DATE = "date";
  private static final String INPUT = "input";
  private static final String TRANSCRIPTS = "transcripts";
  private static final String OUTPUT_ROOT = "outputRoot";
  private static final String MODEL_REFERENCE = "modelReference";
  private static final String MODEL_SHA256 = "modelSha256";
  private static final String SETTINGS = "settings";
  private static final String BACKFILL_ID = "backfillId";
  private static final String RERUN = "rerun";

  private RunParameters() {}

  /** The parameters of the job that runs {@code partition}. */
  public static JobParameters of(ResolvedPartition partition) {
    PartitionRequest request = partition.request();
    JobParametersBuilder parameters =
        new JobParametersBuilder()
            .addString(PARTITION_KEY, partition.key(), false)
            .addString(JOB_KIND, request.jobKind().value(), false)
            .addString(TRANSCRIPTS, request.transcripts().toString(), false)
            .addString(OUTPUT_ROOT, request.outputRoot().toString(), false)
            .addString(MODEL_REFERENCE, request.modelReference(), false)
            .addString(SETTINGS, partition.settingsJson(), false)
            .addString(RERUN, Boolean.toString(request.rerun()), false);
    request.backfillId().ifPresent(id -> parameters.addString(BACKFILL_ID, id, false));
    // added last: where an identifying value shares a name with one above, it stays identifying
    partition.identity().forEach(parameters::addString);
    return parameters.toJobParameters();
  }

  /**
   * The partition a job's parameters describe, its model resolved again (the process resolved it
   * moments before, when it launched the job: the resolver has it).
   *
   * @throws NightscribeException CONFIGURATION when the model now resolves to other bytes
   */
  public static ResolvedPartition partition(
      JobParameters parameters, ModelResolver models, JsonMapper json) {
    String date = parameters.getString(DATE);
    PartitionRequest request =
        new PartitionRequest(
            JobKind.of(parameters.getString(JOB_KIND)),
            parameters.getString(PIPELINE),
            date == null || date.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(date)),
            StorageUri.parse(parameters.getString(INPUT)),
            StorageUri.parse(parameters.getString(TRANSCRIPTS)),
            StorageUri.parse(parameters.getString(OUTPUT_ROOT)),
            parameters.getString(MODEL_REFERENCE),
            json.readValue(parameters.getString(SETTINGS), DecodingSettings.class),
            Optional.ofNullable(parameters.getString(BACKFILL_ID)),
            Boolean.parseBoolean(parameters.getString(RERUN)));
    ModelPackage model = models.resolve(request.modelReference());
    if (!model.sha256().equals(parameters.getString(MODEL_SHA256))) {
      throw NightscribeException.configuration(
          "Cannot run "
              + request.displayName()
              + ": model "
              + request.modelReference()
              + " changed while the job started (sha256 "
              + model.sha256()
              + "); fire the partition again");
    }
    ResolvedPartition partition = ResolvedPartition.of(request, model);
    if (!partition.key().equals(parameters.getString(PARTITION_KEY))) {
      throw new IllegalStateException(
          "Job parameters of " + request.displayName() + " do not give back their partition");
    }
    return partition;
  }
}
