-- The run ledger: one row per run, one per input of a run, and the MLflow outbox.
-- Written for PostgreSQL and H2 alike.

CREATE TABLE ns_run (
    run_id            VARCHAR(64)   NOT NULL PRIMARY KEY,
    job_instance_id   BIGINT,
    job_kind          VARCHAR(32)   NOT NULL,
    pipeline          VARCHAR(200)  NOT NULL,
    partition_date    DATE,
    input_uri         VARCHAR(2000) NOT NULL,
    output_uri        VARCHAR(2000) NOT NULL,
    model_reference   VARCHAR(2000) NOT NULL,
    model_name        VARCHAR(500)  NOT NULL,
    model_version     VARCHAR(200)  NOT NULL,
    model_sha256      VARCHAR(64)   NOT NULL,
    config_hash       VARCHAR(64)   NOT NULL,
    settings_json     TEXT          NOT NULL,
    status            VARCHAR(32)   NOT NULL,
    created_at        TIMESTAMP     NOT NULL,
    heartbeat_at      TIMESTAMP     NOT NULL,
    owner             VARCHAR(300),
    finished_at       TIMESTAMP,
    run_record        TEXT,
    mlflow_run_id     VARCHAR(64),
    mlflow_state      VARCHAR(16)   NOT NULL
);

CREATE UNIQUE INDEX ns_run_job_instance ON ns_run (job_instance_id);
CREATE INDEX ns_run_partition ON ns_run (pipeline, partition_date);

CREATE TABLE ns_run_input (
    run_id          VARCHAR(64)   NOT NULL,
    object_key      VARCHAR(1024) NOT NULL,
    size_bytes      BIGINT        NOT NULL,
    etag            VARCHAR(200)  NOT NULL,
    version_id      VARCHAR(1024),
    status          VARCHAR(16)   NOT NULL,
    sha256          VARCHAR(64),
    probe_json      TEXT,
    audio_millis    BIGINT,
    output_key      VARCHAR(1100),
    output_sha256   VARCHAR(64),
    error_reason    VARCHAR(2000),
    error_stage     VARCHAR(16),
    updated_at      TIMESTAMP     NOT NULL,
    PRIMARY KEY (run_id, object_key),
    CONSTRAINT ns_run_input_run FOREIGN KEY (run_id) REFERENCES ns_run (run_id)
);

CREATE INDEX ns_run_input_status ON ns_run_input (run_id, status);

CREATE TABLE ns_mlflow_outbox (
    run_id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    publication     TEXT          NOT NULL,
    attempts        INTEGER       NOT NULL,
    last_error      VARCHAR(2000),
    enqueued_at     TIMESTAMP     NOT NULL,
    published_at    TIMESTAMP,
    mlflow_run_id   VARCHAR(64),
    CONSTRAINT ns_mlflow_outbox_run FOREIGN KEY (run_id) REFERENCES ns_run (run_id)
);
