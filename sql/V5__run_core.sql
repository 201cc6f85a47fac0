-- The run core: a run is found by its partition's key whichever front end made it (the command line's Spring Batch
-- job, the Spark driver, the scheduler), a run records what it ran on, and the states of runs, inputs, MLflow mirroring
-- and backfills are spelled here, once. Written for PostgreSQL and H2 alike.

-- sha256 of what identifies a partition: pipeline, date, input, model version and digest, settings digest (and the
-- output of an ad-hoc run, the backfill of a rerun). Empty for replays, and for runs recorded before this migration.
ALTER TABLE ns_run ADD COLUMN partition_key VARCHAR(64);
CREATE UNIQUE INDEX ns_run_partition_key ON ns_run (partition_key);

-- engine and native library versions, devices, runner: canonical JSON of what the transcription ran on
ALTER TABLE ns_run ADD COLUMN environment_json TEXT;

ALTER TABLE ns_run ADD CONSTRAINT ns_run_status_known CHECK (status IN (
    'RUNNING', 'COMPLETED', 'COMPLETED_WITH_QUARANTINE', 'FAILED',
    'IDENTICAL', 'VERIFIED', 'DIFFERENT', 'INPUT_CHANGED', 'MODEL_UNAVAILABLE'));
ALTER TABLE ns_run ADD CONSTRAINT ns_run_job_kind_known CHECK (job_kind IN ('nightly', 'adhoc', 'backfill', 'replay'));
ALTER TABLE ns_run ADD CONSTRAINT ns_run_mlflow_state_known CHECK (mlflow_state IN ('disabled', 'pending', 'synced'));
ALTER TABLE ns_run_input ADD CONSTRAINT ns_run_input_status_known CHECK (status IN ('PENDING', 'TRANSCRIBED', 'QUARANTINED'));
ALTER TABLE ns_backfill ADD CONSTRAINT ns_backfill_status_known CHECK (status IN ('REQUESTED', 'RUNNING', 'COMPLETED', 'FAILED'));
ALTER TABLE ns_backfill_partition ADD CONSTRAINT ns_backfill_partition_status_known CHECK (status IN (
    'PLANNED', 'RUNNING', 'COMPLETED', 'COMPLETED_WITH_QUARANTINE', 'SKIPPED', 'FAILED'));
ALTER TABLE ns_backfill_partition ADD CONSTRAINT ns_backfill_partition_action_known CHECK (action IN ('RUN', 'RESUME', 'RERUN', 'SKIP'));
