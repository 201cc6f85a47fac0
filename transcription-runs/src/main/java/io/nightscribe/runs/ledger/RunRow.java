package io.nightscribe.runs.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A run as the ledger holds it.
 *
 * @param runId nightscribe's run id
 * @param jobInstanceId the Spring Batch job instance it belongs to (empty for runs not made by a
 *     job)
 * @param jobKind why the run was made
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
 * @param status where it stands
 * @param createdAt when the run was created
 * @param runRecord run.json, once written
 * @param mlflowRunId the mirrored MLflow run
 * @param mlflowState whether it is mirrored to MLflow
 * @param backfillId the backfill the run was made for, if any
 * @param partitionKey the identity of the partition it transcribes (empty for replays, and for runs
 *     recorded before partitions had keys)
 */
public record RunRow(
    String runId,
    Optional<Long> jobInstanceId,
    JobKind jobKind,
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
    RunStatus status,
    Instant createdAt,
    Optional<String> runRecord,
    Optional<String> mlflowRunId,
    MlflowSync mlflowState,
    Optional<String> backfillId,
    Optional<String> partitionKey) {}
