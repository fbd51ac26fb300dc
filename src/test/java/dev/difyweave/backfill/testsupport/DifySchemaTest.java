package dev.difyweave.backfill.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.difyweave.backfill.state.EmbeddedPostgresServer;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code sql/fixtures/dify-schema.sql} against Dify's DDL (docs/reference/dify-source.md §1.3, §5.2), and the embedded
 * PostgreSQL the demo and the state store run on.
 */
class DifySchemaTest {

    /** Columns of every table, in order (§1.3). */
    private static final String COLUMNS = """
            apps: id, tenant_id, name, mode, icon, icon_background, app_model_config_id, status, enable_site, enable_api, api_rpm, api_rph, is_demo, is_public, created_at, updated_at, is_universal, workflow_id, description, tracing, max_active_requests, icon_type, created_by, updated_by, use_icon_as_answer_icon
            app_model_configs: id, app_id, provider, model_id, configs, created_at, updated_at, opening_statement, suggested_questions, suggested_questions_after_answer, more_like_this, model, user_input_form, pre_prompt, agent_mode, speech_to_text, sensitive_word_avoidance, retriever_resource, dataset_query_variable, prompt_type, chat_prompt_config, completion_prompt_config, dataset_configs, external_data_tools, file_upload, text_to_speech, created_by, updated_by
            workflows: id, tenant_id, app_id, type, version, graph, features, created_by, created_at, updated_by, updated_at, environment_variables, conversation_variables, marked_name, marked_comment, rag_pipeline_variables
            workflow_runs: id, tenant_id, app_id, workflow_id, type, triggered_from, version, graph, inputs, status, outputs, error, elapsed_time, total_tokens, total_steps, created_by_role, created_by, created_at, finished_at, exceptions_count
            workflow_node_executions: id, tenant_id, app_id, workflow_id, triggered_from, workflow_run_id, index, predecessor_node_id, node_id, node_type, title, inputs, process_data, outputs, status, error, elapsed_time, execution_metadata, created_at, created_by_role, created_by, finished_at, node_execution_id
            workflow_node_execution_offload: id, created_at, tenant_id, app_id, node_execution_id, type, file_id
            workflow_app_logs: id, tenant_id, app_id, workflow_id, workflow_run_id, created_from, created_by_role, created_by, created_at
            conversations: id, app_id, app_model_config_id, model_provider, override_model_configs, model_id, mode, name, summary, inputs, introduction, system_instruction, system_instruction_tokens, status, from_source, from_end_user_id, from_account_id, read_at, read_account_id, created_at, updated_at, is_deleted, invoke_from, dialogue_count
            messages: id, app_id, model_provider, model_id, override_model_configs, conversation_id, inputs, query, message, message_tokens, message_unit_price, answer, answer_tokens, answer_unit_price, provider_response_latency, total_price, currency, from_source, from_end_user_id, from_account_id, created_at, updated_at, agent_based, message_price_unit, answer_price_unit, workflow_run_id, status, error, message_metadata, invoke_from, parent_message_id, app_mode
            message_agent_thoughts: id, message_id, message_chain_id, position, thought, tool, tool_input, observation, tool_process_data, message, message_token, message_unit_price, answer, answer_token, answer_unit_price, tokens, total_price, currency, latency, created_by_role, created_by, created_at, message_price_unit, answer_price_unit, message_files, tool_labels_str, tool_meta_str
            message_files: id, message_id, type, transfer_method, url, upload_file_id, created_by_role, created_by, created_at, belongs_to
            message_feedbacks: id, app_id, conversation_id, message_id, rating, content, from_source, from_end_user_id, from_account_id, created_at, updated_at
            message_annotations: id, app_id, conversation_id, message_id, content, account_id, created_at, updated_at, question, hit_count
            dataset_retriever_resources: id, message_id, position, dataset_id, dataset_name, document_id, document_name, data_source_type, segment_id, score, content, hit_count, word_count, segment_position, index_node_hash, retriever_from, created_by, created_at
            dataset_queries: id, dataset_id, content, source, source_app_id, created_by_role, created_by, created_at
            end_users: id, tenant_id, app_id, type, external_user_id, name, is_anonymous, session_id, created_at, updated_at
            accounts: id, name, email, password, password_salt, avatar, interface_language, interface_theme, timezone, last_login_at, last_login_ip, status, initialized_at, created_at, updated_at, last_active_at
            tenants: id, name, encrypt_public_key, plan, status, created_at, updated_at, custom_config
            tenant_account_joins: id, tenant_id, account_id, role, invited_by, created_at, updated_at, current
            trace_app_config: id, app_id, tracing_provider, tracing_config, created_at, updated_at, is_active
            tool_files: id, user_id, tenant_id, conversation_id, file_key, mimetype, original_url, name, size
            upload_files: id, tenant_id, storage_type, key, name, size, extension, mime_type, created_by, created_at, used, used_by, used_at, hash, created_by_role, source_url
            datasets: id, tenant_id, name, description, provider, permission, data_source_type, indexing_technique, index_struct, created_by, created_at, updated_by, updated_at, embedding_model, embedding_model_provider, collection_binding_id, retrieval_model, built_in_field_enabled, keyword_number, icon_info, runtime_mode, pipeline_id, chunk_structure, enable_api, is_multimodal, summary_index_setting
            alembic_version: version_num
            """;

    /** Full column definitions of the tables the backfill reads most (§1.3; type names as in the reference). */
    private static final Map<String, String> DEFINITIONS = new LinkedHashMap<>();

    static {
        DEFINITIONS.put("workflow_runs", """
                id uuid NOT NULL DEFAULT uuid_generate_v4()
                tenant_id uuid NOT NULL
                app_id uuid NOT NULL
                workflow_id uuid NOT NULL
                type varchar(255) NOT NULL
                triggered_from varchar(255) NOT NULL
                version varchar(255) NOT NULL
                graph text null
                inputs text null
                status varchar(255) NOT NULL
                outputs text null
                error text null
                elapsed_time double precision NOT NULL DEFAULT 0
                total_tokens bigint NOT NULL DEFAULT 0
                total_steps integer null DEFAULT 0
                created_by_role varchar(255) NOT NULL
                created_by uuid NOT NULL
                created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP(0)
                finished_at timestamp null
                exceptions_count integer null DEFAULT 0
                """);
        DEFINITIONS.put("workflow_node_executions", """
                id uuid NOT NULL DEFAULT uuid_generate_v4()
                tenant_id uuid NOT NULL
                app_id uuid NOT NULL
                workflow_id uuid NOT NULL
                triggered_from varchar(255) NOT NULL
                workflow_run_id uuid null
                index integer NOT NULL
                predecessor_node_id varchar(255) null
                node_id varchar(255) NOT NULL
                node_type varchar(255) NOT NULL
                title varchar(255) NOT NULL
                inputs text null
                process_data text null
                outputs text null
                status varchar(255) NOT NULL
                error text null
                elapsed_time double precision NOT NULL DEFAULT 0
                execution_metadata text null
                created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP(0)
                created_by_role varchar(255) NOT NULL
                created_by uuid NOT NULL
                finished_at timestamp null
                node_execution_id varchar(255) null
                """);
        DEFINITIONS.put("message_annotations", """
                id uuid NOT NULL DEFAULT uuid_generate_v4()
                app_id uuid NOT NULL
                conversation_id uuid null
                message_id uuid null
                content text NOT NULL
                account_id uuid NOT NULL
                created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP(0)
                updated_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP(0)
                question text null
                hit_count integer NOT NULL DEFAULT 0
                """);
        DEFINITIONS.put("messages", """
                id uuid NOT NULL DEFAULT uuid_generate_v4()
                app_id uuid NOT NULL
                model_provider varchar(255) null
                model_id varchar(255) null
                override_model_configs text null
                conversation_id uuid NOT NULL
                inputs json NOT NULL
                query text NOT NULL
                message json NOT NULL
                message_tokens integer NOT NULL DEFAULT 0
                message_unit_price numeric(10,4) NOT NULL
                answer text NOT NULL
                answer_tokens integer NOT NULL DEFAULT 0
                answer_unit_price numeric(10,4) NOT NULL
                provider_response_latency double precision NOT NULL DEFAULT 0
                total_price numeric(10,7) null
                currency varchar(255) NOT NULL
                from_source varchar(255) NOT NULL
                from_end_user_id uuid null
                from_account_id uuid null
                created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP(0)
                updated_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP(0)
                agent_based boolean NOT NULL DEFAULT false
                message_price_unit numeric(10,7) NOT NULL DEFAULT 0.001
                answer_price_unit numeric(10,7) NOT NULL DEFAULT 0.001
                workflow_run_id uuid null
                status varchar(255) NOT NULL DEFAULT 'normal'
                error text null
                message_metadata text null
                invoke_from varchar(255) null
                parent_message_id uuid null
                app_mode varchar(255) null
                """);
        DEFINITIONS.put("conversations", """
                id uuid NOT NULL DEFAULT uuid_generate_v4()
                app_id uuid NOT NULL
                app_model_config_id uuid null
                model_provider varchar(255) null
                override_model_configs text null
                model_id varchar(255) null
                mode varchar(255) NOT NULL
                name varchar(255) NOT NULL
                summary text null
                inputs json NOT NULL
                introduction text null
                system_instruction text null
                system_instruction_tokens integer NOT NULL DEFAULT 0
                status varchar(255) NOT NULL
                from_source varchar(255) NOT NULL
                from_end_user_id uuid null
                from_account_id uuid null
                read_at timestamp null
                read_account_id uuid null
                created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP(0)
                updated_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP(0)
                is_deleted boolean NOT NULL DEFAULT false
                invoke_from varchar(255) null
                dialogue_count integer NOT NULL DEFAULT 0
                """);
        DEFINITIONS.put("message_agent_thoughts", """
                id uuid NOT NULL DEFAULT uuid_generate_v4()
                message_id uuid NOT NULL
                message_chain_id uuid null
                position integer NOT NULL
                thought text null
                tool text null
                tool_input text null
                observation text null
                tool_process_data text null
                message text null
                message_token integer null
                message_unit_price numeric null
                answer text null
                answer_token integer null
                answer_unit_price numeric null
                tokens integer null
                total_price numeric null
                currency varchar null
                latency double precision null
                created_by_role varchar NOT NULL
                created_by uuid NOT NULL
                created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP
                message_price_unit numeric(10,7) NOT NULL DEFAULT 0.001
                answer_price_unit numeric(10,7) NOT NULL DEFAULT 0.001
                message_files text null
                tool_labels_str text NOT NULL DEFAULT '{}'
                tool_meta_str text NOT NULL DEFAULT '{}'
                """);
        DEFINITIONS.put("apps", """
                id uuid NOT NULL DEFAULT uuid_generate_v4()
                tenant_id uuid NOT NULL
                name varchar(255) NOT NULL
                mode varchar(255) NOT NULL
                icon varchar(255) null
                icon_background varchar(255) null
                app_model_config_id uuid null
                status varchar(255) NOT NULL DEFAULT 'normal'
                enable_site boolean NOT NULL
                enable_api boolean NOT NULL
                api_rpm integer NOT NULL DEFAULT 0
                api_rph integer NOT NULL DEFAULT 0
                is_demo boolean NOT NULL DEFAULT false
                is_public boolean NOT NULL DEFAULT false
                created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP(0)
                updated_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP(0)
                is_universal boolean NOT NULL DEFAULT false
                workflow_id uuid null
                description text NOT NULL DEFAULT ''
                tracing text null
                max_active_requests integer null
                icon_type varchar(255) null
                created_by uuid null
                updated_by uuid null
                use_icon_as_answer_icon boolean NOT NULL DEFAULT false
                """);
        DEFINITIONS.put("end_users", """
                id uuid NOT NULL DEFAULT uuid_generate_v4()
                tenant_id uuid NOT NULL
                app_id uuid null
                type varchar(255) NOT NULL
                external_user_id varchar(255) null
                name varchar(255) null
                is_anonymous boolean NOT NULL DEFAULT true
                session_id varchar(255) NOT NULL
                created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP(0)
                updated_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP(0)
                """);
    }

    /** Every index (§1.3), written as the reference does: no schema, no {@code USING btree}. */
    private static final String INDEXES = """
            CREATE UNIQUE INDEX app_pkey ON apps (id)
            CREATE INDEX app_tenant_id_idx ON apps (tenant_id)
            CREATE INDEX app_app_id_idx ON app_model_configs (app_id)
            CREATE UNIQUE INDEX app_model_config_pkey ON app_model_configs (id)
            CREATE UNIQUE INDEX workflow_pkey ON workflows (id)
            CREATE INDEX workflow_version_idx ON workflows (tenant_id, app_id, version)
            CREATE INDEX workflow_run_created_at_id_idx ON workflow_runs (created_at, id)
            CREATE UNIQUE INDEX workflow_run_pkey ON workflow_runs (id)
            CREATE INDEX workflow_run_triggerd_from_idx ON workflow_runs (tenant_id, app_id, triggered_from)
            CREATE INDEX workflow_node_execution_id_idx ON workflow_node_executions (tenant_id, app_id, workflow_id, triggered_from, node_execution_id)
            CREATE INDEX workflow_node_execution_node_run_idx ON workflow_node_executions (tenant_id, app_id, workflow_id, triggered_from, node_id)
            CREATE UNIQUE INDEX workflow_node_execution_pkey ON workflow_node_executions (id)
            CREATE INDEX workflow_node_execution_workflow_run_id_idx ON workflow_node_executions (workflow_run_id)
            CREATE INDEX workflow_node_executions_tenant_id_idx ON workflow_node_executions (tenant_id, workflow_id, node_id, created_at DESC)
            CREATE UNIQUE INDEX workflow_node_execution_offload_node_execution_id_key ON workflow_node_execution_offload (node_execution_id, type)
            CREATE UNIQUE INDEX workflow_node_execution_offload_pkey ON workflow_node_execution_offload (id)
            CREATE INDEX workflow_app_log_app_idx ON workflow_app_logs (tenant_id, app_id)
            CREATE UNIQUE INDEX workflow_app_log_pkey ON workflow_app_logs (id)
            CREATE INDEX workflow_app_log_workflow_run_id_idx ON workflow_app_logs (workflow_run_id)
            CREATE INDEX conversation_app_created_at_idx ON conversations (app_id, created_at DESC) WHERE (is_deleted IS FALSE)
            CREATE INDEX conversation_app_from_user_idx ON conversations (app_id, from_source, from_end_user_id)
            CREATE INDEX conversation_app_updated_at_idx ON conversations (app_id, updated_at DESC) WHERE (is_deleted IS FALSE)
            CREATE UNIQUE INDEX conversation_pkey ON conversations (id)
            CREATE INDEX message_account_idx ON messages (app_id, from_source, from_account_id)
            CREATE INDEX message_app_id_idx ON messages (app_id, created_at)
            CREATE INDEX message_app_mode_idx ON messages (app_mode)
            CREATE INDEX message_conversation_id_idx ON messages (conversation_id)
            CREATE INDEX message_created_at_id_idx ON messages (created_at, id)
            CREATE INDEX message_end_user_idx ON messages (app_id, from_source, from_end_user_id)
            CREATE UNIQUE INDEX message_pkey ON messages (id)
            CREATE INDEX message_workflow_run_id_idx ON messages (conversation_id, workflow_run_id)
            CREATE INDEX message_agent_thought_message_chain_id_idx ON message_agent_thoughts (message_chain_id)
            CREATE INDEX message_agent_thought_message_id_idx ON message_agent_thoughts (message_id)
            CREATE UNIQUE INDEX message_agent_thought_pkey ON message_agent_thoughts (id)
            CREATE INDEX message_file_created_by_idx ON message_files (created_by)
            CREATE INDEX message_file_message_idx ON message_files (message_id)
            CREATE UNIQUE INDEX message_file_pkey ON message_files (id)
            CREATE INDEX message_feedback_app_idx ON message_feedbacks (app_id)
            CREATE INDEX message_feedback_conversation_idx ON message_feedbacks (conversation_id, from_source, rating)
            CREATE INDEX message_feedback_message_idx ON message_feedbacks (message_id, from_source)
            CREATE UNIQUE INDEX message_feedback_pkey ON message_feedbacks (id)
            CREATE INDEX message_annotation_app_idx ON message_annotations (app_id)
            CREATE INDEX message_annotation_conversation_idx ON message_annotations (conversation_id)
            CREATE INDEX message_annotation_message_idx ON message_annotations (message_id)
            CREATE UNIQUE INDEX message_annotation_pkey ON message_annotations (id)
            CREATE INDEX dataset_retriever_resource_message_id_idx ON dataset_retriever_resources (message_id)
            CREATE UNIQUE INDEX dataset_retriever_resource_pkey ON dataset_retriever_resources (id)
            CREATE INDEX dataset_query_dataset_id_idx ON dataset_queries (dataset_id)
            CREATE UNIQUE INDEX dataset_query_pkey ON dataset_queries (id)
            CREATE UNIQUE INDEX end_user_pkey ON end_users (id)
            CREATE INDEX end_user_session_id_idx ON end_users (session_id, type)
            CREATE INDEX end_user_tenant_session_id_idx ON end_users (tenant_id, session_id, type)
            CREATE INDEX account_email_idx ON accounts (email)
            CREATE UNIQUE INDEX account_pkey ON accounts (id)
            CREATE UNIQUE INDEX tenant_pkey ON tenants (id)
            CREATE INDEX tenant_account_join_account_id_idx ON tenant_account_joins (account_id)
            CREATE UNIQUE INDEX tenant_account_join_pkey ON tenant_account_joins (id)
            CREATE INDEX tenant_account_join_tenant_id_idx ON tenant_account_joins (tenant_id)
            CREATE UNIQUE INDEX unique_tenant_account_join ON tenant_account_joins (tenant_id, account_id)
            CREATE INDEX trace_app_config_app_id_idx ON trace_app_config (app_id)
            CREATE UNIQUE INDEX trace_app_config_pkey ON trace_app_config (id)
            CREATE INDEX tool_file_conversation_id_idx ON tool_files (conversation_id)
            CREATE UNIQUE INDEX tool_file_pkey ON tool_files (id)
            CREATE UNIQUE INDEX upload_file_pkey ON upload_files (id)
            CREATE INDEX upload_file_tenant_idx ON upload_files (tenant_id)
            CREATE UNIQUE INDEX dataset_pkey ON datasets (id)
            CREATE INDEX dataset_tenant_idx ON datasets (tenant_id)
            CREATE INDEX retrieval_model_idx ON datasets USING gin (retrieval_model)
            CREATE UNIQUE INDEX alembic_version_pkc ON alembic_version (version_num)
            """;

    private static TestDatabase dify;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void createDifyDatabase() {
        dify = TestDatabases.createDifyDatabase();
        jdbc = new JdbcTemplate(dify.dataSource());
        System.out.println("DifySchemaTest uses " + TestDatabases.serverDescription() + ", database " + dify.name());
    }

    @AfterAll
    static void dropDifyDatabase() {
        if (dify != null) {
            dify.close();
        }
    }

    @Test
    void hasExactlyTheTablesAndColumnsOfTheReference() {
        Map<String, String> expected = new LinkedHashMap<>();
        COLUMNS.lines().forEach(line -> {
            String[] parts = line.split(":", 2);
            expected.put(parts[0].strip(), parts[1].strip());
        });
        Map<String, String> actual = new LinkedHashMap<>();
        jdbc.query("""
                SELECT table_name, string_agg(column_name, ', ' ORDER BY ordinal_position)
                FROM information_schema.columns
                WHERE table_schema = 'public'
                GROUP BY table_name""", rs -> {
            actual.put(rs.getString(1), rs.getString(2));
        });
        assertThat(expected).hasSize(24);
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void representativeTablesHaveTheReferenceTypesNullabilityAndDefaults() {
        DEFINITIONS.forEach((table, definition) -> {
            List<String> actual = jdbc.query("""
                    SELECT c.column_name, format_type(a.atttypid, a.atttypmod), c.is_nullable, c.column_default
                    FROM information_schema.columns c
                    JOIN pg_attribute a ON a.attrelid = ('public.' || c.table_name)::regclass AND a.attname = c.column_name
                    WHERE c.table_schema = 'public' AND c.table_name = ?
                    ORDER BY c.ordinal_position""", (rs, i) -> columnDefinition(rs), table);
            assertThat(actual).as(table).containsExactlyElementsOf(definition.lines().toList());
        });
    }

    @Test
    void hasExactlyTheIndexesOfTheReference() {
        List<String> actual = jdbc.query("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'",
                (rs, i) -> rs.getString(1).replace(" ON public.", " ON ").replace(" USING btree", ""));
        assertThat(actual).containsExactlyInAnyOrderElementsOf(INDEXES.lines().toList());
    }

    @Test
    void pagingIndexesAreOnCreatedAtThenId() {
        assertThat(indexDefinition("workflow_run_created_at_id_idx"))
                .isEqualTo("CREATE INDEX workflow_run_created_at_id_idx ON public.workflow_runs USING btree (created_at, id)");
        assertThat(indexDefinition("message_created_at_id_idx"))
                .isEqualTo("CREATE INDEX message_created_at_id_idx ON public.messages USING btree (created_at, id)");
    }

    @Test
    void messageStatusDefaultsToNormal() {
        assertThat(jdbc.queryForObject("""
                SELECT column_default FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = 'messages' AND column_name = 'status'""", String.class))
                .isEqualTo("'normal'::character varying");

        UUID id = jdbc.queryForObject("""
                INSERT INTO messages (app_id, conversation_id, inputs, query, message, message_unit_price, answer,
                                      answer_unit_price, currency, from_source)
                VALUES (uuid_generate_v4(), uuid_generate_v4(), '{}', 'hi', '""', 0, 'hello', 0, 'USD', 'api')
                RETURNING id""", UUID.class);
        assertThat(id.version()).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT status FROM messages WHERE id = ?", String.class, id)).isEqualTo("normal");
    }

    @Test
    void uuidDefaultsWork() {
        UUID offloadId = jdbc.queryForObject("""
                INSERT INTO workflow_node_execution_offload (tenant_id, app_id, node_execution_id, type, file_id)
                VALUES (uuid_generate_v4(), uuid_generate_v4(), uuid_generate_v4(), 'outputs', uuid_generate_v4())
                RETURNING id""", UUID.class);
        assertThat(offloadId.version()).isEqualTo(7);
        assertThat(offloadId.variant()).isEqualTo(2);
        long unixMillis = offloadId.getMostSignificantBits() >>> 16;
        assertThat(unixMillis).isBetween(System.currentTimeMillis() - 600_000, System.currentTimeMillis() + 600_000);
    }

    @Test
    void alembicVersionIsTheHeadRevision() {
        assertThat(jdbc.queryForList("SELECT version_num FROM alembic_version", String.class)).containsExactly("6b5f9f8b1a2c");
    }

    @Test
    void embeddedServerRunsAsTheCurrentUser() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startEphemeral()) {
            ProcessHandle postmaster = ProcessHandle.of(server.postmasterPid()).orElseThrow();
            assertThat(postmaster.info().user()).contains(System.getProperty("user.name"));
            try (Connection c = server.connect("postgres"); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT current_user, pg_backend_pid()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(server.username());
                assertThat(ProcessHandle.of(rs.getLong(2)).flatMap(p -> p.info().user()))
                        .contains(System.getProperty("user.name"));
            }
            server.createDatabaseIfMissing("demo");
            server.createDatabaseIfMissing("demo");
            assertThat(query(server, "demo", "SELECT current_database()")).isEqualTo("demo");
        }
    }

    @Test
    void persistentServerKeepsDataAndStartsOverAStalePostmasterPid(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("pg");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(dataDir)) {
            server.createDatabaseIfMissing("state");
            execute(server, "state", "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('survives')");
        }
        assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
        Files.writeString(dataDir.resolve("postmaster.pid"), deadPid() + "\n" + dataDir + "\n1700000000\n5432\n/tmp\nlocalhost\n  5432001     0\nready   \n");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(dataDir)) {
            assertThat(query(server, "state", "SELECT v FROM kept")).isEqualTo("survives");
        }
    }

    @Test
    void persistentServerRestartsAfterItsJvmWasKilled(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("pg");
        Process jvm = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                PersistentServerProcess.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .start();
        long orphanPid;
        try {
            orphanPid = awaitReady(jvm);
        } finally {
            jvm.destroyForcibly(); // kill -9: no shutdown hook stops PostgreSQL
            jvm.waitFor(30, TimeUnit.SECONDS);
        }
        ProcessHandle orphan = ProcessHandle.of(orphanPid).orElseThrow();
        assertThat(orphan.isAlive()).as("postmaster outlives its killed JVM").isTrue();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(dataDir)) {
            assertThat(orphan.isAlive()).isFalse();
            assertThat(server.postmasterPid()).isNotEqualTo(orphanPid);
            assertThat(query(server, "state", "SELECT v FROM kept")).isEqualTo("before the crash");
        }
    }

    /** Run in a child JVM by {@link #persistentServerRestartsAfterItsJvmWasKilled}. */
    public static final class PersistentServerProcess {
        public static void main(String[] args) throws Exception {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(Path.of(args[0]));
            server.createDatabaseIfMissing("state");
            execute(server, "state", "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('before the crash')");
            System.out.println("READY " + server.postmasterPid());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static long awaitReady(Process jvm) throws Exception {
        List<String> output = new ArrayList<>();
        CompletableFuture<Long> ready = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.startsWith("READY ")) {
                        return Long.parseLong(line.substring("READY ".length()).strip());
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        Long pid = ready.get(120, TimeUnit.SECONDS);
        if (pid == null) {
            synchronized (output) {
                throw new AssertionError("child JVM did not start PostgreSQL:\n" + String.join("\n", output));
            }
        }
        return pid;
    }

    private static String columnDefinition(ResultSet rs) throws SQLException {
        String type = rs.getString(2)
                .replace("character varying", "varchar")
                .replace("timestamp without time zone", "timestamp");
        String nullability = "NO".equals(rs.getString(3)) ? "NOT NULL" : "null";
        String columnDefault = rs.getString(4);
        String line = rs.getString(1) + " " + type + " " + nullability;
        if (columnDefault != null) {
            line += " DEFAULT " + columnDefault.replaceAll("::(character varying|text)$", "");
        }
        return line;
    }

    private static String indexDefinition(String name) {
        return jdbc.queryForObject("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname = ?",
                String.class, name);
    }

    private static void execute(EmbeddedPostgresServer server, String database, String sql) throws SQLException {
        try (Connection c = server.connect(database); Statement st = c.createStatement()) {
            for (String statement : sql.split(";")) {
                st.execute(statement);
            }
        }
    }

    private static String query(EmbeddedPostgresServer server, String database, String sql) throws SQLException {
        try (Connection c = server.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The PID of a process that has exited. */
    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder(javaBinary(), "-version").redirectErrorStream(true).start();
        process.getInputStream().transferTo(OutputStream.nullOutputStream());
        process.waitFor(60, TimeUnit.SECONDS);
        assertThat(process.isAlive()).isFalse();
        return process.pid();
    }
}
