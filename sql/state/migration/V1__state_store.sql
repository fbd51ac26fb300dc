-- Version 1 of the state store: what every 0.1.0 build before Flyway created at start (Spring Batch's
-- job repository, then the backfill's own tables). Applied by StateSchema with Flyway, history in
-- backfill_schema_history. Every statement is idempotent: a store made before Flyway (no history table;
-- an earlier build may lack tables added later) is baselined at version 0 and this script completes it
-- as the release before Flyway did at each start. Never edit an applied migration: changes go in V2, V3...

-- On such a store every statement says "already exists, skipping": not worth a warning each (this
-- transaction only).
SET LOCAL client_min_messages = warning;

-- Spring Batch 6's JDBC job repository: the tables and sequences of spring-batch-core 6.0's
-- org/springframework/batch/core/schema-postgresql.sql, which the release before Flyway ran on an empty store.
CREATE TABLE IF NOT EXISTS BATCH_JOB_INSTANCE (
    JOB_INSTANCE_ID BIGINT NOT NULL PRIMARY KEY,
    VERSION BIGINT,
    JOB_NAME VARCHAR(100) NOT NULL,
    JOB_KEY VARCHAR(32) NOT NULL,
    constraint JOB_INST_UN unique (JOB_NAME, JOB_KEY)
);

CREATE TABLE IF NOT EXISTS BATCH_JOB_EXECUTION (
    JOB_EXECUTION_ID BIGINT NOT NULL PRIMARY KEY,
    VERSION BIGINT,
    JOB_INSTANCE_ID BIGINT NOT NULL,
    CREATE_TIME TIMESTAMP NOT NULL,
    START_TIME TIMESTAMP DEFAULT NULL,
    END_TIME TIMESTAMP DEFAULT NULL,
    STATUS VARCHAR(10),
    EXIT_CODE VARCHAR(2500),
    EXIT_MESSAGE VARCHAR(2500),
    LAST_UPDATED TIMESTAMP,
    constraint JOB_INST_EXEC_FK foreign key (JOB_INSTANCE_ID) references BATCH_JOB_INSTANCE(JOB_INSTANCE_ID)
);

CREATE TABLE IF NOT EXISTS BATCH_JOB_EXECUTION_PARAMS (
    JOB_EXECUTION_ID BIGINT NOT NULL,
    PARAMETER_NAME VARCHAR(100) NOT NULL,
    PARAMETER_TYPE VARCHAR(100) NOT NULL,
    PARAMETER_VALUE VARCHAR(2500),
    IDENTIFYING CHAR(1) NOT NULL,
    constraint JOB_EXEC_PARAMS_FK foreign key (JOB_EXECUTION_ID) references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
);

CREATE TABLE IF NOT EXISTS BATCH_STEP_EXECUTION (
    STEP_EXECUTION_ID BIGINT NOT NULL PRIMARY KEY,
    VERSION BIGINT NOT NULL,
    STEP_NAME VARCHAR(100) NOT NULL,
    JOB_EXECUTION_ID BIGINT NOT NULL,
    CREATE_TIME TIMESTAMP NOT NULL,
    START_TIME TIMESTAMP DEFAULT NULL,
    END_TIME TIMESTAMP DEFAULT NULL,
    STATUS VARCHAR(10),
    COMMIT_COUNT BIGINT,
    READ_COUNT BIGINT,
    FILTER_COUNT BIGINT,
    WRITE_COUNT BIGINT,
    READ_SKIP_COUNT BIGINT,
    WRITE_SKIP_COUNT BIGINT,
    PROCESS_SKIP_COUNT BIGINT,
    ROLLBACK_COUNT BIGINT,
    EXIT_CODE VARCHAR(2500),
    EXIT_MESSAGE VARCHAR(2500),
    LAST_UPDATED TIMESTAMP,
    constraint JOB_EXEC_STEP_FK foreign key (JOB_EXECUTION_ID) references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
);

CREATE TABLE IF NOT EXISTS BATCH_STEP_EXECUTION_CONTEXT (
    STEP_EXECUTION_ID BIGINT NOT NULL PRIMARY KEY,
    SHORT_CONTEXT VARCHAR(2500) NOT NULL,
    SERIALIZED_CONTEXT TEXT,
    constraint STEP_EXEC_CTX_FK foreign key (STEP_EXECUTION_ID) references BATCH_STEP_EXECUTION(STEP_EXECUTION_ID)
);

CREATE TABLE IF NOT EXISTS BATCH_JOB_EXECUTION_CONTEXT (
    JOB_EXECUTION_ID BIGINT NOT NULL PRIMARY KEY,
    SHORT_CONTEXT VARCHAR(2500) NOT NULL,
    SERIALIZED_CONTEXT TEXT,
    constraint JOB_EXEC_CTX_FK foreign key (JOB_EXECUTION_ID) references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
);

CREATE SEQUENCE IF NOT EXISTS BATCH_STEP_EXECUTION_SEQ MAXVALUE 9223372036854775807 NO CYCLE;
CREATE SEQUENCE IF NOT EXISTS BATCH_JOB_EXECUTION_SEQ MAXVALUE 9223372036854775807 NO CYCLE;
CREATE SEQUENCE IF NOT EXISTS BATCH_JOB_INSTANCE_SEQ MAXVALUE 9223372036854775807 NO CYCLE;

-- The backfill's own state beside Spring Batch's job repository.

-- Calls Weave refused (4xx other than auth/project errors, 413 for a single call) and roots that could
-- not be assembled at all: nothing is dropped without a row here. payload holds the exact upsert_batch
-- items of the call, so it can be inspected and replayed.
CREATE TABLE IF NOT EXISTS backfill_dead_letter (
    id               BIGSERIAL PRIMARY KEY,
    job_execution_id BIGINT,
    step_name        VARCHAR(100),
    project_id       VARCHAR(300) NOT NULL,
    call_id          VARCHAR(64),
    trace_id         VARCHAR(64),
    op_name          VARCHAR(200),
    source_key       VARCHAR(200) NOT NULL,
    http_status      INTEGER NOT NULL,
    reason           TEXT NOT NULL,
    payload          TEXT,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS backfill_dead_letter_execution_idx ON backfill_dead_letter (job_execution_id);
CREATE INDEX IF NOT EXISTS backfill_dead_letter_call_idx ON backfill_dead_letter (project_id, call_id);

-- Problems in Dify rows that did not stop a call from being sent (malformed JSON sent as raw text,
-- unknown enum values, orphan references, impossible timestamps).
CREATE TABLE IF NOT EXISTS backfill_problem (
    id               BIGSERIAL PRIMARY KEY,
    job_execution_id BIGINT,
    step_name        VARCHAR(100),
    source_table     VARCHAR(100) NOT NULL,
    source_key       VARCHAR(100) NOT NULL,
    source_column    VARCHAR(100),
    reason           TEXT NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS backfill_problem_execution_idx ON backfill_problem (job_execution_id);

-- Where each sync scope (a job definition's name + its filters, kinds, sink and project) has got to:
-- the end of its last completed window. The next sync starts there.
CREATE TABLE IF NOT EXISTS backfill_watermark (
    scope        VARCHAR(500) PRIMARY KEY,
    window_end   TIMESTAMP WITH TIME ZONE NOT NULL,
    execution_id BIGINT,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

-- Roots a window (sync or migrate) left because they were not finished yet (a run still running or
-- paused, an answer not saved yet) and not stale (--stale-after). scope is everything identifying but
-- the window and the job's name (kinds, filters, sink, project, routing, content): every later run over
-- the same scope re-checks them, sends those that are finished or stale by then and deletes their rows
-- in the same transaction as its checkpoint.
CREATE TABLE IF NOT EXISTS backfill_pending (
    scope       VARCHAR(500) NOT NULL,
    kind        VARCHAR(40)  NOT NULL,
    source_id   UUID         NOT NULL,
    created_at  TIMESTAMP    NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, kind, source_id)
);
CREATE INDEX IF NOT EXISTS backfill_pending_order_idx ON backfill_pending (scope, kind, created_at, source_id);

-- Up to 0.1.0 the scope began with the job's name ("<label>|kinds=..."): such rows move to the shared scope.
INSERT INTO backfill_pending (scope, kind, source_id, created_at, recorded_at)
SELECT substring(scope FROM position('|kinds=' IN scope) + 1), kind, source_id, created_at, recorded_at
FROM backfill_pending WHERE scope NOT LIKE 'kinds=%' AND position('|kinds=' IN scope) > 0
ON CONFLICT (scope, kind, source_id) DO NOTHING;
DELETE FROM backfill_pending WHERE scope NOT LIKE 'kinds=%' AND position('|kinds=' IN scope) > 0;

-- Calls delivered (accepted by the sink, dead letters excluded) per execution, step, trace kind (the
-- --kinds name, from attributes.tags[0]) and UTC day of started_at. Upserted in the chunk's
-- transaction, so it commits with the checkpoint; the run report sums it over a job instance's executions.
CREATE TABLE IF NOT EXISTS backfill_daily_calls (
    job_execution_id BIGINT       NOT NULL,
    step_name        VARCHAR(100) NOT NULL,
    kind             VARCHAR(40)  NOT NULL,
    day              DATE         NOT NULL,
    calls            BIGINT       NOT NULL,
    PRIMARY KEY (job_execution_id, step_name, kind, day)
);

-- Calls delivered per execution, step, Dify app ('' when not known) and the Weave project they went to
-- (--project-routing=dify sends each app to its own project): the run report's "which app went where".
-- app_name is Dify's apps.name at the time, a label only.
CREATE TABLE IF NOT EXISTS backfill_app_calls (
    job_execution_id BIGINT       NOT NULL,
    step_name        VARCHAR(100) NOT NULL,
    app_id           VARCHAR(36)  NOT NULL,
    project_id       VARCHAR(300) NOT NULL,
    app_name         VARCHAR(255),
    calls            BIGINT       NOT NULL,
    PRIMARY KEY (job_execution_id, step_name, app_id, project_id)
);

-- Every Weave feedback the backfill may have created, per project: the ledger that makes feedback
-- exactly-once (Weave keeps every create as its own row, even for a repeated id, and removes rows only
-- by id). A row is written, and committed, before the request that creates its feedback, and deleted
-- only after a delivery that purged it (or found it absent) returned; so an id an earlier run created
-- for a Dify row that has changed or been deleted since is always known and purged. feedback_id is the
-- UUIDv5 of the Dify row and of everything sent (WeaveFeedback.of); source_key is
-- message_feedbacks:<id> or message_annotations:<id>.
CREATE TABLE IF NOT EXISTS backfill_feedback (
    project_id         VARCHAR(300) NOT NULL,
    feedback_id        VARCHAR(36)  NOT NULL,
    feedback_type      VARCHAR(40)  NOT NULL,
    source_key         VARCHAR(100) NOT NULL,
    message_id         UUID         NOT NULL,
    message_created_at TIMESTAMP    NOT NULL,
    app_id             UUID,
    recorded_at        TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, feedback_id)
);
CREATE INDEX IF NOT EXISTS backfill_feedback_message_idx ON backfill_feedback (message_id);

-- Feedback per execution, step and Weave feedback type: created (sent for the first time), replaced
-- (a changed Dify row: its new version created, its old one purged), purged (a Dify row deleted), dead
-- letters (Weave would not take it), waiting (its message's call is not in Weave yet) and, for
-- dify.annotation, unlinked (an annotation without a message: reported, never sent). Upserted in the
-- feedback step's transaction, so it commits with its checkpoint.
CREATE TABLE IF NOT EXISTS backfill_feedback_counts (
    job_execution_id BIGINT       NOT NULL,
    step_name        VARCHAR(100) NOT NULL,
    feedback_type    VARCHAR(40)  NOT NULL,
    outcome          VARCHAR(20)  NOT NULL,
    count            BIGINT       NOT NULL,
    PRIMARY KEY (job_execution_id, step_name, feedback_type, outcome)
);
