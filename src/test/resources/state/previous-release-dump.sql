-- A state store made by the last release before Flyway (commit 8e1d3c8, 0.1.0: StateSchema ran Spring
-- Batch's schema-postgresql.sql and sql/state/backfill-schema.sql at start), with data in every table:
-- BackfillHarness with DifyDataGenerator.Spec.small() and the fake Weave server, one malformed
-- workflow_runs.inputs, then `sync` at 2026-11-26T00:00Z (watermark, pending roots, feedback ledger),
-- then `migrate --from=2026-08-01T00:00:00Z --to=2026-11-01T00:00:00Z` with one node call refused by
-- Weave (a dead letter). Dumped with pg_dump 15.20 --no-owner --no-privileges --inserts; its psql-only
-- \restrict and \unrestrict lines were taken out so that JDBC can run it. Do not edit: StateUpgradeTest
-- loads it into a fresh database and upgrades it with the current migrations.

--
-- PostgreSQL database dump
--


-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: backfill_app_calls; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.backfill_app_calls (
    job_execution_id bigint NOT NULL,
    step_name character varying(100) NOT NULL,
    app_id character varying(36) NOT NULL,
    project_id character varying(300) NOT NULL,
    app_name character varying(255),
    calls bigint NOT NULL
);


--
-- Name: backfill_daily_calls; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.backfill_daily_calls (
    job_execution_id bigint NOT NULL,
    step_name character varying(100) NOT NULL,
    kind character varying(40) NOT NULL,
    day date NOT NULL,
    calls bigint NOT NULL
);


--
-- Name: backfill_dead_letter; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.backfill_dead_letter (
    id bigint NOT NULL,
    job_execution_id bigint,
    step_name character varying(100),
    project_id character varying(300) NOT NULL,
    call_id character varying(64),
    trace_id character varying(64),
    op_name character varying(200),
    source_key character varying(200) NOT NULL,
    http_status integer NOT NULL,
    reason text NOT NULL,
    payload text,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: backfill_dead_letter_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.backfill_dead_letter_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: backfill_dead_letter_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.backfill_dead_letter_id_seq OWNED BY public.backfill_dead_letter.id;


--
-- Name: backfill_feedback; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.backfill_feedback (
    project_id character varying(300) NOT NULL,
    feedback_id character varying(36) NOT NULL,
    feedback_type character varying(40) NOT NULL,
    source_key character varying(100) NOT NULL,
    message_id uuid NOT NULL,
    message_created_at timestamp without time zone NOT NULL,
    app_id uuid,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: backfill_feedback_counts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.backfill_feedback_counts (
    job_execution_id bigint NOT NULL,
    step_name character varying(100) NOT NULL,
    feedback_type character varying(40) NOT NULL,
    outcome character varying(20) NOT NULL,
    count bigint NOT NULL
);


--
-- Name: backfill_pending; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.backfill_pending (
    scope character varying(500) NOT NULL,
    kind character varying(40) NOT NULL,
    source_id uuid NOT NULL,
    created_at timestamp without time zone NOT NULL,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: backfill_problem; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.backfill_problem (
    id bigint NOT NULL,
    job_execution_id bigint,
    step_name character varying(100),
    source_table character varying(100) NOT NULL,
    source_key character varying(100) NOT NULL,
    source_column character varying(100),
    reason text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: backfill_problem_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.backfill_problem_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: backfill_problem_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.backfill_problem_id_seq OWNED BY public.backfill_problem.id;


--
-- Name: backfill_watermark; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.backfill_watermark (
    scope character varying(500) NOT NULL,
    window_end timestamp with time zone NOT NULL,
    execution_id bigint,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: batch_job_execution; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.batch_job_execution (
    job_execution_id bigint NOT NULL,
    version bigint,
    job_instance_id bigint NOT NULL,
    create_time timestamp without time zone NOT NULL,
    start_time timestamp without time zone,
    end_time timestamp without time zone,
    status character varying(10),
    exit_code character varying(2500),
    exit_message character varying(2500),
    last_updated timestamp without time zone
);


--
-- Name: batch_job_execution_context; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.batch_job_execution_context (
    job_execution_id bigint NOT NULL,
    short_context character varying(2500) NOT NULL,
    serialized_context text
);


--
-- Name: batch_job_execution_params; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.batch_job_execution_params (
    job_execution_id bigint NOT NULL,
    parameter_name character varying(100) NOT NULL,
    parameter_type character varying(100) NOT NULL,
    parameter_value character varying(2500),
    identifying character(1) NOT NULL
);


--
-- Name: batch_job_execution_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.batch_job_execution_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: batch_job_instance; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.batch_job_instance (
    job_instance_id bigint NOT NULL,
    version bigint,
    job_name character varying(100) NOT NULL,
    job_key character varying(32) NOT NULL
);


--
-- Name: batch_job_instance_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.batch_job_instance_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: batch_step_execution; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.batch_step_execution (
    step_execution_id bigint NOT NULL,
    version bigint NOT NULL,
    step_name character varying(100) NOT NULL,
    job_execution_id bigint NOT NULL,
    create_time timestamp without time zone NOT NULL,
    start_time timestamp without time zone,
    end_time timestamp without time zone,
    status character varying(10),
    commit_count bigint,
    read_count bigint,
    filter_count bigint,
    write_count bigint,
    read_skip_count bigint,
    write_skip_count bigint,
    process_skip_count bigint,
    rollback_count bigint,
    exit_code character varying(2500),
    exit_message character varying(2500),
    last_updated timestamp without time zone
);


--
-- Name: batch_step_execution_context; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.batch_step_execution_context (
    step_execution_id bigint NOT NULL,
    short_context character varying(2500) NOT NULL,
    serialized_context text
);


--
-- Name: batch_step_execution_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.batch_step_execution_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: backfill_dead_letter id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.backfill_dead_letter ALTER COLUMN id SET DEFAULT nextval('public.backfill_dead_letter_id_seq'::regclass);


--
-- Name: backfill_problem id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.backfill_problem ALTER COLUMN id SET DEFAULT nextval('public.backfill_problem_id_seq'::regclass);


--
-- Data for Name: backfill_app_calls; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.backfill_app_calls VALUES (1, 'workflowRunPartition:p001', '1b52e404-b6a1-4273-80d8-1aa092893999', 'acme/dify-history', 'Invoice Assistant', 73);
INSERT INTO public.backfill_app_calls VALUES (1, 'workflowRunPartition:p000', '1b52e404-b6a1-4273-80d8-1aa092893999', 'acme/dify-history', 'Invoice Assistant', 53);
INSERT INTO public.backfill_app_calls VALUES (1, 'workflowRunPartition:p000', '1a303219-5822-4ab3-9d5b-8c1576b86802', 'acme/dify-history', 'Support Triage', 55);
INSERT INTO public.backfill_app_calls VALUES (1, 'workflowRunPartition:p003', '1b52e404-b6a1-4273-80d8-1aa092893999', 'acme/dify-history', 'Invoice Assistant', 30);
INSERT INTO public.backfill_app_calls VALUES (1, 'workflowRunPartition:p002', '1a303219-5822-4ab3-9d5b-8c1576b86802', 'acme/dify-history', 'Support Triage', 55);
INSERT INTO public.backfill_app_calls VALUES (1, 'workflowRunPartition:p003', '1a303219-5822-4ab3-9d5b-8c1576b86802', 'acme/dify-history', 'Support Triage', 77);
INSERT INTO public.backfill_app_calls VALUES (1, 'workflowRunPartition:p001', '1a303219-5822-4ab3-9d5b-8c1576b86802', 'acme/dify-history', 'Support Triage', 55);
INSERT INTO public.backfill_app_calls VALUES (1, 'workflowRunPartition:p002', '1b52e404-b6a1-4273-80d8-1aa092893999', 'acme/dify-history', 'Invoice Assistant', 81);
INSERT INTO public.backfill_app_calls VALUES (1, 'messagePartition:p002', 'ed1c6e6e-0940-48b1-8224-1be41655d3d0', 'acme/dify-history', 'Research Agent', 8);
INSERT INTO public.backfill_app_calls VALUES (1, 'messagePartition:p002', 'b8829160-3c16-4d09-90b5-c00c5152c97f', 'acme/dify-history', 'Help Center Chat', 10);
INSERT INTO public.backfill_app_calls VALUES (1, 'messagePartition:p001', '09fbf15a-3096-4bf3-ae0d-884c496808c2', 'acme/dify-history', 'Reply Drafter', 4);
INSERT INTO public.backfill_app_calls VALUES (1, 'messagePartition:p001', '98f6fabf-8457-44d1-bafb-e97b8b871378', 'acme/dify-history', 'Support Chatflow', 38);
INSERT INTO public.backfill_app_calls VALUES (1, 'messagePartition:p001', 'ed1c6e6e-0940-48b1-8224-1be41655d3d0', 'acme/dify-history', 'Research Agent', 16);
INSERT INTO public.backfill_app_calls VALUES (1, 'messagePartition:p000', 'b8829160-3c16-4d09-90b5-c00c5152c97f', 'acme/dify-history', 'Help Center Chat', 9);
INSERT INTO public.backfill_app_calls VALUES (1, 'messagePartition:p000', 'ed1c6e6e-0940-48b1-8224-1be41655d3d0', 'acme/dify-history', 'Research Agent', 3);
INSERT INTO public.backfill_app_calls VALUES (1, 'messagePartition:p002', '09fbf15a-3096-4bf3-ae0d-884c496808c2', 'acme/dify-history', 'Reply Drafter', 17);
INSERT INTO public.backfill_app_calls VALUES (1, 'messagePartition:p002', '98f6fabf-8457-44d1-bafb-e97b8b871378', 'acme/dify-history', 'Support Chatflow', 8);
INSERT INTO public.backfill_app_calls VALUES (1, 'messagePartition:p001', 'b8829160-3c16-4d09-90b5-c00c5152c97f', 'acme/dify-history', 'Help Center Chat', 7);
INSERT INTO public.backfill_app_calls VALUES (1, 'messagePartition:p000', '09fbf15a-3096-4bf3-ae0d-884c496808c2', 'acme/dify-history', 'Reply Drafter', 12);
INSERT INTO public.backfill_app_calls VALUES (1, 'messagePartition:p000', '98f6fabf-8457-44d1-bafb-e97b8b871378', 'acme/dify-history', 'Support Chatflow', 24);
INSERT INTO public.backfill_app_calls VALUES (1, 'messagePartition:p003', 'b8829160-3c16-4d09-90b5-c00c5152c97f', 'acme/dify-history', 'Help Center Chat', 11);
INSERT INTO public.backfill_app_calls VALUES (1, 'messagePartition:p003', '98f6fabf-8457-44d1-bafb-e97b8b871378', 'acme/dify-history', 'Support Chatflow', 16);
INSERT INTO public.backfill_app_calls VALUES (1, 'messagePartition:p003', 'ed1c6e6e-0940-48b1-8224-1be41655d3d0', 'acme/dify-history', 'Research Agent', 11);
INSERT INTO public.backfill_app_calls VALUES (1, 'conversationPartition:p003', 'ed1c6e6e-0940-48b1-8224-1be41655d3d0', 'acme/dify-history', 'Research Agent', 1);
INSERT INTO public.backfill_app_calls VALUES (1, 'conversationPartition:p000', 'b8829160-3c16-4d09-90b5-c00c5152c97f', 'acme/dify-history', 'Help Center Chat', 1);
INSERT INTO public.backfill_app_calls VALUES (1, 'conversationPartition:p000', 'ed1c6e6e-0940-48b1-8224-1be41655d3d0', 'acme/dify-history', 'Research Agent', 1);
INSERT INTO public.backfill_app_calls VALUES (1, 'conversationPartition:p001', '98f6fabf-8457-44d1-bafb-e97b8b871378', 'acme/dify-history', 'Support Chatflow', 1);
INSERT INTO public.backfill_app_calls VALUES (1, 'conversationPartition:p001', 'b8829160-3c16-4d09-90b5-c00c5152c97f', 'acme/dify-history', 'Help Center Chat', 1);
INSERT INTO public.backfill_app_calls VALUES (1, 'conversationPartition:p002', 'b8829160-3c16-4d09-90b5-c00c5152c97f', 'acme/dify-history', 'Help Center Chat', 1);
INSERT INTO public.backfill_app_calls VALUES (1, 'conversationPartition:p002', '98f6fabf-8457-44d1-bafb-e97b8b871378', 'acme/dify-history', 'Support Chatflow', 1);
INSERT INTO public.backfill_app_calls VALUES (2, 'workflowRunPartition:p003', '1a303219-5822-4ab3-9d5b-8c1576b86802', 'acme/dify-history', 'Support Triage', 22);
INSERT INTO public.backfill_app_calls VALUES (2, 'workflowRunPartition:p003', '1b52e404-b6a1-4273-80d8-1aa092893999', 'acme/dify-history', 'Invoice Assistant', 59);
INSERT INTO public.backfill_app_calls VALUES (2, 'workflowRunPartition:p001', '1a303219-5822-4ab3-9d5b-8c1576b86802', 'acme/dify-history', 'Support Triage', 55);
INSERT INTO public.backfill_app_calls VALUES (2, 'workflowRunPartition:p001', '1b52e404-b6a1-4273-80d8-1aa092893999', 'acme/dify-history', 'Invoice Assistant', 46);
INSERT INTO public.backfill_app_calls VALUES (2, 'workflowRunPartition:p002', '1b52e404-b6a1-4273-80d8-1aa092893999', 'acme/dify-history', 'Invoice Assistant', 47);
INSERT INTO public.backfill_app_calls VALUES (2, 'workflowRunPartition:p002', '1a303219-5822-4ab3-9d5b-8c1576b86802', 'acme/dify-history', 'Support Triage', 55);
INSERT INTO public.backfill_app_calls VALUES (2, 'workflowRunPartition:p000', '1b52e404-b6a1-4273-80d8-1aa092893999', 'acme/dify-history', 'Invoice Assistant', 43);
INSERT INTO public.backfill_app_calls VALUES (2, 'workflowRunPartition:p000', '1a303219-5822-4ab3-9d5b-8c1576b86802', 'acme/dify-history', 'Support Triage', 32);
INSERT INTO public.backfill_app_calls VALUES (2, 'messagePartition:p000', '98f6fabf-8457-44d1-bafb-e97b8b871378', 'acme/dify-history', 'Support Chatflow', 16);
INSERT INTO public.backfill_app_calls VALUES (2, 'messagePartition:p000', '09fbf15a-3096-4bf3-ae0d-884c496808c2', 'acme/dify-history', 'Reply Drafter', 4);
INSERT INTO public.backfill_app_calls VALUES (2, 'messagePartition:p000', 'b8829160-3c16-4d09-90b5-c00c5152c97f', 'acme/dify-history', 'Help Center Chat', 6);
INSERT INTO public.backfill_app_calls VALUES (2, 'messagePartition:p002', '09fbf15a-3096-4bf3-ae0d-884c496808c2', 'acme/dify-history', 'Reply Drafter', 4);
INSERT INTO public.backfill_app_calls VALUES (2, 'messagePartition:p002', '98f6fabf-8457-44d1-bafb-e97b8b871378', 'acme/dify-history', 'Support Chatflow', 38);
INSERT INTO public.backfill_app_calls VALUES (2, 'messagePartition:p001', 'b8829160-3c16-4d09-90b5-c00c5152c97f', 'acme/dify-history', 'Help Center Chat', 3);
INSERT INTO public.backfill_app_calls VALUES (2, 'messagePartition:p001', 'ed1c6e6e-0940-48b1-8224-1be41655d3d0', 'acme/dify-history', 'Research Agent', 3);
INSERT INTO public.backfill_app_calls VALUES (2, 'messagePartition:p001', '09fbf15a-3096-4bf3-ae0d-884c496808c2', 'acme/dify-history', 'Reply Drafter', 8);
INSERT INTO public.backfill_app_calls VALUES (2, 'messagePartition:p001', '98f6fabf-8457-44d1-bafb-e97b8b871378', 'acme/dify-history', 'Support Chatflow', 8);
INSERT INTO public.backfill_app_calls VALUES (2, 'messagePartition:p003', 'ed1c6e6e-0940-48b1-8224-1be41655d3d0', 'acme/dify-history', 'Research Agent', 16);
INSERT INTO public.backfill_app_calls VALUES (2, 'messagePartition:p003', 'b8829160-3c16-4d09-90b5-c00c5152c97f', 'acme/dify-history', 'Help Center Chat', 7);
INSERT INTO public.backfill_app_calls VALUES (2, 'conversationPartition:p000', 'b8829160-3c16-4d09-90b5-c00c5152c97f', 'acme/dify-history', 'Help Center Chat', 1);
INSERT INTO public.backfill_app_calls VALUES (2, 'conversationPartition:p003', 'b8829160-3c16-4d09-90b5-c00c5152c97f', 'acme/dify-history', 'Help Center Chat', 1);
INSERT INTO public.backfill_app_calls VALUES (2, 'conversationPartition:p002', '98f6fabf-8457-44d1-bafb-e97b8b871378', 'acme/dify-history', 'Support Chatflow', 1);
INSERT INTO public.backfill_app_calls VALUES (2, 'conversationPartition:p001', 'ed1c6e6e-0940-48b1-8224-1be41655d3d0', 'acme/dify-history', 'Research Agent', 1);


--
-- Data for Name: backfill_daily_calls; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p001', 'workflow', '2026-09-18', 11);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p001', 'workflow', '2026-09-23', 24);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p001', 'workflow', '2026-09-26', 11);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p001', 'workflow', '2026-10-01', 11);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p001', 'workflow', '2026-10-03', 12);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p001', 'workflow', '2026-10-05', 12);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p001', 'workflow', '2026-10-06', 3);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p001', 'workflow', '2026-10-07', 22);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p000', 'workflow', '2026-08-29', 10);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p000', 'workflow', '2026-08-30', 12);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p000', 'workflow', '2026-09-03', 21);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p000', 'workflow', '2026-09-05', 22);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p000', 'workflow', '2026-09-08', 11);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p000', 'workflow', '2026-09-11', 11);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p000', 'workflow', '2026-09-15', 10);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p000', 'workflow', '2026-09-17', 11);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p003', 'workflow', '2026-11-02', 19);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p003', 'workflow', '2026-11-10', 10);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p003', 'workflow', '2026-11-11', 11);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p003', 'workflow', '2026-11-12', 21);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p003', 'workflow', '2026-11-13', 10);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p003', 'workflow', '2026-11-18', 11);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p003', 'workflow', '2026-11-19', 9);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p003', 'workflow', '2026-11-20', 11);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p002', 'workflow', '2026-10-12', 33);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p002', 'workflow', '2026-10-14', 10);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p002', 'workflow', '2026-10-17', 11);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p002', 'workflow', '2026-10-18', 22);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p002', 'workflow', '2026-10-19', 11);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p002', 'workflow', '2026-10-23', 12);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p002', 'workflow', '2026-10-24', 3);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p003', 'workflow', '2026-11-21', 5);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p001', 'workflow', '2026-10-08', 11);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p001', 'workflow', '2026-10-11', 11);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p002', 'workflow', '2026-10-25', 10);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p002', 'workflow', '2026-10-30', 12);
INSERT INTO public.backfill_daily_calls VALUES (1, 'workflowRunPartition:p002', 'workflow', '2026-11-01', 12);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'message', '2026-11-04', 2);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'moderation', '2026-11-04', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'message', '2026-11-06', 6);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'tool', '2026-11-06', 2);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'message', '2026-11-11', 2);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'dataset_retrieval', '2026-11-11', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'moderation', '2026-11-11', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'message', '2026-11-12', 2);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'moderation', '2026-11-12', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'message', '2026-11-14', 2);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'dataset_retrieval', '2026-11-14', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'moderation', '2026-11-14', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'message', '2026-11-16', 4);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'dataset_retrieval', '2026-11-16', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'moderation', '2026-11-16', 2);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'message', '2026-11-17', 2);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'moderation', '2026-11-17', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p001', 'message', '2026-10-08', 2);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p001', 'dataset_retrieval', '2026-10-08', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p001', 'moderation', '2026-10-08', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p001', 'workflow', '2026-10-10', 28);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p001', 'message', '2026-10-10', 5);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p001', 'moderation', '2026-10-10', 5);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p001', 'message', '2026-10-23', 8);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p001', 'tool', '2026-10-23', 8);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p000', 'workflow', '2026-09-16', 12);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p000', 'message', '2026-09-16', 2);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p000', 'moderation', '2026-09-16', 2);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p000', 'message', '2026-09-17', 2);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p000', 'message', '2026-09-18', 2);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p000', 'message', '2026-09-23', 10);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p000', 'dataset_retrieval', '2026-09-23', 3);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p000', 'moderation', '2026-09-23', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p000', 'message', '2026-10-03', 2);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'message', '2026-11-19', 2);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'moderation', '2026-11-19', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'workflow', '2026-11-24', 6);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'message', '2026-11-24', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p002', 'moderation', '2026-11-24', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p001', 'message', '2026-10-26', 4);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p001', 'dataset_retrieval', '2026-10-26', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p001', 'moderation', '2026-10-26', 2);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p000', 'message', '2026-10-06', 2);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p000', 'dataset_retrieval', '2026-10-06', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p000', 'moderation', '2026-10-06', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p000', 'workflow', '2026-10-07', 6);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p000', 'message', '2026-10-07', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p000', 'moderation', '2026-10-07', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p003', 'workflow', '2026-11-24', 12);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p003', 'message', '2026-11-24', 14);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p003', 'tool', '2026-11-24', 5);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p003', 'dataset_retrieval', '2026-11-24', 2);
INSERT INTO public.backfill_daily_calls VALUES (1, 'messagePartition:p003', 'moderation', '2026-11-24', 5);
INSERT INTO public.backfill_daily_calls VALUES (1, 'conversationPartition:p003', 'generate_name', '2026-11-24', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'conversationPartition:p001', 'generate_name', '2026-10-10', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'conversationPartition:p001', 'generate_name', '2026-10-26', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'conversationPartition:p000', 'generate_name', '2026-09-23', 2);
INSERT INTO public.backfill_daily_calls VALUES (1, 'conversationPartition:p002', 'generate_name', '2026-11-16', 1);
INSERT INTO public.backfill_daily_calls VALUES (1, 'conversationPartition:p002', 'generate_name', '2026-11-24', 1);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p003', 'workflow', '2026-10-17', 11);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p003', 'workflow', '2026-10-18', 22);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p003', 'workflow', '2026-10-19', 11);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p003', 'workflow', '2026-10-23', 12);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p003', 'workflow', '2026-10-24', 3);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p003', 'workflow', '2026-10-25', 10);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p003', 'workflow', '2026-10-30', 12);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p001', 'workflow', '2026-09-11', 11);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p001', 'workflow', '2026-09-15', 10);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p001', 'workflow', '2026-09-17', 11);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p001', 'workflow', '2026-09-18', 11);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p001', 'workflow', '2026-09-23', 24);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p001', 'workflow', '2026-09-26', 11);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p001', 'workflow', '2026-10-01', 11);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p001', 'workflow', '2026-10-03', 12);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p002', 'workflow', '2026-10-05', 12);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p002', 'workflow', '2026-10-06', 3);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p002', 'workflow', '2026-10-07', 22);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p002', 'workflow', '2026-10-08', 11);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p002', 'workflow', '2026-10-11', 11);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p002', 'workflow', '2026-10-12', 33);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p002', 'workflow', '2026-10-14', 10);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p000', 'workflow', '2026-08-29', 10);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p000', 'workflow', '2026-08-30', 12);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p000', 'workflow', '2026-09-03', 21);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p000', 'workflow', '2026-09-05', 21);
INSERT INTO public.backfill_daily_calls VALUES (2, 'workflowRunPartition:p000', 'workflow', '2026-09-08', 11);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p000', 'workflow', '2026-09-16', 12);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p000', 'message', '2026-09-16', 2);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p000', 'moderation', '2026-09-16', 2);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p000', 'message', '2026-09-17', 2);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p000', 'message', '2026-09-18', 2);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p000', 'message', '2026-09-23', 4);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p000', 'dataset_retrieval', '2026-09-23', 2);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p002', 'message', '2026-10-08', 2);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p002', 'dataset_retrieval', '2026-10-08', 1);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p002', 'moderation', '2026-10-08', 1);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p002', 'workflow', '2026-10-10', 28);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p002', 'message', '2026-10-10', 5);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p002', 'moderation', '2026-10-10', 5);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p001', 'message', '2026-09-23', 6);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p001', 'dataset_retrieval', '2026-09-23', 1);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p001', 'moderation', '2026-09-23', 1);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p001', 'message', '2026-10-03', 2);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p001', 'message', '2026-10-06', 2);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p001', 'dataset_retrieval', '2026-10-06', 1);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p001', 'moderation', '2026-10-06', 1);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p001', 'workflow', '2026-10-07', 6);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p001', 'message', '2026-10-07', 1);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p001', 'moderation', '2026-10-07', 1);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p003', 'message', '2026-10-23', 8);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p003', 'tool', '2026-10-23', 8);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p003', 'message', '2026-10-26', 4);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p003', 'dataset_retrieval', '2026-10-26', 1);
INSERT INTO public.backfill_daily_calls VALUES (2, 'messagePartition:p003', 'moderation', '2026-10-26', 2);
INSERT INTO public.backfill_daily_calls VALUES (2, 'conversationPartition:p000', 'generate_name', '2026-09-23', 1);
INSERT INTO public.backfill_daily_calls VALUES (2, 'conversationPartition:p003', 'generate_name', '2026-10-26', 1);
INSERT INTO public.backfill_daily_calls VALUES (2, 'conversationPartition:p002', 'generate_name', '2026-10-10', 1);
INSERT INTO public.backfill_daily_calls VALUES (2, 'conversationPartition:p001', 'generate_name', '2026-09-23', 1);


--
-- Data for Name: backfill_dead_letter; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.backfill_dead_letter VALUES (1, 2, 'workflowRunPartition:p000', 'acme/dify-history', '0086eb80-8a08-41dd-9556-c13b05867f45', 'fc7ff554-4646-4a56-9ab8-a039a399f385', 'knowledge-retrieval', 'workflow_node_executions:0086eb80-8a08-41dd-9556-c13b05867f45', 400, '{"reason":"Invalid call 0086eb80-8a08-41dd-9556-c13b05867f45 (rejected by the test)"}', '{"mode":"start","req":{"start":{"project_id":"acme/dify-history","id":"0086eb80-8a08-41dd-9556-c13b05867f45","trace_id":"fc7ff554-4646-4a56-9ab8-a039a399f385","parent_id":"fc7ff554-4646-4a56-9ab8-a039a399f385","op_name":"knowledge-retrieval","display_name":"Retrieve product docs","started_at":"2026-09-05T13:58:41.461644Z","attributes":{"workflow_run_id":"fc7ff554-4646-4a56-9ab8-a039a399f385","node_execution_id":"0086eb80-8a08-41dd-9556-c13b05867f45","tenant_id":"e5cf6146-4dc9-4708-b6fb-a79d8b8c3ca5","app_id":"1a303219-5822-4ab3-9d5b-8c1576b86802","app_name":"Retrieve product docs","node_type":"knowledge-retrieval","status":"succeeded","tags":["node_execution"],"start_time":"2026-09-05T13:58:41.461644Z","end_time":"2026-09-05T13:58:42.053389Z","elapsed_time":0.591745,"trace_id":"fc7ff554-4646-4a56-9ab8-a039a399f385","backfill":{"source":"dify-weave-backfill","version":"0.1.0","job":"migrate","content":"keep","approximated":[]}},"inputs":{"query":"We are stuck with webhook deliveries failing since this morning, any advice? Our user reports the number dashboard in dashboard before Paulo fails page improved documentation and expired. Our user expects that allows audit opening delivery month configure.","usage_metadata":{"input_tokens":null,"output_tokens":null,"total_tokens":0},"file_list":[]},"wb_user_id":null}}},{"mode":"end","req":{"end":{"project_id":"acme/dify-history","id":"0086eb80-8a08-41dd-9556-c13b05867f45","ended_at":"2026-09-05T13:58:42.053389Z","exception":null,"output":{"result":[{"metadata":{"_source":"knowledge","dataset_id":"ebc39c8e-3f84-453b-ad67-9348f5566065","dataset_name":"Support Triage knowledge base","document_id":"eb534985-75f2-42b6-a4a1-2f844cc6be7b","document_name":"troubleshooting.md","data_source_type":"upload_file","segment_id":"dfa3383b-d357-4683-bfa1-ae9bdb1cc975","retriever_from":"workflow","score":0.576613,"segment_hit_count":10,"segment_word_count":35,"segment_position":52,"segment_index_node_hash":"41d157665bacc457c070e154f20eeb42be141813cdead362a2c76b844df31bc8","doc_metadata":null,"position":1},"title":"troubleshooting.md","content":"The account owner notes that webhook renewed improved marking workaround export delayed the order clear escalated settings refund allows notes retry? A team admin confirms settings eu-west sign-on single days dashboard export documentation regression regression.","files":[]},{"metadata":{"_source":"knowledge","dataset_id":"ebc39c8e-3f84-453b-ad67-9348f5566065","dataset_name":"Support Triage knowledge base","document_id":"80006e82-1b01-4040-9db7-8aba46d57ee9","document_name":"getting-started.md","data_source_type":"upload_file","segment_id":"7406338f-5dee-44cb-901e-ffcb5a9da0f3","retriever_from":"workflow","score":0.772084,"segment_hit_count":1,"segment_word_count":34,"segment_position":51,"segment_index_node_hash":"218a00a259893d04294045b6a539ccd2bacc93f5cf7305c839cb51e5d1c51320","doc_metadata":null,"position":2},"title":"getting-started.md","content":"The account owner confirms entries the team 東京 failed business browser number naïve metadata three because a engineering credit sign-on. Support asks whether file 東京 describes steps escalated retries timeout when because includes engineering.","files":[]},{"metadata":{"_source":"knowledge","dataset_id":"ebc39c8e-3f84-453b-ad67-9348f5566065","dataset_name":"Support Triage knowledge base","document_id":"3881125a-e1d9-4b38-87e2-b906df16b04c","document_name":"release-notes-2026.md","data_source_type":"upload_file","segment_id":"c034abf4-c4a0-482d-92c2-5ab61b94bed1","retriever_from":"workflow","score":0.949605,"segment_hit_count":22,"segment_word_count":30,"segment_position":8,"segment_index_node_hash":"47bd36e715cc1c0b1984761e8d9fb64c0b1108540ce75f89bfa46b894fb6abaf","doc_metadata":null,"position":3},"title":"release-notes-2026.md","content":"The caller mentions that failed policy entries São policy after delivery fix five office megabytes console 東京 workaround confirmed. Support confirms credit because clear plan last business as configure timeout.","files":[]}],"usage_metadata":{"input_tokens":null,"output_tokens":null,"total_tokens":0},"file_list":[]},"summary":{"status_counts":{"success":1,"error":0},"weave":{"latency_ms":591}}}}}', '2026-12-02 12:43:03.746211+00');


--
-- Data for Name: backfill_feedback; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.backfill_feedback VALUES ('acme/dify-history', 'cdd6d2fe-0114-5db2-95c2-616dcb25d9f8', 'wandb.reaction.1', 'message_feedbacks:0417c0dc-62d6-471e-88f3-e5e705c5dc3c', '1fc44cba-ef3c-4f75-83bb-95747d7a064a', '2026-11-24 23:54:59', '98f6fabf-8457-44d1-bafb-e97b8b871378', '2026-12-02 12:43:00.994156+00');
INSERT INTO public.backfill_feedback VALUES ('acme/dify-history', '60d0816d-e3cd-54cd-871a-fb0fe05ccdf7', 'wandb.reaction.1', 'message_feedbacks:94a75f91-e28a-4e22-b052-cdab8c984701', '2ffadb60-cb71-4d25-8868-643a94abb341', '2026-09-18 18:41:12', '09fbf15a-3096-4bf3-ae0d-884c496808c2', '2026-12-02 12:43:00.994156+00');
INSERT INTO public.backfill_feedback VALUES ('acme/dify-history', '5e92a377-f9bc-5615-8dd4-1c3ba5a87fdd', 'wandb.note.1', 'message_feedbacks:94a75f91-e28a-4e22-b052-cdab8c984701', '2ffadb60-cb71-4d25-8868-643a94abb341', '2026-09-18 18:41:12', '09fbf15a-3096-4bf3-ae0d-884c496808c2', '2026-12-02 12:43:00.994156+00');
INSERT INTO public.backfill_feedback VALUES ('acme/dify-history', 'b55532f6-2f70-57e1-a93e-16a4fa5571af', 'wandb.reaction.1', 'message_feedbacks:8f52e3a0-ad41-4644-9a73-f1c15dd4d5e9', '2ffadb60-cb71-4d25-8868-643a94abb341', '2026-09-18 18:41:12', '09fbf15a-3096-4bf3-ae0d-884c496808c2', '2026-12-02 12:43:00.994156+00');
INSERT INTO public.backfill_feedback VALUES ('acme/dify-history', '74790d39-7378-56fd-a562-64bb62cfe4b1', 'wandb.note.1', 'message_feedbacks:8f52e3a0-ad41-4644-9a73-f1c15dd4d5e9', '2ffadb60-cb71-4d25-8868-643a94abb341', '2026-09-18 18:41:12', '09fbf15a-3096-4bf3-ae0d-884c496808c2', '2026-12-02 12:43:00.994156+00');
INSERT INTO public.backfill_feedback VALUES ('acme/dify-history', 'e1ab79ab-bd84-537e-9009-d81d3e61812a', 'wandb.reaction.1', 'message_feedbacks:71892e19-5315-483b-880e-a48076bbbad8', '604e16ba-2ab7-4db9-84f1-9f50877ad1db', '2026-11-17 00:06:56', 'b8829160-3c16-4d09-90b5-c00c5152c97f', '2026-12-02 12:43:00.994156+00');
INSERT INTO public.backfill_feedback VALUES ('acme/dify-history', 'c50d2487-8a82-5784-86b5-c5d4070ff082', 'wandb.note.1', 'message_feedbacks:71892e19-5315-483b-880e-a48076bbbad8', '604e16ba-2ab7-4db9-84f1-9f50877ad1db', '2026-11-17 00:06:56', 'b8829160-3c16-4d09-90b5-c00c5152c97f', '2026-12-02 12:43:00.994156+00');
INSERT INTO public.backfill_feedback VALUES ('acme/dify-history', 'e2c08023-3176-5b7f-9e56-d6c3e724d8eb', 'wandb.reaction.1', 'message_feedbacks:63ea2b4a-bc24-4bcf-ac7d-75e147a8165d', '81126a9c-ee8c-4f56-bc1b-affe8f02b1c2', '2026-10-10 12:18:56', '98f6fabf-8457-44d1-bafb-e97b8b871378', '2026-12-02 12:43:00.994156+00');
INSERT INTO public.backfill_feedback VALUES ('acme/dify-history', '58abe1c8-788b-51db-9330-e2d4731e59aa', 'wandb.reaction.1', 'message_feedbacks:95a1cd03-ebb0-462e-a606-0b48a6cc426d', '9660982c-366d-434b-83e7-09be7347e0cc', '2026-10-23 10:36:36', 'ed1c6e6e-0940-48b1-8224-1be41655d3d0', '2026-12-02 12:43:00.994156+00');
INSERT INTO public.backfill_feedback VALUES ('acme/dify-history', '4217ad27-d8c4-5071-aa69-18af494b6027', 'wandb.note.1', 'message_feedbacks:95a1cd03-ebb0-462e-a606-0b48a6cc426d', '9660982c-366d-434b-83e7-09be7347e0cc', '2026-10-23 10:36:36', 'ed1c6e6e-0940-48b1-8224-1be41655d3d0', '2026-12-02 12:43:00.994156+00');
INSERT INTO public.backfill_feedback VALUES ('acme/dify-history', '49653ba1-db66-52c8-a827-2d624a85a65b', 'wandb.reaction.1', 'message_feedbacks:b5ef10c3-627d-4825-bb2e-0f51225387e3', 'd110360f-49d8-4781-b235-755e6d6d1b36', '2026-10-23 10:44:42', 'ed1c6e6e-0940-48b1-8224-1be41655d3d0', '2026-12-02 12:43:00.994156+00');
INSERT INTO public.backfill_feedback VALUES ('acme/dify-history', 'd9f6cb7b-08c1-57f8-ad9e-663453644d1f', 'wandb.note.1', 'message_feedbacks:b5ef10c3-627d-4825-bb2e-0f51225387e3', 'd110360f-49d8-4781-b235-755e6d6d1b36', '2026-10-23 10:44:42', 'ed1c6e6e-0940-48b1-8224-1be41655d3d0', '2026-12-02 12:43:00.994156+00');
INSERT INTO public.backfill_feedback VALUES ('acme/dify-history', '3a69c738-f2ac-5685-b8bb-9254294c777c', 'dify.annotation', 'message_annotations:d61fbf8b-0c89-4734-85e0-1603df65d8f6', '10c207e9-4096-48b1-9ec5-0cd8fc48317c', '2026-09-16 09:11:15', '98f6fabf-8457-44d1-bafb-e97b8b871378', '2026-12-02 12:43:00.994156+00');


--
-- Data for Name: backfill_feedback_counts; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.backfill_feedback_counts VALUES (1, 'feedback', 'dify.annotation', 'unlinked', 1);
INSERT INTO public.backfill_feedback_counts VALUES (1, 'feedback', 'wandb.reaction.1', 'waiting', 1);
INSERT INTO public.backfill_feedback_counts VALUES (1, 'feedback', 'wandb.reaction.1', 'created', 7);
INSERT INTO public.backfill_feedback_counts VALUES (1, 'feedback', 'wandb.note.1', 'created', 5);
INSERT INTO public.backfill_feedback_counts VALUES (1, 'feedback', 'dify.annotation', 'created', 1);
INSERT INTO public.backfill_feedback_counts VALUES (2, 'feedback', 'wandb.reaction.1', 'waiting', 1);
INSERT INTO public.backfill_feedback_counts VALUES (2, 'feedback', 'dify.annotation', 'unlinked', 1);


--
-- Data for Name: backfill_pending; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.backfill_pending VALUES ('kinds=dataset_retrieval,generate_name,message,moderation,tool,workflow|apps=|tenants=|sink=weave|project=acme/dify-history', 'workflow_runs', '35200201-4593-4d34-adb3-5d441044d6a3', '2026-08-29 05:01:25.951211', '2026-12-02 12:43:00.79957+00');
INSERT INTO public.backfill_pending VALUES ('kinds=dataset_retrieval,generate_name,message,moderation,tool,workflow|apps=|tenants=|sink=weave|project=acme/dify-history', 'workflow_runs', 'd0e849a4-39e5-4f03-89ac-ee8e87be9b52', '2026-08-30 05:15:25.684955', '2026-12-02 12:43:00.79957+00');
INSERT INTO public.backfill_pending VALUES ('kinds=dataset_retrieval,generate_name,message,moderation,tool,workflow|apps=|tenants=|sink=weave|project=acme/dify-history', 'workflow_runs', '15c53563-1ac3-43e7-8324-9218037e951a', '2026-09-05 17:17:48.182688', '2026-12-02 12:43:00.79957+00');
INSERT INTO public.backfill_pending VALUES ('kinds=dataset_retrieval,generate_name,message,moderation,tool,workflow|apps=|tenants=|sink=weave|project=acme/dify-history', 'workflow_runs', 'd5321acd-7286-48a7-b7b8-043b99bc4fbf', '2026-09-27 11:24:17.196251', '2026-12-02 12:43:00.79957+00');
INSERT INTO public.backfill_pending VALUES ('kinds=dataset_retrieval,generate_name,message,moderation,tool,workflow|apps=|tenants=|sink=weave|project=acme/dify-history', 'messages', '018c457d-5f1e-453f-bb34-183de55240ac', '2026-11-24 23:57:44', '2026-12-02 12:43:00.79957+00');
INSERT INTO public.backfill_pending VALUES ('kinds=dataset_retrieval,generate_name,message,moderation,tool,workflow|apps=|tenants=|sink=weave|project=acme/dify-history', 'messages', '942b0e65-b519-4ac3-9d99-eb7bdaae7cce', '2026-11-24 23:58:23', '2026-12-02 12:43:00.79957+00');
INSERT INTO public.backfill_pending VALUES ('kinds=dataset_retrieval,generate_name,message,moderation,tool,workflow|apps=|tenants=|sink=weave|project=acme/dify-history', 'messages', 'be2767d5-3a08-45c8-982d-826ef972f564', '2026-11-24 23:58:24', '2026-12-02 12:43:00.79957+00');
INSERT INTO public.backfill_pending VALUES ('kinds=dataset_retrieval,generate_name,message,moderation,tool,workflow|apps=|tenants=|sink=weave|project=acme/dify-history', 'messages', '60333610-7633-497f-b891-d051cf94af9c', '2026-11-24 23:58:28', '2026-12-02 12:43:00.79957+00');
INSERT INTO public.backfill_pending VALUES ('kinds=dataset_retrieval,generate_name,message,moderation,tool,workflow|apps=|tenants=|sink=weave|project=acme/dify-history', 'feedback', '942b0e65-b519-4ac3-9d99-eb7bdaae7cce', '2026-11-24 23:58:23', '2026-12-02 12:43:00.950172+00');


--
-- Data for Name: backfill_problem; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.backfill_problem VALUES (1, 1, 'workflowRunPartition:p002', 'workflow_runs', '18fa20df-727a-4565-ada2-20870ffde9d3', 'inputs', 'malformed JSON, sent as raw text: Unexpected end-of-input: was expecting closing quote for a string value', '2026-12-02 12:42:58.579718+00');
INSERT INTO public.backfill_problem VALUES (2, 1, 'feedback', 'message_annotations', '3a8b9516-3a99-4ed5-bed7-893046623120', 'message_id', 'annotation without a message: it belongs to no trace, not sent', '2026-12-02 12:43:00.908093+00');
INSERT INTO public.backfill_problem VALUES (3, 1, 'feedback', 'message_feedbacks', '71892e19-5315-483b-880e-a48076bbbad8', 'content', 'comment of 1500 characters cut to 1024 (Weave''s note limit)', '2026-12-02 12:43:00.950172+00');
INSERT INTO public.backfill_problem VALUES (4, 2, 'workflowRunPartition:p002', 'workflow_runs', '18fa20df-727a-4565-ada2-20870ffde9d3', 'inputs', 'malformed JSON, sent as raw text: Unexpected end-of-input: was expecting closing quote for a string value', '2026-12-02 12:43:03.610678+00');
INSERT INTO public.backfill_problem VALUES (5, 2, 'feedback', 'message_annotations', '3a8b9516-3a99-4ed5-bed7-893046623120', 'message_id', 'annotation without a message: it belongs to no trace, not sent', '2026-12-02 12:43:06.647523+00');


--
-- Data for Name: backfill_watermark; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.backfill_watermark VALUES ('sync|kinds=dataset_retrieval,generate_name,message,moderation,tool,workflow|apps=|tenants=|sink=weave|project=acme/dify-history', '2026-11-25 23:50:00+00', 1, '2026-12-02 12:43:01.260392+00');


--
-- Data for Name: batch_job_execution; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.batch_job_execution VALUES (1, 3, 1, '2026-12-02 18:12:56.882725', '2026-12-02 18:12:56.902481', '2026-12-02 18:13:01.098476', 'COMPLETED', 'COMPLETED', '', '2026-12-02 18:13:01.106746');
INSERT INTO public.batch_job_execution VALUES (2, 3, 2, '2026-12-02 18:13:02.695645', '2026-12-02 18:13:02.723021', '2026-12-02 18:13:06.836107', 'COMPLETED', 'COMPLETED', '', '2026-12-02 18:13:06.843046');


--
-- Data for Name: batch_job_execution_context; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.batch_job_execution_context VALUES (1, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAABdAANYmF0Y2gudmVyc2lvbnQABTYuMC40eA==', NULL);
INSERT INTO public.batch_job_execution_context VALUES (2, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAABdAANYmF0Y2gudmVyc2lvbnQABTYuMC40eA==', NULL);


--
-- Data for Name: batch_job_execution_params; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.batch_job_execution_params VALUES (1, 'window.from', 'java.lang.String', '2000-01-01T00:00:00Z', 'Y');
INSERT INTO public.batch_job_execution_params VALUES (1, 'sync.scope', 'java.lang.String', 'sync|kinds=dataset_retrieval,generate_name,message,moderation,tool,workflow|apps=|tenants=|sink=weave|project=acme/dify-history', 'N');
INSERT INTO public.batch_job_execution_params VALUES (1, 'sink', 'java.lang.String', 'weave', 'Y');
INSERT INTO public.batch_job_execution_params VALUES (1, 'window.to', 'java.lang.String', '2026-11-25T23:50:00Z', 'Y');
INSERT INTO public.batch_job_execution_params VALUES (1, 'project', 'java.lang.String', 'acme/dify-history', 'Y');
INSERT INTO public.batch_job_execution_params VALUES (1, 'kinds', 'java.lang.String', 'dataset_retrieval,generate_name,message,moderation,tool,workflow', 'Y');
INSERT INTO public.batch_job_execution_params VALUES (1, 'stale.after', 'java.lang.String', 'PT876000H', 'N');
INSERT INTO public.batch_job_execution_params VALUES (1, 'filter.apps', 'java.lang.String', '', 'Y');
INSERT INTO public.batch_job_execution_params VALUES (1, 'window.to.defaulted', 'java.lang.String', 'true', 'N');
INSERT INTO public.batch_job_execution_params VALUES (1, 'filter.tenants', 'java.lang.String', '', 'Y');
INSERT INTO public.batch_job_execution_params VALUES (1, 'job.label', 'java.lang.String', 'sync', 'N');
INSERT INTO public.batch_job_execution_params VALUES (1, 'stale.asof', 'java.lang.String', '2026-11-26T00:00:00Z', 'N');
INSERT INTO public.batch_job_execution_params VALUES (2, 'window.from', 'java.lang.String', '2026-08-01T00:00:00Z', 'Y');
INSERT INTO public.batch_job_execution_params VALUES (2, 'filter.apps', 'java.lang.String', '', 'Y');
INSERT INTO public.batch_job_execution_params VALUES (2, 'window.to.defaulted', 'java.lang.String', 'false', 'N');
INSERT INTO public.batch_job_execution_params VALUES (2, 'filter.tenants', 'java.lang.String', '', 'Y');
INSERT INTO public.batch_job_execution_params VALUES (2, 'sink', 'java.lang.String', 'weave', 'Y');
INSERT INTO public.batch_job_execution_params VALUES (2, 'window.to', 'java.lang.String', '2026-11-01T00:00:00Z', 'Y');
INSERT INTO public.batch_job_execution_params VALUES (2, 'project', 'java.lang.String', 'acme/dify-history', 'Y');
INSERT INTO public.batch_job_execution_params VALUES (2, 'kinds', 'java.lang.String', 'dataset_retrieval,generate_name,message,moderation,tool,workflow', 'Y');
INSERT INTO public.batch_job_execution_params VALUES (2, 'job.label', 'java.lang.String', 'migrate', 'N');
INSERT INTO public.batch_job_execution_params VALUES (2, 'stale.after', 'java.lang.String', 'PT876000H', 'N');
INSERT INTO public.batch_job_execution_params VALUES (2, 'stale.asof', 'java.lang.String', '2026-11-26T00:10:00Z', 'N');


--
-- Data for Name: batch_job_instance; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.batch_job_instance VALUES (1, 0, 'traceBackfill', 'e17b841130446340c6cce1f88c3f3f13');
INSERT INTO public.batch_job_instance VALUES (2, 0, 'traceBackfill', 'a1f315ff4a7d1bdbefbc280de2cf0cae');


--
-- Data for Name: batch_step_execution; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.batch_step_execution VALUES (1, 4, 'pendingWorkflowTraces', 1, '2026-12-02 18:12:56.913334', '2026-12-02 18:12:56.919383', '2026-12-02 18:12:57.015445', 'COMPLETED', 0, 0, 0, 0, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:12:57.033435');
INSERT INTO public.batch_step_execution VALUES (2, 4, 'pendingMessageTraces', 1, '2026-12-02 18:12:57.076757', '2026-12-02 18:12:57.086667', '2026-12-02 18:12:57.130204', 'COMPLETED', 0, 0, 0, 0, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:12:57.147237');
INSERT INTO public.batch_step_execution VALUES (4, 5, 'workflowRunPartition:p000', 1, '2026-12-02 18:12:57.219194', '2026-12-02 18:12:57.256568', '2026-12-02 18:12:58.61856', 'COMPLETED', 1, 10, 0, 10, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:12:58.628451');
INSERT INTO public.batch_step_execution VALUES (7, 5, 'workflowRunPartition:p003', 1, '2026-12-02 18:12:57.251323', '2026-12-02 18:12:57.266178', '2026-12-02 18:12:58.709456', 'COMPLETED', 2, 11, 0, 11, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:12:58.734984');
INSERT INTO public.batch_step_execution VALUES (5, 5, 'workflowRunPartition:p001', 1, '2026-12-02 18:12:57.227311', '2026-12-02 18:12:57.258791', '2026-12-02 18:12:58.815628', 'COMPLETED', 2, 12, 0, 12, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:12:58.830773');
INSERT INTO public.batch_step_execution VALUES (6, 5, 'workflowRunPartition:p002', 1, '2026-12-02 18:12:57.241138', '2026-12-02 18:12:57.262343', '2026-12-02 18:12:58.826007', 'COMPLETED', 2, 13, 0, 13, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:12:58.875255');
INSERT INTO public.batch_step_execution VALUES (3, 3, 'workflowTraces', 1, '2026-12-02 18:12:57.182803', '2026-12-02 18:12:57.185183', '2026-12-02 18:12:58.89875', 'COMPLETED', 7, 46, 0, 46, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:12:58.911547');
INSERT INTO public.batch_step_execution VALUES (24, 4, 'workflowRunPartition:p001', 2, '2026-12-02 18:13:03.106537', '2026-12-02 18:13:03.170042', '2026-12-02 18:13:03.602249', 'COMPLETED', 1, 9, 0, 9, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:03.634789');
INSERT INTO public.batch_step_execution VALUES (17, 4, 'conversationPartition:p003', 1, '2026-12-02 18:12:59.985325', '2026-12-02 18:13:00.000075', '2026-12-02 18:13:00.512904', 'COMPLETED', 1, 1, 0, 1, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:00.578688');
INSERT INTO public.batch_step_execution VALUES (14, 4, 'conversationPartition:p000', 1, '2026-12-02 18:12:59.932498', '2026-12-02 18:13:00.000723', '2026-12-02 18:13:00.565665', 'COMPLETED', 1, 2, 0, 2, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:00.578758');
INSERT INTO public.batch_step_execution VALUES (20, 4, 'pendingWorkflowTraces', 2, '2026-12-02 18:13:02.729017', '2026-12-02 18:13:02.738272', '2026-12-02 18:13:02.814316', 'COMPLETED', 0, 0, 0, 0, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:02.844049');
INSERT INTO public.batch_step_execution VALUES (15, 4, 'conversationPartition:p001', 1, '2026-12-02 18:12:59.943689', '2026-12-02 18:13:00.00099', '2026-12-02 18:13:00.580228', 'COMPLETED', 1, 2, 0, 2, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:00.600223');
INSERT INTO public.batch_step_execution VALUES (16, 4, 'conversationPartition:p002', 1, '2026-12-02 18:12:59.958674', '2026-12-02 18:13:00.000096', '2026-12-02 18:13:00.673362', 'COMPLETED', 1, 2, 0, 2, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:00.690702');
INSERT INTO public.batch_step_execution VALUES (13, 3, 'conversationNames', 1, '2026-12-02 18:12:59.475106', '2026-12-02 18:12:59.494521', '2026-12-02 18:13:00.710848', 'COMPLETED', 4, 7, 0, 7, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:00.716403');
INSERT INTO public.batch_step_execution VALUES (10, 5, 'messagePartition:p001', 1, '2026-12-02 18:12:59.019701', '2026-12-02 18:12:59.039191', '2026-12-02 18:12:59.388251', 'COMPLETED', 2, 12, 0, 12, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:12:59.390615');
INSERT INTO public.batch_step_execution VALUES (11, 5, 'messagePartition:p002', 1, '2026-12-02 18:12:59.027192', '2026-12-02 18:12:59.038373', '2026-12-02 18:12:59.383368', 'COMPLETED', 2, 12, 0, 12, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:12:59.391895');
INSERT INTO public.batch_step_execution VALUES (9, 5, 'messagePartition:p000', 1, '2026-12-02 18:12:59.007047', '2026-12-02 18:12:59.038997', '2026-12-02 18:12:59.408382', 'COMPLETED', 2, 12, 0, 12, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:12:59.417134');
INSERT INTO public.batch_step_execution VALUES (21, 4, 'pendingMessageTraces', 2, '2026-12-02 18:13:02.926912', '2026-12-02 18:13:02.93426', '2026-12-02 18:13:03.002268', 'COMPLETED', 0, 0, 0, 0, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:03.01177');
INSERT INTO public.batch_step_execution VALUES (12, 4, 'messagePartition:p003', 1, '2026-12-02 18:12:59.035312', '2026-12-02 18:12:59.040807', '2026-12-02 18:12:59.421476', 'COMPLETED', 1, 8, 0, 8, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:12:59.423487');
INSERT INTO public.batch_step_execution VALUES (8, 3, 'messageTraces', 1, '2026-12-02 18:12:58.967396', '2026-12-02 18:12:58.972124', '2026-12-02 18:12:59.438457', 'COMPLETED', 7, 44, 0, 44, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:12:59.446829');
INSERT INTO public.batch_step_execution VALUES (18, 4, 'recordPending', 1, '2026-12-02 18:13:00.751146', '2026-12-02 18:13:00.765292', '2026-12-02 18:13:00.814473', 'COMPLETED', 1, 0, 0, 0, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:00.838833');
INSERT INTO public.batch_step_execution VALUES (26, 4, 'workflowRunPartition:p003', 2, '2026-12-02 18:13:03.149296', '2026-12-02 18:13:03.164736', '2026-12-02 18:13:03.505599', 'COMPLETED', 1, 8, 0, 8, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:03.578923');
INSERT INTO public.batch_step_execution VALUES (19, 7, 'feedback', 1, '2026-12-02 18:13:00.860706', '2026-12-02 18:13:00.867156', '2026-12-02 18:13:01.061473', 'COMPLETED', 4, 8, 0, 0, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:01.077275');
INSERT INTO public.batch_step_execution VALUES (25, 5, 'workflowRunPartition:p002', 2, '2026-12-02 18:13:03.126818', '2026-12-02 18:13:03.169867', '2026-12-02 18:13:03.650284', 'COMPLETED', 1, 10, 0, 10, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:03.679723');
INSERT INTO public.batch_step_execution VALUES (23, 4, 'workflowRunPartition:p000', 2, '2026-12-02 18:13:03.088672', '2026-12-02 18:13:03.16615', '2026-12-02 18:13:03.772468', 'COMPLETED', 1, 7, 0, 7, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:03.784255');
INSERT INTO public.batch_step_execution VALUES (34, 4, 'conversationPartition:p001', 2, '2026-12-02 18:13:05.373971', '2026-12-02 18:13:05.405179', '2026-12-02 18:13:06.267574', 'COMPLETED', 1, 1, 0, 1, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:06.280649');
INSERT INTO public.batch_step_execution VALUES (22, 3, 'workflowTraces', 2, '2026-12-02 18:13:03.046772', '2026-12-02 18:13:03.053238', '2026-12-02 18:13:03.798496', 'COMPLETED', 4, 34, 0, 34, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:03.814857');
INSERT INTO public.batch_step_execution VALUES (28, 4, 'messagePartition:p000', 2, '2026-12-02 18:13:03.890971', '2026-12-02 18:13:03.94314', '2026-12-02 18:13:04.382614', 'COMPLETED', 1, 6, 0, 6, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:04.40876');
INSERT INTO public.batch_step_execution VALUES (30, 4, 'messagePartition:p002', 2, '2026-12-02 18:13:03.918779', '2026-12-02 18:13:03.942622', '2026-12-02 18:13:04.398314', 'COMPLETED', 1, 6, 0, 6, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:04.416243');
INSERT INTO public.batch_step_execution VALUES (31, 4, 'messagePartition:p003', 2, '2026-12-02 18:13:03.9342', '2026-12-02 18:13:03.946474', '2026-12-02 18:13:04.408928', 'COMPLETED', 1, 6, 0, 6, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:04.441164');
INSERT INTO public.batch_step_execution VALUES (29, 4, 'messagePartition:p001', 2, '2026-12-02 18:13:03.907381', '2026-12-02 18:13:03.946893', '2026-12-02 18:13:04.402307', 'COMPLETED', 1, 6, 0, 6, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:04.456521');
INSERT INTO public.batch_step_execution VALUES (27, 3, 'messageTraces', 2, '2026-12-02 18:13:03.840151', '2026-12-02 18:13:03.841536', '2026-12-02 18:13:04.474381', 'COMPLETED', 4, 24, 0, 24, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:04.536554');
INSERT INTO public.batch_step_execution VALUES (33, 4, 'conversationPartition:p000', 2, '2026-12-02 18:13:05.347465', '2026-12-02 18:13:05.405292', '2026-12-02 18:13:06.014309', 'COMPLETED', 1, 1, 0, 1, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:06.050232');
INSERT INTO public.batch_step_execution VALUES (36, 4, 'conversationPartition:p003', 2, '2026-12-02 18:13:05.394944', '2026-12-02 18:13:05.404998', '2026-12-02 18:13:06.120899', 'COMPLETED', 1, 1, 0, 1, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:06.166532');
INSERT INTO public.batch_step_execution VALUES (35, 4, 'conversationPartition:p002', 2, '2026-12-02 18:13:05.384494', '2026-12-02 18:13:05.404422', '2026-12-02 18:13:06.138837', 'COMPLETED', 1, 1, 0, 1, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:06.187109');
INSERT INTO public.batch_step_execution VALUES (32, 3, 'conversationNames', 2, '2026-12-02 18:13:04.810039', '2026-12-02 18:13:04.834298', '2026-12-02 18:13:06.322476', 'COMPLETED', 4, 4, 0, 4, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:06.350568');
INSERT INTO public.batch_step_execution VALUES (37, 4, 'recordPending', 2, '2026-12-02 18:13:06.402333', '2026-12-02 18:13:06.411653', '2026-12-02 18:13:06.4763', 'COMPLETED', 1, 0, 0, 0, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:06.489321');
INSERT INTO public.batch_step_execution VALUES (38, 7, 'feedback', 2, '2026-12-02 18:13:06.505264', '2026-12-02 18:13:06.51045', '2026-12-02 18:13:06.810315', 'COMPLETED', 4, 6, 0, 0, 0, 0, 0, 0, 'COMPLETED', '', '2026-12-02 18:13:06.829144');


--
-- Data for Name: batch_step_execution_context; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.batch_step_execution_context VALUES (1, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAAHdAAbcGVuZGluZ1dvcmtmbG93UnVucy5sYXN0LmlkdAAkZmZmZmZmZmYtZmZmZi1mZmZmLWZmZmYtZmZmZmZmZmZmZmZmdAAaYmFja2ZpbGwuZGVsaXZlcnkucmVxdWVzdHNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0ACNwZW5kaW5nV29ya2Zsb3dSdW5zLmxhc3QuY3JlYXRlZF9hdHQAGjE5NjktMTItMzFUMjM6NTk6NTkuOTk5OTk5dAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAOYmF0Y2guc3RlcFR5cGV0ADpvcmcuc3ByaW5nZnJhbWV3b3JrLmJhdGNoLmNvcmUuc3RlcC5pdGVtLkNodW5rT3JpZW50ZWRTdGVwdAAcYmFja2ZpbGwuZGVsaXZlcnkuYnl0ZXNfc2VudHEAfgAHdAAZYmFja2ZpbGwuZGVsaXZlcnkucmV0cmllc3EAfgAHeA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (2, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAAHdAAaYmFja2ZpbGwuZGVsaXZlcnkucmVxdWVzdHNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0ABdwZW5kaW5nTWVzc2FnZXMubGFzdC5pZHQAJGZmZmZmZmZmLWZmZmYtZmZmZi1mZmZmLWZmZmZmZmZmZmZmZnQADWJhdGNoLnZlcnNpb250AAU2LjAuNHQADmJhdGNoLnN0ZXBUeXBldAA6b3JnLnNwcmluZ2ZyYW1ld29yay5iYXRjaC5jb3JlLnN0ZXAuaXRlbS5DaHVua09yaWVudGVkU3RlcHQAHGJhY2tmaWxsLmRlbGl2ZXJ5LmJ5dGVzX3NlbnRxAH4ABXQAH3BlbmRpbmdNZXNzYWdlcy5sYXN0LmNyZWF0ZWRfYXR0ABoxOTY5LTEyLTMxVDIzOjU5OjU5Ljk5OTk5OXQAGWJhY2tmaWxsLmRlbGl2ZXJ5LnJldHJpZXNxAH4ABXg=', NULL);
INSERT INTO public.batch_step_execution_context VALUES (4, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAPdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAEDIwMDAtMDEtMDFUMDA6MDB0ABViYWNrZmlsbC5kZWFkX2xldHRlcnNxAH4ABXQAEWJhY2tmaWxsLm5vdF9zZW50cQB+AAV0ABtiYWNrZmlsbC5hcHByb3hpbWF0ZWRfY2FsbHNxAH4ABXQAGWJhY2tmaWxsLmRlbGl2ZXJ5LnJldHJpZXNxAH4ABXQAGmJhY2tmaWxsLmRlbGl2ZXJ5LnJlcXVlc3Rzc3EAfgADAAAAAAAAAAF0ABx3b3JrZmxvd1J1bnMubGFzdC5jcmVhdGVkX2F0dAAaMjAyNi0wOS0xN1QxODozMjoyMS4yMTQxMzd0AA5iYWNrZmlsbC5jYWxsc3NxAH4AAwAAAAAAAABsdAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAPcGFydGl0aW9uLmVtcHR5dAAFZmFsc2V0AA5iYXRjaC5zdGVwVHlwZXQAOm9yZy5zcHJpbmdmcmFtZXdvcmsuYmF0Y2guY29yZS5zdGVwLml0ZW0uQ2h1bmtPcmllbnRlZFN0ZXB0ABxiYWNrZmlsbC5kZWxpdmVyeS5ieXRlc19zZW50c3EAfgADAAAAAAAEiex0AAxwYXJ0aXRpb24udG90ABoyMDI2LTA5LTE4VDE5OjU4OjI5LjYzODgxOXQAFHdvcmtmbG93UnVucy5sYXN0LmlkdAAkOWU1YmY4OTktZmMyMy00N2U5LWIxZDUtNTgxYmM0MTkzZTI1eA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (26, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAPdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAGjIwMjYtMTAtMTdUMTQ6MTE6NDMuODE0NzUzdAAVYmFja2ZpbGwuZGVhZF9sZXR0ZXJzcQB+AAV0ABFiYWNrZmlsbC5ub3Rfc2VudHEAfgAFdAAbYmFja2ZpbGwuYXBwcm94aW1hdGVkX2NhbGxzcQB+AAV0ABliYWNrZmlsbC5kZWxpdmVyeS5yZXRyaWVzcQB+AAV0ABpiYWNrZmlsbC5kZWxpdmVyeS5yZXF1ZXN0c3NxAH4AAwAAAAAAAAABdAAcd29ya2Zsb3dSdW5zLmxhc3QuY3JlYXRlZF9hdHQAGjIwMjYtMTAtMzBUMDQ6Mjk6MTYuNzY0MzczdAAOYmFja2ZpbGwuY2FsbHNzcQB+AAMAAAAAAAAAUXQADWJhdGNoLnZlcnNpb250AAU2LjAuNHQAD3BhcnRpdGlvbi5lbXB0eXQABWZhbHNldAAOYmF0Y2guc3RlcFR5cGV0ADpvcmcuc3ByaW5nZnJhbWV3b3JrLmJhdGNoLmNvcmUuc3RlcC5pdGVtLkNodW5rT3JpZW50ZWRTdGVwdAAcYmFja2ZpbGwuZGVsaXZlcnkuYnl0ZXNfc2VudHNxAH4AAwAAAAAAAyeRdAAMcGFydGl0aW9uLnRvdAAQMjAyNi0xMS0wMVQwMDowMHQAFHdvcmtmbG93UnVucy5sYXN0LmlkdAAkNzMwZGRiY2UtMDY4Yy00OTk1LTlmMmUtMzg2MTZlYTNkZWJieA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (15, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAPdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAEzIwMjYtMTAtMTBUMTE6NTQ6MTR0ABVjb252ZXJzYXRpb25zLmxhc3QuaWR0ACQxNmE4YWRjNi1kNTllLTRhNzgtOWRjZC01NTk1NDM5ZjhhMGZ0ABViYWNrZmlsbC5kZWFkX2xldHRlcnNxAH4ABXQAEWJhY2tmaWxsLm5vdF9zZW50cQB+AAV0ABtiYWNrZmlsbC5hcHByb3hpbWF0ZWRfY2FsbHNzcQB+AAMAAAAAAAAAAnQAGWJhY2tmaWxsLmRlbGl2ZXJ5LnJldHJpZXNxAH4ABXQAHWNvbnZlcnNhdGlvbnMubGFzdC5jcmVhdGVkX2F0dAATMjAyNi0xMC0yNlQxNjozMToxNHQAGmJhY2tmaWxsLmRlbGl2ZXJ5LnJlcXVlc3Rzc3EAfgADAAAAAAAAAAF0AA5iYWNrZmlsbC5jYWxsc3EAfgANdAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAPcGFydGl0aW9uLmVtcHR5dAAFZmFsc2V0AA5iYXRjaC5zdGVwVHlwZXQAOm9yZy5zcHJpbmdmcmFtZXdvcmsuYmF0Y2guY29yZS5zdGVwLml0ZW0uQ2h1bmtPcmllbnRlZFN0ZXB0ABxiYWNrZmlsbC5kZWxpdmVyeS5ieXRlc19zZW50c3EAfgADAAAAAAAAChh0AAxwYXJ0aXRpb24udG90ABMyMDI2LTExLTE2VDIzOjQ0OjE4eA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (5, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAPdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAGjIwMjYtMDktMThUMTk6NTg6MjkuNjM4ODE5dAAVYmFja2ZpbGwuZGVhZF9sZXR0ZXJzcQB+AAV0ABFiYWNrZmlsbC5ub3Rfc2VudHEAfgAFdAAbYmFja2ZpbGwuYXBwcm94aW1hdGVkX2NhbGxzcQB+AAV0ABliYWNrZmlsbC5kZWxpdmVyeS5yZXRyaWVzcQB+AAV0ABpiYWNrZmlsbC5kZWxpdmVyeS5yZXF1ZXN0c3NxAH4AAwAAAAAAAAACdAAcd29ya2Zsb3dSdW5zLmxhc3QuY3JlYXRlZF9hdHQAGjIwMjYtMTAtMTFUMTQ6MDk6MjEuODc2MDY0dAAOYmFja2ZpbGwuY2FsbHNzcQB+AAMAAAAAAAAAgHQADWJhdGNoLnZlcnNpb250AAU2LjAuNHQAD3BhcnRpdGlvbi5lbXB0eXQABWZhbHNldAAOYmF0Y2guc3RlcFR5cGV0ADpvcmcuc3ByaW5nZnJhbWV3b3JrLmJhdGNoLmNvcmUuc3RlcC5pdGVtLkNodW5rT3JpZW50ZWRTdGVwdAAcYmFja2ZpbGwuZGVsaXZlcnkuYnl0ZXNfc2VudHNxAH4AAwAAAAAABTq/dAAMcGFydGl0aW9uLnRvdAAaMjAyNi0xMC0xMlQwMDozMjoxOC4xNzMzODN0ABR3b3JrZmxvd1J1bnMubGFzdC5pZHQAJGIwN2RiODExLWVjYWItNGFmNy05YzJiLWZkZmM3YWI2NTVlMHg=', NULL);
INSERT INTO public.batch_step_execution_context VALUES (12, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAQdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAEzIwMjYtMTEtMjRUMjM6NTQ6NTN0ABhtZXNzYWdlcy5sYXN0LmNyZWF0ZWRfYXR0ABMyMDI2LTExLTI0VDIzOjU3OjI2dAAVYmFja2ZpbGwuZGVhZF9sZXR0ZXJzcQB+AAV0ABFiYWNrZmlsbC5ub3Rfc2VudHEAfgAFdAAbYmFja2ZpbGwuYXBwcm94aW1hdGVkX2NhbGxzc3EAfgADAAAAAAAAAAd0ABBtZXNzYWdlcy5sYXN0LmlkdAAkMzNmZjEwY2YtYzE0Zi00YmU5LTlhODQtMWFkNThkOGVlYWI4dAAZYmFja2ZpbGwuZGVsaXZlcnkucmV0cmllc3EAfgAFdAAaYmFja2ZpbGwuZGVsaXZlcnkucmVxdWVzdHNzcQB+AAMAAAAAAAAAAXQAMmJhY2tmaWxsLm5vdGUuc3VnZ2VzdGVkX3F1ZXN0aW9uc19ub3RfcmVwcm9kdWNpYmxlc3EAfgADAAAAAAAAAAh0AA5iYWNrZmlsbC5jYWxsc3NxAH4AAwAAAAAAAAAmdAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAPcGFydGl0aW9uLmVtcHR5dAAFZmFsc2V0AA5iYXRjaC5zdGVwVHlwZXQAOm9yZy5zcHJpbmdmcmFtZXdvcmsuYmF0Y2guY29yZS5zdGVwLml0ZW0uQ2h1bmtPcmllbnRlZFN0ZXB0ABxiYWNrZmlsbC5kZWxpdmVyeS5ieXRlc19zZW50c3EAfgADAAAAAAAB1Hp0AAxwYXJ0aXRpb24udG90ABAyMDI2LTExLTI1VDIzOjUweA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (6, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAPdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAF0AA5wYXJ0aXRpb24uZnJvbXQAGjIwMjYtMTAtMTJUMDA6MzI6MTguMTczMzgzdAAVYmFja2ZpbGwuZGVhZF9sZXR0ZXJzc3EAfgADAAAAAAAAAAB0ABFiYWNrZmlsbC5ub3Rfc2VudHEAfgAJdAAbYmFja2ZpbGwuYXBwcm94aW1hdGVkX2NhbGxzcQB+AAl0ABliYWNrZmlsbC5kZWxpdmVyeS5yZXRyaWVzcQB+AAl0ABpiYWNrZmlsbC5kZWxpdmVyeS5yZXF1ZXN0c3NxAH4AAwAAAAAAAAACdAAcd29ya2Zsb3dSdW5zLmxhc3QuY3JlYXRlZF9hdHQAGjIwMjYtMTEtMDFUMTE6MDE6MjAuMDQ5Njk5dAAOYmFja2ZpbGwuY2FsbHNzcQB+AAMAAAAAAAAAiHQADWJhdGNoLnZlcnNpb250AAU2LjAuNHQAD3BhcnRpdGlvbi5lbXB0eXQABWZhbHNldAAOYmF0Y2guc3RlcFR5cGV0ADpvcmcuc3ByaW5nZnJhbWV3b3JrLmJhdGNoLmNvcmUuc3RlcC5pdGVtLkNodW5rT3JpZW50ZWRTdGVwdAAcYmFja2ZpbGwuZGVsaXZlcnkuYnl0ZXNfc2VudHNxAH4AAwAAAAAABWGVdAAMcGFydGl0aW9uLnRvdAAaMjAyNi0xMS0wMlQwNDoyMDoxMi40NDU4NDF0ABR3b3JrZmxvd1J1bnMubGFzdC5pZHQAJGVlMTlhYzRkLTJkM2MtNGM3Yy05M2YwLTYzNmY5ZTlkOTgwN3g=', NULL);
INSERT INTO public.batch_step_execution_context VALUES (16, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAPdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAEzIwMjYtMTEtMTZUMjM6NDQ6MTh0ABVjb252ZXJzYXRpb25zLmxhc3QuaWR0ACRkMWYyOTcyMC0yMjIzLTQyM2YtODc2Zi0xMzhmYTgxODYxY2N0ABViYWNrZmlsbC5kZWFkX2xldHRlcnNxAH4ABXQAEWJhY2tmaWxsLm5vdF9zZW50cQB+AAV0ABtiYWNrZmlsbC5hcHByb3hpbWF0ZWRfY2FsbHNzcQB+AAMAAAAAAAAAAnQAGWJhY2tmaWxsLmRlbGl2ZXJ5LnJldHJpZXNxAH4ABXQAHWNvbnZlcnNhdGlvbnMubGFzdC5jcmVhdGVkX2F0dAATMjAyNi0xMS0yNFQyMzo1NDowM3QAGmJhY2tmaWxsLmRlbGl2ZXJ5LnJlcXVlc3Rzc3EAfgADAAAAAAAAAAF0AA5iYWNrZmlsbC5jYWxsc3EAfgANdAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAPcGFydGl0aW9uLmVtcHR5dAAFZmFsc2V0AA5iYXRjaC5zdGVwVHlwZXQAOm9yZy5zcHJpbmdmcmFtZXdvcmsuYmF0Y2guY29yZS5zdGVwLml0ZW0uQ2h1bmtPcmllbnRlZFN0ZXB0ABxiYWNrZmlsbC5kZWxpdmVyeS5ieXRlc19zZW50c3EAfgADAAAAAAAACh50AAxwYXJ0aXRpb24udG90ABMyMDI2LTExLTI0VDIzOjU1OjE3eA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (10, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAQdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAEzIwMjYtMTAtMDhUMTE6NTY6NDB0ABhtZXNzYWdlcy5sYXN0LmNyZWF0ZWRfYXR0ABMyMDI2LTEwLTI2VDE2OjQ1OjI1dAAVYmFja2ZpbGwuZGVhZF9sZXR0ZXJzcQB+AAV0ABFiYWNrZmlsbC5ub3Rfc2VudHEAfgAFdAAbYmFja2ZpbGwuYXBwcm94aW1hdGVkX2NhbGxzc3EAfgADAAAAAAAAAAp0ABBtZXNzYWdlcy5sYXN0LmlkdAAkNDM3OTM4NTAtMTNjOS00ZDRkLTgyY2ItNDcwYmYxMDZkMWY5dAAZYmFja2ZpbGwuZGVsaXZlcnkucmV0cmllc3EAfgAFdAAaYmFja2ZpbGwuZGVsaXZlcnkucmVxdWVzdHNzcQB+AAMAAAAAAAAAAnQAMmJhY2tmaWxsLm5vdGUuc3VnZ2VzdGVkX3F1ZXN0aW9uc19ub3RfcmVwcm9kdWNpYmxlc3EAfgADAAAAAAAAAAt0AA5iYWNrZmlsbC5jYWxsc3NxAH4AAwAAAAAAAABBdAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAPcGFydGl0aW9uLmVtcHR5dAAFZmFsc2V0AA5iYXRjaC5zdGVwVHlwZXQAOm9yZy5zcHJpbmdmcmFtZXdvcmsuYmF0Y2guY29yZS5zdGVwLml0ZW0uQ2h1bmtPcmllbnRlZFN0ZXB0ABxiYWNrZmlsbC5kZWxpdmVyeS5ieXRlc19zZW50c3EAfgADAAAAAAAC+vN0AAxwYXJ0aXRpb24udG90ABMyMDI2LTExLTA0VDA5OjE1OjI3eA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (7, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAPdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAGjIwMjYtMTEtMDJUMDQ6MjA6MTIuNDQ1ODQxdAAVYmFja2ZpbGwuZGVhZF9sZXR0ZXJzcQB+AAV0ABFiYWNrZmlsbC5ub3Rfc2VudHEAfgAFdAAbYmFja2ZpbGwuYXBwcm94aW1hdGVkX2NhbGxzcQB+AAV0ABliYWNrZmlsbC5kZWxpdmVyeS5yZXRyaWVzcQB+AAV0ABpiYWNrZmlsbC5kZWxpdmVyeS5yZXF1ZXN0c3NxAH4AAwAAAAAAAAACdAAcd29ya2Zsb3dSdW5zLmxhc3QuY3JlYXRlZF9hdHQAGjIwMjYtMTEtMjFUMDk6MDA6MzguNTk1Nzk1dAAOYmFja2ZpbGwuY2FsbHNzcQB+AAMAAAAAAAAAa3QADWJhdGNoLnZlcnNpb250AAU2LjAuNHQAD3BhcnRpdGlvbi5lbXB0eXQABWZhbHNldAAOYmF0Y2guc3RlcFR5cGV0ADpvcmcuc3ByaW5nZnJhbWV3b3JrLmJhdGNoLmNvcmUuc3RlcC5pdGVtLkNodW5rT3JpZW50ZWRTdGVwdAAcYmFja2ZpbGwuZGVsaXZlcnkuYnl0ZXNfc2VudHNxAH4AAwAAAAAABGbBdAAMcGFydGl0aW9uLnRvdAAQMjAyNi0xMS0yNVQyMzo1MHQAFHdvcmtmbG93UnVucy5sYXN0LmlkdAAkMGJiNjU0ZjYtZTE4MC00Mzg4LWEwM2QtMjM0OWI1M2UzZWE1eA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (3, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAADdAAlU2ltcGxlU3RlcEV4ZWN1dGlvblNwbGl0dGVyLkdSSURfU0laRXNyAA5qYXZhLmxhbmcuTG9uZzuL5JDMjyPfAgABSgAFdmFsdWV4cgAQamF2YS5sYW5nLk51bWJlcoaslR0LlOCLAgAAeHAAAAAAAAAABHQADWJhdGNoLnZlcnNpb250AAU2LjAuNHQADmJhdGNoLnN0ZXBUeXBldAA2b3JnLnNwcmluZ2ZyYW1ld29yay5iYXRjaC5jb3JlLnBhcnRpdGlvbi5QYXJ0aXRpb25TdGVweA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (22, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAADdAAlU2ltcGxlU3RlcEV4ZWN1dGlvblNwbGl0dGVyLkdSSURfU0laRXNyAA5qYXZhLmxhbmcuTG9uZzuL5JDMjyPfAgABSgAFdmFsdWV4cgAQamF2YS5sYW5nLk51bWJlcoaslR0LlOCLAgAAeHAAAAAAAAAABHQADWJhdGNoLnZlcnNpb250AAU2LjAuNHQADmJhdGNoLnN0ZXBUeXBldAA2b3JnLnNwcmluZ2ZyYW1ld29yay5iYXRjaC5jb3JlLnBhcnRpdGlvbi5QYXJ0aXRpb25TdGVweA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (11, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAQdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAEzIwMjYtMTEtMDRUMDk6MTU6Mjd0ABhtZXNzYWdlcy5sYXN0LmNyZWF0ZWRfYXR0ABMyMDI2LTExLTI0VDIzOjU0OjAzdAAVYmFja2ZpbGwuZGVhZF9sZXR0ZXJzcQB+AAV0ABFiYWNrZmlsbC5ub3Rfc2VudHEAfgAFdAAbYmFja2ZpbGwuYXBwcm94aW1hdGVkX2NhbGxzc3EAfgADAAAAAAAAABB0ABBtZXNzYWdlcy5sYXN0LmlkdAAkNDk5OWU0Y2YtOGQ0Mi00OTAwLTlhY2EtNTlkNzE1MTg1ZjQ0dAAZYmFja2ZpbGwuZGVsaXZlcnkucmV0cmllc3EAfgAFdAAaYmFja2ZpbGwuZGVsaXZlcnkucmVxdWVzdHNzcQB+AAMAAAAAAAAAAnQAMmJhY2tmaWxsLm5vdGUuc3VnZ2VzdGVkX3F1ZXN0aW9uc19ub3RfcmVwcm9kdWNpYmxlc3EAfgADAAAAAAAAAAd0AA5iYWNrZmlsbC5jYWxsc3NxAH4AAwAAAAAAAAArdAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAPcGFydGl0aW9uLmVtcHR5dAAFZmFsc2V0AA5iYXRjaC5zdGVwVHlwZXQAOm9yZy5zcHJpbmdmcmFtZXdvcmsuYmF0Y2guY29yZS5zdGVwLml0ZW0uQ2h1bmtPcmllbnRlZFN0ZXB0ABxiYWNrZmlsbC5kZWxpdmVyeS5ieXRlc19zZW50c3EAfgADAAAAAAABvLF0AAxwYXJ0aXRpb24udG90ABMyMDI2LTExLTI0VDIzOjU0OjUzeA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (17, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAPdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAEzIwMjYtMTEtMjRUMjM6NTU6MTd0ABVjb252ZXJzYXRpb25zLmxhc3QuaWR0ACRmYTRlMDBmNy03MTM5LTQyOGEtYmFmMy1kMzgwNzhiNmY1MWR0ABViYWNrZmlsbC5kZWFkX2xldHRlcnNxAH4ABXQAEWJhY2tmaWxsLm5vdF9zZW50cQB+AAV0ABtiYWNrZmlsbC5hcHByb3hpbWF0ZWRfY2FsbHNzcQB+AAMAAAAAAAAAAXQAGWJhY2tmaWxsLmRlbGl2ZXJ5LnJldHJpZXNxAH4ABXQAHWNvbnZlcnNhdGlvbnMubGFzdC5jcmVhdGVkX2F0dAATMjAyNi0xMS0yNFQyMzo1NToxN3QAGmJhY2tmaWxsLmRlbGl2ZXJ5LnJlcXVlc3RzcQB+AA10AA5iYWNrZmlsbC5jYWxsc3EAfgANdAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAPcGFydGl0aW9uLmVtcHR5dAAFZmFsc2V0AA5iYXRjaC5zdGVwVHlwZXQAOm9yZy5zcHJpbmdmcmFtZXdvcmsuYmF0Y2guY29yZS5zdGVwLml0ZW0uQ2h1bmtPcmllbnRlZFN0ZXB0ABxiYWNrZmlsbC5kZWxpdmVyeS5ieXRlc19zZW50c3EAfgADAAAAAAAABSt0AAxwYXJ0aXRpb24udG90ABAyMDI2LTExLTI1VDIzOjUweA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (9, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAQdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAEDIwMDAtMDEtMDFUMDA6MDB0ABhtZXNzYWdlcy5sYXN0LmNyZWF0ZWRfYXR0ABMyMDI2LTEwLTA3VDIwOjE5OjI1dAAVYmFja2ZpbGwuZGVhZF9sZXR0ZXJzcQB+AAV0ABFiYWNrZmlsbC5ub3Rfc2VudHEAfgAFdAAbYmFja2ZpbGwuYXBwcm94aW1hdGVkX2NhbGxzc3EAfgADAAAAAAAAAAt0ABBtZXNzYWdlcy5sYXN0LmlkdAAkYzc1Y2VhNzEtMWRkMS00NmUxLWFhNDItNjY1MmI4ZjE3Mzk2dAAZYmFja2ZpbGwuZGVsaXZlcnkucmV0cmllc3EAfgAFdAAaYmFja2ZpbGwuZGVsaXZlcnkucmVxdWVzdHNzcQB+AAMAAAAAAAAAAnQAMmJhY2tmaWxsLm5vdGUuc3VnZ2VzdGVkX3F1ZXN0aW9uc19ub3RfcmVwcm9kdWNpYmxlc3EAfgADAAAAAAAAAAN0AA5iYWNrZmlsbC5jYWxsc3NxAH4AAwAAAAAAAAAwdAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAPcGFydGl0aW9uLmVtcHR5dAAFZmFsc2V0AA5iYXRjaC5zdGVwVHlwZXQAOm9yZy5zcHJpbmdmcmFtZXdvcmsuYmF0Y2guY29yZS5zdGVwLml0ZW0uQ2h1bmtPcmllbnRlZFN0ZXB0ABxiYWNrZmlsbC5kZWxpdmVyeS5ieXRlc19zZW50c3EAfgADAAAAAAACNB50AAxwYXJ0aXRpb24udG90ABMyMDI2LTEwLTA4VDExOjU2OjQweA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (8, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAADdAAlU2ltcGxlU3RlcEV4ZWN1dGlvblNwbGl0dGVyLkdSSURfU0laRXNyAA5qYXZhLmxhbmcuTG9uZzuL5JDMjyPfAgABSgAFdmFsdWV4cgAQamF2YS5sYW5nLk51bWJlcoaslR0LlOCLAgAAeHAAAAAAAAAABHQADWJhdGNoLnZlcnNpb250AAU2LjAuNHQADmJhdGNoLnN0ZXBUeXBldAA2b3JnLnNwcmluZ2ZyYW1ld29yay5iYXRjaC5jb3JlLnBhcnRpdGlvbi5QYXJ0aXRpb25TdGVweA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (14, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAPdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAEDIwMDAtMDEtMDFUMDA6MDB0ABVjb252ZXJzYXRpb25zLmxhc3QuaWR0ACQ3ZmQwZWM1OC1iYmRmLTQyZDEtOGU0MC1kYjYyYTMzNjUwOGN0ABViYWNrZmlsbC5kZWFkX2xldHRlcnNxAH4ABXQAEWJhY2tmaWxsLm5vdF9zZW50cQB+AAV0ABtiYWNrZmlsbC5hcHByb3hpbWF0ZWRfY2FsbHNzcQB+AAMAAAAAAAAAAnQAGWJhY2tmaWxsLmRlbGl2ZXJ5LnJldHJpZXNxAH4ABXQAHWNvbnZlcnNhdGlvbnMubGFzdC5jcmVhdGVkX2F0dAATMjAyNi0wOS0yM1QwOToxODoxOXQAGmJhY2tmaWxsLmRlbGl2ZXJ5LnJlcXVlc3Rzc3EAfgADAAAAAAAAAAF0AA5iYWNrZmlsbC5jYWxsc3EAfgANdAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAPcGFydGl0aW9uLmVtcHR5dAAFZmFsc2V0AA5iYXRjaC5zdGVwVHlwZXQAOm9yZy5zcHJpbmdmcmFtZXdvcmsuYmF0Y2guY29yZS5zdGVwLml0ZW0uQ2h1bmtPcmllbnRlZFN0ZXB0ABxiYWNrZmlsbC5kZWxpdmVyeS5ieXRlc19zZW50c3EAfgADAAAAAAAACit0AAxwYXJ0aXRpb24udG90ABMyMDI2LTEwLTEwVDExOjU0OjE0eA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (13, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAADdAAlU2ltcGxlU3RlcEV4ZWN1dGlvblNwbGl0dGVyLkdSSURfU0laRXNyAA5qYXZhLmxhbmcuTG9uZzuL5JDMjyPfAgABSgAFdmFsdWV4cgAQamF2YS5sYW5nLk51bWJlcoaslR0LlOCLAgAAeHAAAAAAAAAABHQADWJhdGNoLnZlcnNpb250AAU2LjAuNHQADmJhdGNoLnN0ZXBUeXBldAA2b3JnLnNwcmluZ2ZyYW1ld29yay5iYXRjaC5jb3JlLnBhcnRpdGlvbi5QYXJ0aXRpb25TdGVweA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (20, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAAHdAAbcGVuZGluZ1dvcmtmbG93UnVucy5sYXN0LmlkdAAkZmZmZmZmZmYtZmZmZi1mZmZmLWZmZmYtZmZmZmZmZmZmZmZmdAAaYmFja2ZpbGwuZGVsaXZlcnkucmVxdWVzdHNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0ACNwZW5kaW5nV29ya2Zsb3dSdW5zLmxhc3QuY3JlYXRlZF9hdHQAGjE5NjktMTItMzFUMjM6NTk6NTkuOTk5OTk5dAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAOYmF0Y2guc3RlcFR5cGV0ADpvcmcuc3ByaW5nZnJhbWV3b3JrLmJhdGNoLmNvcmUuc3RlcC5pdGVtLkNodW5rT3JpZW50ZWRTdGVwdAAcYmFja2ZpbGwuZGVsaXZlcnkuYnl0ZXNfc2VudHEAfgAHdAAZYmFja2ZpbGwuZGVsaXZlcnkucmV0cmllc3EAfgAHeA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (18, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAAHdAARYmF0Y2gudGFza2xldFR5cGV0AD9kZXYuZGlmeXdlYXZlLmJhY2tmaWxsLmpvYi5SZWNvcmRQZW5kaW5nVGFza2xldCQkU3ByaW5nQ0dMSUIkJDB0ABliYWNrZmlsbC5wZW5kaW5nX3JlY29yZGVkc3IADmphdmEubGFuZy5Mb25nO4vkkMyPI98CAAFKAAV2YWx1ZXhyABBqYXZhLmxhbmcuTnVtYmVyhqyVHQuU4IsCAAB4cAAAAAAAAAAIdAAaYmFja2ZpbGwuZGVsaXZlcnkucmVxdWVzdHNzcQB+AAUAAAAAAAAAAHQADWJhdGNoLnZlcnNpb250AAU2LjAuNHQADmJhdGNoLnN0ZXBUeXBldAA3b3JnLnNwcmluZ2ZyYW1ld29yay5iYXRjaC5jb3JlLnN0ZXAudGFza2xldC5UYXNrbGV0U3RlcHQAHGJhY2tmaWxsLmRlbGl2ZXJ5LmJ5dGVzX3NlbnRxAH4ACXQAGWJhY2tmaWxsLmRlbGl2ZXJ5LnJldHJpZXNxAH4ACXg=', NULL);
INSERT INTO public.batch_step_execution_context VALUES (21, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAAHdAAaYmFja2ZpbGwuZGVsaXZlcnkucmVxdWVzdHNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0ABdwZW5kaW5nTWVzc2FnZXMubGFzdC5pZHQAJGZmZmZmZmZmLWZmZmYtZmZmZi1mZmZmLWZmZmZmZmZmZmZmZnQADWJhdGNoLnZlcnNpb250AAU2LjAuNHQADmJhdGNoLnN0ZXBUeXBldAA6b3JnLnNwcmluZ2ZyYW1ld29yay5iYXRjaC5jb3JlLnN0ZXAuaXRlbS5DaHVua09yaWVudGVkU3RlcHQAHGJhY2tmaWxsLmRlbGl2ZXJ5LmJ5dGVzX3NlbnRxAH4ABXQAH3BlbmRpbmdNZXNzYWdlcy5sYXN0LmNyZWF0ZWRfYXR0ABoxOTY5LTEyLTMxVDIzOjU5OjU5Ljk5OTk5OXQAGWJhY2tmaWxsLmRlbGl2ZXJ5LnJldHJpZXNxAH4ABXg=', NULL);
INSERT INTO public.batch_step_execution_context VALUES (19, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAAIdAAOZmVlZGJhY2sucGhhc2V0AARET05FdAARYmF0Y2gudGFza2xldFR5cGV0ADpkZXYuZGlmeXdlYXZlLmJhY2tmaWxsLmpvYi5GZWVkYmFja1Rhc2tsZXQkJFNwcmluZ0NHTElCJCQwdAAaYmFja2ZpbGwuZGVsaXZlcnkucmVxdWVzdHNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAJ0AA1iYXRjaC52ZXJzaW9udAAFNi4wLjR0AB5iYWNrZmlsbC5mZWVkYmFja19kZWFkX2xldHRlcnNzcQB+AAcAAAAAAAAAAHQADmJhdGNoLnN0ZXBUeXBldAA3b3JnLnNwcmluZ2ZyYW1ld29yay5iYXRjaC5jb3JlLnN0ZXAudGFza2xldC5UYXNrbGV0U3RlcHQAHGJhY2tmaWxsLmRlbGl2ZXJ5LmJ5dGVzX3NlbnRzcQB+AAcAAAAAAAAdWXQAGWJhY2tmaWxsLmRlbGl2ZXJ5LnJldHJpZXNxAH4ADXg=', NULL);
INSERT INTO public.batch_step_execution_context VALUES (24, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAPdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAGjIwMjYtMDktMTFUMTU6MDQ6MDMuMzI0MjYxdAAVYmFja2ZpbGwuZGVhZF9sZXR0ZXJzcQB+AAV0ABFiYWNrZmlsbC5ub3Rfc2VudHEAfgAFdAAbYmFja2ZpbGwuYXBwcm94aW1hdGVkX2NhbGxzcQB+AAV0ABliYWNrZmlsbC5kZWxpdmVyeS5yZXRyaWVzcQB+AAV0ABpiYWNrZmlsbC5kZWxpdmVyeS5yZXF1ZXN0c3NxAH4AAwAAAAAAAAABdAAcd29ya2Zsb3dSdW5zLmxhc3QuY3JlYXRlZF9hdHQAGjIwMjYtMTAtMDNUMTY6MjE6NTQuNTA2NjM5dAAOYmFja2ZpbGwuY2FsbHNzcQB+AAMAAAAAAAAAZXQADWJhdGNoLnZlcnNpb250AAU2LjAuNHQAD3BhcnRpdGlvbi5lbXB0eXQABWZhbHNldAAOYmF0Y2guc3RlcFR5cGV0ADpvcmcuc3ByaW5nZnJhbWV3b3JrLmJhdGNoLmNvcmUuc3RlcC5pdGVtLkNodW5rT3JpZW50ZWRTdGVwdAAcYmFja2ZpbGwuZGVsaXZlcnkuYnl0ZXNfc2VudHNxAH4AAwAAAAAABFHydAAMcGFydGl0aW9uLnRvdAAaMjAyNi0xMC0wNVQyMDoyNzo0My4xMTk0NDd0ABR3b3JrZmxvd1J1bnMubGFzdC5pZHQAJGI3ZDM0ZDgxLTU3ZDQtNDAyMy1iZjEwLWFlZGUxZDhhZDJiMXg=', NULL);
INSERT INTO public.batch_step_execution_context VALUES (25, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAPdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAF0AA5wYXJ0aXRpb24uZnJvbXQAGjIwMjYtMTAtMDVUMjA6Mjc6NDMuMTE5NDQ3dAAVYmFja2ZpbGwuZGVhZF9sZXR0ZXJzc3EAfgADAAAAAAAAAAB0ABFiYWNrZmlsbC5ub3Rfc2VudHEAfgAJdAAbYmFja2ZpbGwuYXBwcm94aW1hdGVkX2NhbGxzcQB+AAl0ABliYWNrZmlsbC5kZWxpdmVyeS5yZXRyaWVzcQB+AAl0ABpiYWNrZmlsbC5kZWxpdmVyeS5yZXF1ZXN0c3EAfgAFdAAcd29ya2Zsb3dSdW5zLmxhc3QuY3JlYXRlZF9hdHQAGjIwMjYtMTAtMTRUMjM6MTI6MTkuODAwMDEzdAAOYmFja2ZpbGwuY2FsbHNzcQB+AAMAAAAAAAAAZnQADWJhdGNoLnZlcnNpb250AAU2LjAuNHQAD3BhcnRpdGlvbi5lbXB0eXQABWZhbHNldAAOYmF0Y2guc3RlcFR5cGV0ADpvcmcuc3ByaW5nZnJhbWV3b3JrLmJhdGNoLmNvcmUuc3RlcC5pdGVtLkNodW5rT3JpZW50ZWRTdGVwdAAcYmFja2ZpbGwuZGVsaXZlcnkuYnl0ZXNfc2VudHNxAH4AAwAAAAAABB4ddAAMcGFydGl0aW9uLnRvdAAaMjAyNi0xMC0xN1QxNDoxMTo0My44MTQ3NTN0ABR3b3JrZmxvd1J1bnMubGFzdC5pZHQAJGQ1YjUxZDNhLTc4N2EtNDQ3YS1hODY4LWNjMjQyYmE2ZjgzMHg=', NULL);
INSERT INTO public.batch_step_execution_context VALUES (23, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAPdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAEDIwMjYtMDgtMDFUMDA6MDB0ABViYWNrZmlsbC5kZWFkX2xldHRlcnNzcQB+AAMAAAAAAAAAAXQAEWJhY2tmaWxsLm5vdF9zZW50cQB+AAV0ABtiYWNrZmlsbC5hcHByb3hpbWF0ZWRfY2FsbHNxAH4ABXQAGWJhY2tmaWxsLmRlbGl2ZXJ5LnJldHJpZXNxAH4ABXQAGmJhY2tmaWxsLmRlbGl2ZXJ5LnJlcXVlc3Rzc3EAfgADAAAAAAAAAA90ABx3b3JrZmxvd1J1bnMubGFzdC5jcmVhdGVkX2F0dAAaMjAyNi0wOS0wOFQwMTozNjoxMi4xNTY2Njh0AA5iYWNrZmlsbC5jYWxsc3NxAH4AAwAAAAAAAABLdAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAPcGFydGl0aW9uLmVtcHR5dAAFZmFsc2V0AA5iYXRjaC5zdGVwVHlwZXQAOm9yZy5zcHJpbmdmcmFtZXdvcmsuYmF0Y2guY29yZS5zdGVwLml0ZW0uQ2h1bmtPcmllbnRlZFN0ZXB0ABxiYWNrZmlsbC5kZWxpdmVyeS5ieXRlc19zZW50c3EAfgADAAAAAAAJj5t0AAxwYXJ0aXRpb24udG90ABoyMDI2LTA5LTExVDE1OjA0OjAzLjMyNDI2MXQAFHdvcmtmbG93UnVucy5sYXN0LmlkdAAkMWEyMTg0ODgtNjc2ZS00YjhlLWI5NGYtZDY2MmMyOWZjNDc4eA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (31, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAQdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAEzIwMjYtMTAtMjNUMTA6MjU6MTF0ABhtZXNzYWdlcy5sYXN0LmNyZWF0ZWRfYXR0ABMyMDI2LTEwLTI2VDE2OjQ1OjI1dAAVYmFja2ZpbGwuZGVhZF9sZXR0ZXJzcQB+AAV0ABFiYWNrZmlsbC5ub3Rfc2VudHEAfgAFdAAbYmFja2ZpbGwuYXBwcm94aW1hdGVkX2NhbGxzc3EAfgADAAAAAAAAAAN0ABBtZXNzYWdlcy5sYXN0LmlkdAAkNDM3OTM4NTAtMTNjOS00ZDRkLTgyY2ItNDcwYmYxMDZkMWY5dAAZYmFja2ZpbGwuZGVsaXZlcnkucmV0cmllc3EAfgAFdAAaYmFja2ZpbGwuZGVsaXZlcnkucmVxdWVzdHNzcQB+AAMAAAAAAAAAAXQAMmJhY2tmaWxsLm5vdGUuc3VnZ2VzdGVkX3F1ZXN0aW9uc19ub3RfcmVwcm9kdWNpYmxlc3EAfgADAAAAAAAAAAZ0AA5iYWNrZmlsbC5jYWxsc3NxAH4AAwAAAAAAAAAXdAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAPcGFydGl0aW9uLmVtcHR5dAAFZmFsc2V0AA5iYXRjaC5zdGVwVHlwZXQAOm9yZy5zcHJpbmdmcmFtZXdvcmsuYmF0Y2guY29yZS5zdGVwLml0ZW0uQ2h1bmtPcmllbnRlZFN0ZXB0ABxiYWNrZmlsbC5kZWxpdmVyeS5ieXRlc19zZW50c3EAfgADAAAAAAABM8J0AAxwYXJ0aXRpb24udG90ABAyMDI2LTExLTAxVDAwOjAweA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (36, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAPdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAEzIwMjYtMTAtMjZUMTY6MzE6MTR0ABVjb252ZXJzYXRpb25zLmxhc3QuaWR0ACQxNmE4YWRjNi1kNTllLTRhNzgtOWRjZC01NTk1NDM5ZjhhMGZ0ABViYWNrZmlsbC5kZWFkX2xldHRlcnNxAH4ABXQAEWJhY2tmaWxsLm5vdF9zZW50cQB+AAV0ABtiYWNrZmlsbC5hcHByb3hpbWF0ZWRfY2FsbHNzcQB+AAMAAAAAAAAAAXQAGWJhY2tmaWxsLmRlbGl2ZXJ5LnJldHJpZXNxAH4ABXQAHWNvbnZlcnNhdGlvbnMubGFzdC5jcmVhdGVkX2F0dAATMjAyNi0xMC0yNlQxNjozMToxNHQAGmJhY2tmaWxsLmRlbGl2ZXJ5LnJlcXVlc3RzcQB+AA10AA5iYWNrZmlsbC5jYWxsc3EAfgANdAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAPcGFydGl0aW9uLmVtcHR5dAAFZmFsc2V0AA5iYXRjaC5zdGVwVHlwZXQAOm9yZy5zcHJpbmdmcmFtZXdvcmsuYmF0Y2guY29yZS5zdGVwLml0ZW0uQ2h1bmtPcmllbnRlZFN0ZXB0ABxiYWNrZmlsbC5kZWxpdmVyeS5ieXRlc19zZW50c3EAfgADAAAAAAAABPx0AAxwYXJ0aXRpb24udG90ABAyMDI2LTExLTAxVDAwOjAweA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (28, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAQdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAEDIwMjYtMDgtMDFUMDA6MDB0ABhtZXNzYWdlcy5sYXN0LmNyZWF0ZWRfYXR0ABMyMDI2LTA5LTIzVDA0OjMxOjI0dAAVYmFja2ZpbGwuZGVhZF9sZXR0ZXJzcQB+AAV0ABFiYWNrZmlsbC5ub3Rfc2VudHEAfgAFdAAbYmFja2ZpbGwuYXBwcm94aW1hdGVkX2NhbGxzc3EAfgADAAAAAAAAAAR0ABBtZXNzYWdlcy5sYXN0LmlkdAAkYmQxN2VjN2UtZDRkOS00YzU5LTg2NjgtYjBlYjA5YWFjN2RhdAAZYmFja2ZpbGwuZGVsaXZlcnkucmV0cmllc3EAfgAFdAAaYmFja2ZpbGwuZGVsaXZlcnkucmVxdWVzdHNzcQB+AAMAAAAAAAAAAXQAMmJhY2tmaWxsLm5vdGUuc3VnZ2VzdGVkX3F1ZXN0aW9uc19ub3RfcmVwcm9kdWNpYmxlc3EAfgADAAAAAAAAAAJ0AA5iYWNrZmlsbC5jYWxsc3NxAH4AAwAAAAAAAAAadAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAPcGFydGl0aW9uLmVtcHR5dAAFZmFsc2V0AA5iYXRjaC5zdGVwVHlwZXQAOm9yZy5zcHJpbmdmcmFtZXdvcmsuYmF0Y2guY29yZS5zdGVwLml0ZW0uQ2h1bmtPcmllbnRlZFN0ZXB0ABxiYWNrZmlsbC5kZWxpdmVyeS5ieXRlc19zZW50c3EAfgADAAAAAAABRgB0AAxwYXJ0aXRpb24udG90ABMyMDI2LTA5LTIzVDA0OjQyOjI0eA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (35, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAPdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAEzIwMjYtMTAtMTBUMTE6NTQ6MTR0ABVjb252ZXJzYXRpb25zLmxhc3QuaWR0ACQwODQwM2I5Yi1jMmU2LTQ1YzItYWVkYy0xMGY0NjkyMzM3YTN0ABViYWNrZmlsbC5kZWFkX2xldHRlcnNxAH4ABXQAEWJhY2tmaWxsLm5vdF9zZW50cQB+AAV0ABtiYWNrZmlsbC5hcHByb3hpbWF0ZWRfY2FsbHNzcQB+AAMAAAAAAAAAAXQAGWJhY2tmaWxsLmRlbGl2ZXJ5LnJldHJpZXNxAH4ABXQAHWNvbnZlcnNhdGlvbnMubGFzdC5jcmVhdGVkX2F0dAATMjAyNi0xMC0xMFQxMTo1NDoxNHQAGmJhY2tmaWxsLmRlbGl2ZXJ5LnJlcXVlc3RzcQB+AA10AA5iYWNrZmlsbC5jYWxsc3EAfgANdAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAPcGFydGl0aW9uLmVtcHR5dAAFZmFsc2V0AA5iYXRjaC5zdGVwVHlwZXQAOm9yZy5zcHJpbmdmcmFtZXdvcmsuYmF0Y2guY29yZS5zdGVwLml0ZW0uQ2h1bmtPcmllbnRlZFN0ZXB0ABxiYWNrZmlsbC5kZWxpdmVyeS5ieXRlc19zZW50c3EAfgADAAAAAAAABS10AAxwYXJ0aXRpb24udG90ABMyMDI2LTEwLTI2VDE2OjMxOjE0eA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (30, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAQdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAEzIwMjYtMTAtMDhUMTE6NTY6NDB0ABhtZXNzYWdlcy5sYXN0LmNyZWF0ZWRfYXR0ABMyMDI2LTEwLTEwVDEyOjI2OjE1dAAVYmFja2ZpbGwuZGVhZF9sZXR0ZXJzcQB+AAV0ABFiYWNrZmlsbC5ub3Rfc2VudHEAfgAFdAAbYmFja2ZpbGwuYXBwcm94aW1hdGVkX2NhbGxzc3EAfgADAAAAAAAAAAd0ABBtZXNzYWdlcy5sYXN0LmlkdAAkNGE2YTE2NzktNjU0Mi00OWFlLWIyNmUtMTEzNmM0YzNhZGFidAAZYmFja2ZpbGwuZGVsaXZlcnkucmV0cmllc3EAfgAFdAAaYmFja2ZpbGwuZGVsaXZlcnkucmVxdWVzdHNzcQB+AAMAAAAAAAAAAXQAMmJhY2tmaWxsLm5vdGUuc3VnZ2VzdGVkX3F1ZXN0aW9uc19ub3RfcmVwcm9kdWNpYmxlc3EAfgADAAAAAAAAAAV0AA5iYWNrZmlsbC5jYWxsc3NxAH4AAwAAAAAAAAAqdAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAPcGFydGl0aW9uLmVtcHR5dAAFZmFsc2V0AA5iYXRjaC5zdGVwVHlwZXQAOm9yZy5zcHJpbmdmcmFtZXdvcmsuYmF0Y2guY29yZS5zdGVwLml0ZW0uQ2h1bmtPcmllbnRlZFN0ZXB0ABxiYWNrZmlsbC5kZWxpdmVyeS5ieXRlc19zZW50c3EAfgADAAAAAAABx/R0AAxwYXJ0aXRpb24udG90ABMyMDI2LTEwLTIzVDEwOjI1OjExeA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (27, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAADdAAlU2ltcGxlU3RlcEV4ZWN1dGlvblNwbGl0dGVyLkdSSURfU0laRXNyAA5qYXZhLmxhbmcuTG9uZzuL5JDMjyPfAgABSgAFdmFsdWV4cgAQamF2YS5sYW5nLk51bWJlcoaslR0LlOCLAgAAeHAAAAAAAAAABHQADWJhdGNoLnZlcnNpb250AAU2LjAuNHQADmJhdGNoLnN0ZXBUeXBldAA2b3JnLnNwcmluZ2ZyYW1ld29yay5iYXRjaC5jb3JlLnBhcnRpdGlvbi5QYXJ0aXRpb25TdGVweA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (29, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAQdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAEzIwMjYtMDktMjNUMDQ6NDI6MjR0ABhtZXNzYWdlcy5sYXN0LmNyZWF0ZWRfYXR0ABMyMDI2LTEwLTA3VDIwOjE5OjI1dAAVYmFja2ZpbGwuZGVhZF9sZXR0ZXJzcQB+AAV0ABFiYWNrZmlsbC5ub3Rfc2VudHEAfgAFdAAbYmFja2ZpbGwuYXBwcm94aW1hdGVkX2NhbGxzc3EAfgADAAAAAAAAAAd0ABBtZXNzYWdlcy5sYXN0LmlkdAAkYzc1Y2VhNzEtMWRkMS00NmUxLWFhNDItNjY1MmI4ZjE3Mzk2dAAZYmFja2ZpbGwuZGVsaXZlcnkucmV0cmllc3EAfgAFdAAaYmFja2ZpbGwuZGVsaXZlcnkucmVxdWVzdHNzcQB+AAMAAAAAAAAAAXQAMmJhY2tmaWxsLm5vdGUuc3VnZ2VzdGVkX3F1ZXN0aW9uc19ub3RfcmVwcm9kdWNpYmxlcQB+ABJ0AA5iYWNrZmlsbC5jYWxsc3NxAH4AAwAAAAAAAAAWdAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAPcGFydGl0aW9uLmVtcHR5dAAFZmFsc2V0AA5iYXRjaC5zdGVwVHlwZXQAOm9yZy5zcHJpbmdmcmFtZXdvcmsuYmF0Y2guY29yZS5zdGVwLml0ZW0uQ2h1bmtPcmllbnRlZFN0ZXB0ABxiYWNrZmlsbC5kZWxpdmVyeS5ieXRlc19zZW50c3EAfgADAAAAAAAA7q50AAxwYXJ0aXRpb24udG90ABMyMDI2LTEwLTA4VDExOjU2OjQweA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (34, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAPdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAEzIwMjYtMDktMjNUMDk6MTg6MTl0ABVjb252ZXJzYXRpb25zLmxhc3QuaWR0ACQ3ZmQwZWM1OC1iYmRmLTQyZDEtOGU0MC1kYjYyYTMzNjUwOGN0ABViYWNrZmlsbC5kZWFkX2xldHRlcnNxAH4ABXQAEWJhY2tmaWxsLm5vdF9zZW50cQB+AAV0ABtiYWNrZmlsbC5hcHByb3hpbWF0ZWRfY2FsbHNzcQB+AAMAAAAAAAAAAXQAGWJhY2tmaWxsLmRlbGl2ZXJ5LnJldHJpZXNxAH4ABXQAHWNvbnZlcnNhdGlvbnMubGFzdC5jcmVhdGVkX2F0dAATMjAyNi0wOS0yM1QwOToxODoxOXQAGmJhY2tmaWxsLmRlbGl2ZXJ5LnJlcXVlc3RzcQB+AA10AA5iYWNrZmlsbC5jYWxsc3EAfgANdAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAPcGFydGl0aW9uLmVtcHR5dAAFZmFsc2V0AA5iYXRjaC5zdGVwVHlwZXQAOm9yZy5zcHJpbmdmcmFtZXdvcmsuYmF0Y2guY29yZS5zdGVwLml0ZW0uQ2h1bmtPcmllbnRlZFN0ZXB0ABxiYWNrZmlsbC5kZWxpdmVyeS5ieXRlc19zZW50c3EAfgADAAAAAAAABTZ0AAxwYXJ0aXRpb24udG90ABMyMDI2LTEwLTEwVDExOjU0OjE0eA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (33, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAABh3CAAAACAAAAAPdAARYmFja2ZpbGwucHJvYmxlbXNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAB0AA5wYXJ0aXRpb24uZnJvbXQAEDIwMjYtMDgtMDFUMDA6MDB0ABVjb252ZXJzYXRpb25zLmxhc3QuaWR0ACRjNjJiN2Q4MS1mZmVlLTRjNjYtODE4OC0zZTU5NWU5NmM4Mzl0ABViYWNrZmlsbC5kZWFkX2xldHRlcnNxAH4ABXQAEWJhY2tmaWxsLm5vdF9zZW50cQB+AAV0ABtiYWNrZmlsbC5hcHByb3hpbWF0ZWRfY2FsbHNzcQB+AAMAAAAAAAAAAXQAGWJhY2tmaWxsLmRlbGl2ZXJ5LnJldHJpZXNxAH4ABXQAHWNvbnZlcnNhdGlvbnMubGFzdC5jcmVhdGVkX2F0dAATMjAyNi0wOS0yM1QwNDoyNTowNXQAGmJhY2tmaWxsLmRlbGl2ZXJ5LnJlcXVlc3RzcQB+AA10AA5iYWNrZmlsbC5jYWxsc3EAfgANdAANYmF0Y2gudmVyc2lvbnQABTYuMC40dAAPcGFydGl0aW9uLmVtcHR5dAAFZmFsc2V0AA5iYXRjaC5zdGVwVHlwZXQAOm9yZy5zcHJpbmdmcmFtZXdvcmsuYmF0Y2guY29yZS5zdGVwLml0ZW0uQ2h1bmtPcmllbnRlZFN0ZXB0ABxiYWNrZmlsbC5kZWxpdmVyeS5ieXRlc19zZW50c3EAfgADAAAAAAAABQZ0AAxwYXJ0aXRpb24udG90ABMyMDI2LTA5LTIzVDA5OjE4OjE5eA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (32, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAADdAAlU2ltcGxlU3RlcEV4ZWN1dGlvblNwbGl0dGVyLkdSSURfU0laRXNyAA5qYXZhLmxhbmcuTG9uZzuL5JDMjyPfAgABSgAFdmFsdWV4cgAQamF2YS5sYW5nLk51bWJlcoaslR0LlOCLAgAAeHAAAAAAAAAABHQADWJhdGNoLnZlcnNpb250AAU2LjAuNHQADmJhdGNoLnN0ZXBUeXBldAA2b3JnLnNwcmluZ2ZyYW1ld29yay5iYXRjaC5jb3JlLnBhcnRpdGlvbi5QYXJ0aXRpb25TdGVweA==', NULL);
INSERT INTO public.batch_step_execution_context VALUES (38, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAAIdAAOZmVlZGJhY2sucGhhc2V0AARET05FdAARYmF0Y2gudGFza2xldFR5cGV0ADpkZXYuZGlmeXdlYXZlLmJhY2tmaWxsLmpvYi5GZWVkYmFja1Rhc2tsZXQkJFNwcmluZ0NHTElCJCQwdAAaYmFja2ZpbGwuZGVsaXZlcnkucmVxdWVzdHNzcgAOamF2YS5sYW5nLkxvbmc7i+SQzI8j3wIAAUoABXZhbHVleHIAEGphdmEubGFuZy5OdW1iZXKGrJUdC5TgiwIAAHhwAAAAAAAAAAF0AA1iYXRjaC52ZXJzaW9udAAFNi4wLjR0AB5iYWNrZmlsbC5mZWVkYmFja19kZWFkX2xldHRlcnNzcQB+AAcAAAAAAAAAAHQADmJhdGNoLnN0ZXBUeXBldAA3b3JnLnNwcmluZ2ZyYW1ld29yay5iYXRjaC5jb3JlLnN0ZXAudGFza2xldC5UYXNrbGV0U3RlcHQAHGJhY2tmaWxsLmRlbGl2ZXJ5LmJ5dGVzX3NlbnRzcQB+AAcAAAAAAAACsHQAGWJhY2tmaWxsLmRlbGl2ZXJ5LnJldHJpZXNxAH4ADXg=', NULL);
INSERT INTO public.batch_step_execution_context VALUES (37, 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAAHdAARYmF0Y2gudGFza2xldFR5cGV0AD9kZXYuZGlmeXdlYXZlLmJhY2tmaWxsLmpvYi5SZWNvcmRQZW5kaW5nVGFza2xldCQkU3ByaW5nQ0dMSUIkJDB0ABliYWNrZmlsbC5wZW5kaW5nX3JlY29yZGVkc3IADmphdmEubGFuZy5Mb25nO4vkkMyPI98CAAFKAAV2YWx1ZXhyABBqYXZhLmxhbmcuTnVtYmVyhqyVHQuU4IsCAAB4cAAAAAAAAAAEdAAaYmFja2ZpbGwuZGVsaXZlcnkucmVxdWVzdHNzcQB+AAUAAAAAAAAAAHQADWJhdGNoLnZlcnNpb250AAU2LjAuNHQADmJhdGNoLnN0ZXBUeXBldAA3b3JnLnNwcmluZ2ZyYW1ld29yay5iYXRjaC5jb3JlLnN0ZXAudGFza2xldC5UYXNrbGV0U3RlcHQAHGJhY2tmaWxsLmRlbGl2ZXJ5LmJ5dGVzX3NlbnRxAH4ACXQAGWJhY2tmaWxsLmRlbGl2ZXJ5LnJldHJpZXNxAH4ACXg=', NULL);


--
-- Name: backfill_dead_letter_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.backfill_dead_letter_id_seq', 1, true);


--
-- Name: backfill_problem_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.backfill_problem_id_seq', 5, true);


--
-- Name: batch_job_execution_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.batch_job_execution_seq', 2, true);


--
-- Name: batch_job_instance_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.batch_job_instance_seq', 2, true);


--
-- Name: batch_step_execution_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.batch_step_execution_seq', 38, true);


--
-- Name: backfill_app_calls backfill_app_calls_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.backfill_app_calls
    ADD CONSTRAINT backfill_app_calls_pkey PRIMARY KEY (job_execution_id, step_name, app_id, project_id);


--
-- Name: backfill_daily_calls backfill_daily_calls_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.backfill_daily_calls
    ADD CONSTRAINT backfill_daily_calls_pkey PRIMARY KEY (job_execution_id, step_name, kind, day);


--
-- Name: backfill_dead_letter backfill_dead_letter_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.backfill_dead_letter
    ADD CONSTRAINT backfill_dead_letter_pkey PRIMARY KEY (id);


--
-- Name: backfill_feedback_counts backfill_feedback_counts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.backfill_feedback_counts
    ADD CONSTRAINT backfill_feedback_counts_pkey PRIMARY KEY (job_execution_id, step_name, feedback_type, outcome);


--
-- Name: backfill_feedback backfill_feedback_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.backfill_feedback
    ADD CONSTRAINT backfill_feedback_pkey PRIMARY KEY (project_id, feedback_id);


--
-- Name: backfill_pending backfill_pending_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.backfill_pending
    ADD CONSTRAINT backfill_pending_pkey PRIMARY KEY (scope, kind, source_id);


--
-- Name: backfill_problem backfill_problem_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.backfill_problem
    ADD CONSTRAINT backfill_problem_pkey PRIMARY KEY (id);


--
-- Name: backfill_watermark backfill_watermark_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.backfill_watermark
    ADD CONSTRAINT backfill_watermark_pkey PRIMARY KEY (scope);


--
-- Name: batch_job_execution_context batch_job_execution_context_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.batch_job_execution_context
    ADD CONSTRAINT batch_job_execution_context_pkey PRIMARY KEY (job_execution_id);


--
-- Name: batch_job_execution batch_job_execution_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.batch_job_execution
    ADD CONSTRAINT batch_job_execution_pkey PRIMARY KEY (job_execution_id);


--
-- Name: batch_job_instance batch_job_instance_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.batch_job_instance
    ADD CONSTRAINT batch_job_instance_pkey PRIMARY KEY (job_instance_id);


--
-- Name: batch_step_execution_context batch_step_execution_context_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.batch_step_execution_context
    ADD CONSTRAINT batch_step_execution_context_pkey PRIMARY KEY (step_execution_id);


--
-- Name: batch_step_execution batch_step_execution_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.batch_step_execution
    ADD CONSTRAINT batch_step_execution_pkey PRIMARY KEY (step_execution_id);


--
-- Name: batch_job_instance job_inst_un; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.batch_job_instance
    ADD CONSTRAINT job_inst_un UNIQUE (job_name, job_key);


--
-- Name: backfill_dead_letter_call_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX backfill_dead_letter_call_idx ON public.backfill_dead_letter USING btree (project_id, call_id);


--
-- Name: backfill_dead_letter_execution_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX backfill_dead_letter_execution_idx ON public.backfill_dead_letter USING btree (job_execution_id);


--
-- Name: backfill_feedback_message_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX backfill_feedback_message_idx ON public.backfill_feedback USING btree (message_id);


--
-- Name: backfill_pending_order_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX backfill_pending_order_idx ON public.backfill_pending USING btree (scope, kind, created_at, source_id);


--
-- Name: backfill_problem_execution_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX backfill_problem_execution_idx ON public.backfill_problem USING btree (job_execution_id);


--
-- Name: batch_job_execution_context job_exec_ctx_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.batch_job_execution_context
    ADD CONSTRAINT job_exec_ctx_fk FOREIGN KEY (job_execution_id) REFERENCES public.batch_job_execution(job_execution_id);


--
-- Name: batch_job_execution_params job_exec_params_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.batch_job_execution_params
    ADD CONSTRAINT job_exec_params_fk FOREIGN KEY (job_execution_id) REFERENCES public.batch_job_execution(job_execution_id);


--
-- Name: batch_step_execution job_exec_step_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.batch_step_execution
    ADD CONSTRAINT job_exec_step_fk FOREIGN KEY (job_execution_id) REFERENCES public.batch_job_execution(job_execution_id);


--
-- Name: batch_job_execution job_inst_exec_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.batch_job_execution
    ADD CONSTRAINT job_inst_exec_fk FOREIGN KEY (job_instance_id) REFERENCES public.batch_job_instance(job_instance_id);


--
-- Name: batch_step_execution_context step_exec_ctx_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.batch_step_execution_context
    ADD CONSTRAINT step_exec_ctx_fk FOREIGN KEY (step_execution_id) REFERENCES public.batch_step_execution(step_execution_id);


--
-- PostgreSQL database dump complete
--


