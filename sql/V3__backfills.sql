-- Backfills: a request over a range of a pipeline's dates, its plan and each partition's outcome.
-- Runs made for a backfill carry its id. Written for PostgreSQL and H2 alike.

CREATE TABLE ns_backfill (
    backfill_id       VARCHAR(64)   NOT NULL PRIMARY KEY,
    pipeline          VARCHAR(200)  NOT NULL,
    from_date         DATE          NOT NULL,
    to_date           DATE          NOT NULL,
    reprocess         VARCHAR(16)   NOT NULL,
    max_parallel      INTEGER       NOT NULL,
    model_reference   VARCHAR(2000) NOT NULL,
    reason            VARCHAR(2000),
    requested_by      VARCHAR(200)  NOT NULL,
    requested_at      TIMESTAMP     NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    updated_at        TIMESTAMP     NOT NULL
);

CREATE TABLE ns_backfill_partition (
    backfill_id       VARCHAR(64)   NOT NULL,
    partition_date    DATE          NOT NULL,
    action            VARCHAR(16)   NOT NULL,
    status            VARCHAR(32)   NOT NULL,
    run_id            VARCHAR(64),
    message           VARCHAR(2000),
    updated_at        TIMESTAMP     NOT NULL,
    PRIMARY KEY (backfill_id, partition_date),
    CONSTRAINT ns_backfill_partition_backfill FOREIGN KEY (backfill_id) REFERENCES ns_backfill (backfill_id)
);

ALTER TABLE ns_run ADD COLUMN backfill_id VARCHAR(64);

-- lineage finds the run that wrote a transcript by the transcript's digest
CREATE INDEX ns_run_input_output_sha256 ON ns_run_input (output_sha256);
