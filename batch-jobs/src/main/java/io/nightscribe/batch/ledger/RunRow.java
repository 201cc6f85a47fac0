package io.nightscribe.batch.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A run as the ledger holds it.
 *
 * @param runId nightscribe's run id
 * @param jobInstanceId the Spring Batch job instance it belongs to (empty for runs not made by a
 *     job)
 * @param jobKind "nightly", "adhoc", ...
 * @param pipeline pipeline name
 * @param partitionDate the logical date
 * @param inputUri input prefix
 * @param outputUri output root
 * @param modelReference the reference as configured
 * @param modelName resolved model name
 * @param modelVersion resolved model version
 * @param modelSha256 the model package digest
 * @param configHash digest of the decoding settings
 * @param settingsJson the decoding settings
 * @param status RUNNING, COMPLETED, COMPLETED_WITH_QUARANTINE or FAILED
 * @param createdAt when the run was created
 * @param runRecord run.json, once written
 * @param mlflowRunId the mirrored MLflow run
 * @param mlflowState "disabled", "pending" or "synced"
 * @param backfillId the backfill the run was made for, if any
 */
public record RunRow(
    String runId,
    Optional<Long> jobInstanceId,
    String jobKind,
    String pipeline,
    Optional<LocalDate> partitionDate,
    String inputUri,
    String outputUri,
    String modelReference,
    String modelName,
    String modelVersion,
    String modelSha256,
    String configHash,
    String settingsJson,
    String status,
    Instant createdAt,
    Optional<String> runRecord,
    Optional<String> mlflowRunId,
    String mlflowState,
    Optional<String> backfillId) {}
