-- Model evaluations (champion against challenger on a frozen evaluation set) and the audit trail
-- of every promotion and rollback. Written for PostgreSQL and H2 alike.

CREATE TABLE ns_model_evaluation (
    evaluation_id       VARCHAR(64)   NOT NULL PRIMARY KEY,
    model_name          VARCHAR(500)  NOT NULL,
    champion_version    VARCHAR(64)   NOT NULL,
    challenger_version  VARCHAR(64)   NOT NULL,
    set_uri             VARCHAR(2000) NOT NULL,
    set_sha256          VARCHAR(64)   NOT NULL,
    passed              BOOLEAN       NOT NULL,
    result_json         TEXT          NOT NULL,
    evaluated_by        VARCHAR(200)  NOT NULL,
    evaluated_at        TIMESTAMP     NOT NULL,
    mlflow_run_id       VARCHAR(64)
);

CREATE INDEX ns_model_evaluation_pair ON ns_model_evaluation (model_name, challenger_version, champion_version);

CREATE TABLE ns_model_promotion (
    promotion_id        VARCHAR(64)   NOT NULL PRIMARY KEY,
    model_name          VARCHAR(500)  NOT NULL,
    action              VARCHAR(16)   NOT NULL,
    from_version        VARCHAR(64),
    to_version          VARCHAR(64)   NOT NULL,
    evaluation_id       VARCHAR(64),
    reason              VARCHAR(2000),
    decided_by          VARCHAR(200)  NOT NULL,
    decided_at          TIMESTAMP     NOT NULL
);

CREATE INDEX ns_model_promotion_model ON ns_model_promotion (model_name, decided_at);
