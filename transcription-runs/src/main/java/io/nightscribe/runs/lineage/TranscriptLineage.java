package io.nightscribe.runs.lineage;

import java.util.List;

/**
 * Where a transcript comes from: the runs that wrote exactly its bytes, its source, and the model
 * behind it back to its training run and dataset, where those are known.
 *
 * @param transcript the transcript's URI
 * @param sha256 its digest
 * @param runs every run that wrote these bytes to this URI, oldest first (a rerun writes the same
 *     bytes again)
 * @param source the audio it transcribes
 * @param model the model that made it
 * @param configHash digest of the decoding settings
 */
public record TranscriptLineage(
    String transcript,
    String sha256,
    List<Run> runs,
    Source source,
    Model model,
    String configHash) {
  public TranscriptLineage {
    runs = List.copyOf(runs);
  }

  /**
   * @param runId nightscribe's run id
   * @param jobKind nightly, adhoc or backfill
   * @param pipeline its pipeline
   * @param date its partition date, or null
   * @param status how it ended
   * @param runRecord where its run.json is
   * @param mlflowRunId its MLflow run, or null
   * @param backfillId the backfill it ran for, or null
   */
  public record Run(
      String runId,
      String jobKind,
      String pipeline,
      String date,
      String status,
      String runRecord,
      String mlflowRunId,
      String backfillId) {}

  /**
   * @param uri the audio object
   * @param versionId the version read, or null on an unversioned bucket
   * @param sha256 the digest of the bytes read
   */
  public record Source(String uri, String versionId, String sha256) {}

  /**
   * @param name model name
   * @param version model version
   * @param sha256 model package digest
   * @param reference the reference the run resolved
   * @param origin who made the model, as far as nightscribe knows
   * @param trainingRun the training run behind it, or null when not trained by nightscribe
   * @param datasetDigest the digest of its training dataset, or null when not trained by
   *     nightscribe
   */
  public record Model(
      String name,
      String version,
      String sha256,
      String reference,
      String origin,
      String trainingRun,
      String datasetDigest) {}
}
