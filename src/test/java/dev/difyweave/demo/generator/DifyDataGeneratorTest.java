package dev.difyweave.demo.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.difyweave.demo.generator.GeneratedAgentThought;
import dev.difyweave.demo.generator.GeneratedChatApp;
import dev.difyweave.demo.generator.GeneratedConversation;
import dev.difyweave.demo.generator.GeneratedMessage;
import dev.difyweave.demo.generator.GeneratedMessageFile;
import dev.difyweave.demo.generator.GeneratedNode;
import dev.difyweave.demo.generator.GeneratedRun;
import dev.difyweave.demo.generator.GenerationResult;
import dev.difyweave.demo.generator.DifyDataGenerator.Spec;
import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifyDataGeneratorTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Spec spec = Spec.small();
    private final List<TestDatabase> databases = new ArrayList<>();
    private GenerationResult result;
    private JdbcTemplate jdbc;

    @BeforeAll
    void generateSmallDataSet() {
        TestDatabase db = newDatabase();
        result = new DifyDataGenerator().generate(db.dataSource(), spec);
        jdbc = new JdbcTemplate(db.dataSource());
    }

    @AfterAll
    void dropDatabases() {
        databases.forEach(TestDatabase::close);
    }

    private TestDatabase newDatabase() {
        TestDatabase db = TestDatabases.createDifyDatabase();
        databases.add(db);
        return db;
    }

    @Test
    void reportedCountsMatchTheTables() {
        for (Map.Entry<String, Long> table : result.rowCounts().entrySet()) {
            assertThat(count("SELECT count(*) FROM " + table.getKey())).as(table.getKey()).isEqualTo(table.getValue());
        }
        assertThat(result.tenantCount()).isEqualTo(1);
        assertThat(result.appCount()).isEqualTo(6);
        assertThat(result.workflowAppCount()).isEqualTo(2);
        assertThat(result.chatAppCount()).isEqualTo(4);
        assertThat(result.workflowRunCount()).isEqualTo(50)
                .isEqualTo(count("SELECT count(*) FROM workflow_runs WHERE type = 'workflow'"));
        // a draft and a published version per workflow and chatflow app
        assertThat(count("SELECT count(*) FROM workflows WHERE type = 'workflow'")).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM workflows WHERE type = 'chat'")).isEqualTo(2);
        assertThat(result.workflowCount()).isEqualTo(6);
        assertThat(result.endUserCount()).isEqualTo(6L * spec.endUsersPerApp());

        Map<String, Long> statuses = jdbc.queryForList(
                        "SELECT status, count(*) AS n FROM workflow_runs WHERE type = 'workflow' GROUP BY status")
                .stream().collect(Collectors.toMap(r -> (String) r.get("status"), r -> ((Number) r.get("n")).longValue()));
        assertThat(result.runsByStatus()).isEqualTo(statuses);
        assertThat(statuses.keySet()).containsExactlyInAnyOrder(
                "succeeded", "failed", "stopped", "partial-succeeded", "running", "paused");

        assertThat(count("SELECT count(*) FROM workflow_node_executions WHERE triggered_from = 'single-step'"))
                .isEqualTo(result.singleStepNodeExecutions()).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM workflow_node_executions n JOIN workflow_runs r ON r.id = n.workflow_run_id"
                + " WHERE n.triggered_from = 'workflow-run' AND r.type = 'workflow'"))
                .isEqualTo(result.runNodeExecutionCount())
                .isEqualTo(result.runs().stream().mapToLong(r -> r.nodes().size()).sum());
        assertThat(result.runNodeExecutionCount()).isBetween(350L, 650L); // ~10 per run

        assertThat(result.runs()).hasSize(50);
        assertThat(result.finishedRunIds()).hasSize((int) result.finishedRunCount());
        assertThat(count("SELECT count(*) FROM workflow_runs WHERE triggered_from = 'app-run' AND type = 'workflow'"))
                .isEqualTo(result.appLogCount())
                .isEqualTo(result.runs().stream().filter(r -> r.appLogId() != null).count());
        assertThat(count("SELECT count(*) FROM workflow_runs WHERE triggered_from = 'debugging'")).isPositive();
    }

    @Test
    void sameSeedGivesTheSameData_whateverTheJvmZone() {
        TimeZone original = TimeZone.getDefault();
        GenerationResult again;
        TestDatabase other = newDatabase();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Honolulu"));
            again = new DifyDataGenerator().generate(other.dataSource(), spec);
        } finally {
            TimeZone.setDefault(original);
        }
        assertThat(again).isEqualTo(result);

        String runs = "SELECT id::text || ' ' || created_at::text || ' ' || coalesce(finished_at::text, '-') || ' ' || status"
                + " FROM workflow_runs ORDER BY id";
        String nodes = "SELECT id::text || ' ' || created_at::text || ' ' || coalesce(finished_at::text, '-')"
                + " || ' ' || md5(coalesce(inputs, '') || coalesce(outputs, '')) FROM workflow_node_executions ORDER BY id";
        JdbcTemplate otherJdbc = new JdbcTemplate(other.dataSource());
        assertThat(otherJdbc.queryForList(runs, String.class)).isEqualTo(jdbc.queryForList(runs, String.class));
        assertThat(otherJdbc.queryForList(nodes, String.class)).isEqualTo(jdbc.queryForList(nodes, String.class));
        String messages = "SELECT id::text || ' ' || created_at::text || ' ' || updated_at::text || ' '"
                + " || md5(message::text || answer || coalesce(message_metadata, '')) FROM messages ORDER BY id";
        String thoughts = "SELECT id::text || ' ' || created_at::text || ' ' || md5(tool || tool_input || tool_meta_str)"
                + " FROM message_agent_thoughts ORDER BY id";
        assertThat(otherJdbc.queryForList(messages, String.class)).isEqualTo(jdbc.queryForList(messages, String.class));
        assertThat(otherJdbc.queryForList(thoughts, String.class)).isEqualTo(jdbc.queryForList(thoughts, String.class));

        GenerationResult otherSeed = new DifyDataGenerator().generate(newDatabase().dataSource(),
                spec.toBuilder().seed(spec.seed() + 1).build());
        assertThat(otherSeed.runIds()).doesNotContainAnyElementsOf(result.runIds());
        assertThat(otherSeed.messageIds()).doesNotContainAnyElementsOf(result.messageIds());
    }

    @Test
    void timestampsAreNaiveUtc() {
        LocalDateTime start = LocalDateTime.ofInstant(spec.start(), ZoneOffset.UTC);
        LocalDateTime end = LocalDateTime.ofInstant(spec.start().plus(spec.span()), ZoneOffset.UTC);
        // Read as text so that no JDBC zone handling is involved on the way back.
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT id::text AS id, created_at::text AS created_at, inputs FROM workflow_runs WHERE type = 'workflow'");
        Map<String, GeneratedRun> runs = result.runs().stream()
                .collect(Collectors.toMap(r -> r.id().toString(), r -> r));
        for (Map<String, Object> row : rows) {
            LocalDateTime stored = LocalDateTime.parse(((String) row.get("created_at")).replace(' ', 'T'));
            assertThat(stored).isEqualTo(runs.get((String) row.get("id")).createdAt());
            assertThat(stored).isAfterOrEqualTo(start).isBefore(end);
            long sysTimestamp = parse((String) row.get("inputs")).get("sys.timestamp").asLong();
            assertThat(sysTimestamp).isEqualTo(stored.toEpochSecond(ZoneOffset.UTC));
        }
        // Run timestamps carry microseconds, as Dify's Python-side naive_utc_now() does.
        assertThat(count("SELECT count(*) FROM workflow_runs WHERE date_trunc('second', created_at) <> created_at"))
                .isGreaterThan(40);
    }

    @Test
    void nodesOfARunSitInsideTheRunAndAreNumberedInOrder() {
        assertThat(count("""
                SELECT count(*) FROM workflow_node_executions n JOIN workflow_runs r ON r.id = n.workflow_run_id
                WHERE n.created_at < r.created_at
                   OR (r.finished_at IS NOT NULL AND (n.finished_at IS NULL OR n.finished_at > r.finished_at
                       OR n.created_at + n.elapsed_time * interval '1 second' > r.finished_at + interval '1 microsecond'))
                """)).isZero();
        assertThat(count("""
                SELECT count(*) FROM workflow_node_executions n JOIN workflow_runs r ON r.id = n.workflow_run_id
                WHERE n.tenant_id <> r.tenant_id OR n.app_id <> r.app_id OR n.workflow_id <> r.workflow_id
                   OR n.created_by <> r.created_by OR n.created_by_role <> r.created_by_role
                """)).isZero();

        for (GeneratedRun run : result.runs()) {
            List<GeneratedNode> nodes = run.nodes();
            assertThat(nodes).extracting(GeneratedNode::index)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, nodes.size()).boxed().toList());
            for (int i = 1; i < nodes.size(); i++) {
                assertThat(nodes.get(i).createdAt()).as("run %s node %d", run.id(), i + 1)
                        .isAfter(nodes.get(i - 1).createdAt());
            }
            assertThat(nodes.get(0).nodeType()).isEqualTo("start");
            switch (run.status()) {
                case "succeeded", "partial-succeeded" -> assertThat(nodes.get(nodes.size() - 1).nodeType()).isEqualTo("end");
                case "paused" -> assertThat(nodes.get(nodes.size() - 1).status()).isEqualTo("paused");
                case "running" -> assertThat(nodes.get(nodes.size() - 1).status()).isEqualTo("running");
                case "failed", "stopped" -> assertThat(nodes.get(nodes.size() - 1).status()).isEqualTo("failed");
                default -> throw new AssertionError(run.status());
            }
            if (run.status().equals("partial-succeeded")) {
                assertThat(nodes).extracting(GeneratedNode::status).contains("exception");
            }
        }
    }

    @Test
    void rowsUseDifysValuesAndShapes() {
        assertThat(distinct("triggered_from", "workflow_runs")).containsExactlyInAnyOrder("app-run", "debugging");
        assertThat(distinct("created_from", "workflow_app_logs")).containsExactlyInAnyOrder("service-api", "web-app");
        assertThat(distinct("type", "end_users")).containsExactlyInAnyOrder("service-api", "browser");
        assertThat(distinct("status", "workflow_node_executions"))
                .containsExactlyInAnyOrder("succeeded", "failed", "exception", "running", "paused");
        assertThat(distinct("node_type", "workflow_node_executions")).contains(
                "start", "end", "llm", "knowledge-retrieval", "code", "if-else", "template-transform", "http-request",
                "tool", "iteration", "iteration-start", "question-classifier", "variable-aggregator", "human-input");

        assertNone("workflow_runs", "triggered_from = 'debugging' AND (version <> 'draft' OR created_by_role <> 'account')");
        assertNone("workflow_runs", "type = 'workflow' AND triggered_from = 'app-run'"
                + " AND (version = 'draft' OR created_by_role <> 'end_user')");
        assertNone("workflow_runs", "status IN ('running', 'paused') AND (finished_at IS NOT NULL OR outputs IS NOT NULL)");
        assertNone("workflow_runs", "status NOT IN ('running', 'paused') AND finished_at IS NULL");
        assertNone("workflow_runs", "(status IN ('failed', 'stopped')) <> (error IS NOT NULL)");
        assertNone("workflow_runs", "(status = 'partial-succeeded') <> (exceptions_count > 0)");
        assertNone("workflow_runs", "length(graph) < 5000");
        assertNone("workflow_node_executions", "(triggered_from = 'single-step') <> (workflow_run_id IS NULL)");
        assertNone("workflow_node_executions", "node_execution_id <> id::text");
        assertNone("workflow_node_executions", "status IN ('failed', 'exception') AND error IS NULL");
        assertNone("apps", "mode NOT IN ('workflow', 'chat', 'completion', 'agent-chat', 'advanced-chat')"
                + " OR created_by IS NULL OR tracing IS NOT NULL");
        assertNone("apps a", "a.mode IN ('workflow', 'advanced-chat') AND (a.app_model_config_id IS NOT NULL"
                + " OR NOT EXISTS (SELECT 1 FROM workflows w WHERE w.id = a.workflow_id AND w.version <> 'draft'"
                + " AND w.type = CASE a.mode WHEN 'workflow' THEN 'workflow' ELSE 'chat' END))");
        assertNone("apps a", "a.mode IN ('chat', 'completion', 'agent-chat') AND (a.workflow_id IS NOT NULL"
                + " OR NOT EXISTS (SELECT 1 FROM app_model_configs c WHERE c.id = a.app_model_config_id AND c.app_id = a.id))");
        assertNone("tenant_account_joins", "NOT current");

        String llm = jdbc.queryForObject("SELECT process_data FROM workflow_node_executions WHERE node_type = 'llm'"
                + " AND status = 'succeeded' AND triggered_from = 'workflow-run' ORDER BY id LIMIT 1", String.class);
        JsonNode processData = parse(llm);
        assertThat(processData.get("model_mode").asString()).isEqualTo("chat");
        assertThat(processData.get("prompts").get(0).get("role").asString()).isEqualTo("system");
        assertThat(processData.get("prompts").get(1).get("role").asString()).isEqualTo("user");
        assertThat(processData.get("usage").get("total_tokens").asLong()).isPositive();
        assertThat(processData.has("model_provider")).isTrue();

        JsonNode inputs = parse(jdbc.queryForObject("SELECT inputs FROM workflow_runs WHERE type = 'workflow' ORDER BY id LIMIT 1",
                String.class));
        assertThat(inputs.propertyNames()).contains("query", "sys.files", "sys.user_id", "sys.app_id",
                "sys.workflow_id", "sys.workflow_run_id", "sys.timestamp", "sys.invoke_from");

        assertThat(count("""
                SELECT count(*) FROM workflow_node_executions c
                JOIN workflow_node_executions p ON p.workflow_run_id = c.workflow_run_id AND p.node_type = 'iteration'
                WHERE c.execution_metadata::jsonb ->> 'iteration_id' = p.node_id
                """)).isPositive();
    }

    @Test
    void everyJsonTextColumnParses() {
        List<String> columns = List.of(
                "workflow_runs.graph", "workflow_runs.inputs", "workflow_runs.outputs",
                "workflow_node_executions.inputs", "workflow_node_executions.process_data",
                "workflow_node_executions.outputs", "workflow_node_executions.execution_metadata",
                "workflows.graph", "workflows.features", "workflows.environment_variables",
                "workflows.conversation_variables",
                "app_model_configs.model", "app_model_configs.user_input_form", "app_model_configs.agent_mode",
                "app_model_configs.sensitive_word_avoidance", "app_model_configs.suggested_questions_after_answer",
                "app_model_configs.retriever_resource", "app_model_configs.dataset_configs",
                "app_model_configs.file_upload", "app_model_configs.suggested_questions",
                "app_model_configs.more_like_this", "app_model_configs.speech_to_text",
                "app_model_configs.text_to_speech", "app_model_configs.external_data_tools",
                "conversations.inputs", "messages.inputs", "messages.message_metadata",
                "message_agent_thoughts.tool_input", "message_agent_thoughts.tool_meta_str",
                "message_agent_thoughts.tool_labels_str", "message_agent_thoughts.message_files",
                "datasets.retrieval_model");
        Set<String> seen = new HashSet<>();
        for (String qualified : columns) {
            String table = qualified.substring(0, qualified.indexOf('.'));
            String column = qualified.substring(qualified.indexOf('.') + 1);
            jdbc.query("SELECT " + column + "::text FROM " + table + " WHERE " + column + " IS NOT NULL", rs -> {
                String text = rs.getString(1);
                assertThat(parse(text).isContainer()).as("%s: %s", qualified, text).isTrue();
                seen.add(qualified);
            });
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(columns);
        // Tool results are JSON keyed by tool name once a tool has answered; the final thought has none.
        jdbc.query("SELECT observation FROM message_agent_thoughts WHERE tool <> '' AND observation <> ''",
                rs -> {
                    assertThat(parse(rs.getString(1)).isObject()).isTrue();
                });
        // messages.message is a prompt list, or the JSON string "" while no prompt is saved.
        jdbc.query("SELECT message::text FROM messages", rs -> {
            JsonNode message = parse(rs.getString(1));
            assertThat(message.isArray() || message.isString() && message.asString().isEmpty())
                    .as(rs.getString(1)).isTrue();
        });
    }

    // ---------------------------------------------------------------------------------------------
    // The message side

    @Test
    void messageSideCountsMatchTheTablesAndTheRecords() {
        assertThat(result.messageCount()).isEqualTo(48).isEqualTo(count("SELECT count(*) FROM messages"))
                .isEqualTo(result.messages().size());
        for (String mode : DifyDataGenerator.MESSAGE_APP_MODES) {
            assertThat(result.messages(mode)).as(mode).hasSize(12);
            assertThat(count("SELECT count(*) FROM messages WHERE app_mode = '" + mode + "'")).isEqualTo(12);
        }
        assertThat(result.conversationCount()).isEqualTo(4 + 12 + 4 + 4)
                .isEqualTo(count("SELECT count(*) FROM conversations")).isEqualTo(result.conversations().size());
        assertThat(result.conversations().stream().mapToLong(GeneratedConversation::messageCount).sum()).isEqualTo(48);
        assertThat(result.agentThoughtCount()).isEqualTo(count("SELECT count(*) FROM message_agent_thoughts"))
                .isEqualTo(result.messages().stream().mapToLong(m -> m.agentThoughts().size()).sum());
        assertThat(result.messageFileCount()).isEqualTo(count("SELECT count(*) FROM message_files"))
                .isEqualTo(result.messages().stream().mapToLong(m -> m.files().size()).sum());
        assertThat(result.chatflowRunCount()).isEqualTo(12).isEqualTo(result.chatflowRuns().size())
                .isEqualTo(count("SELECT count(*) FROM workflow_runs WHERE type = 'chat'"));
        assertThat(result.chatflowRunsByStatus().keySet()).containsExactlyInAnyOrder("succeeded", "failed", "running");
        assertThat(count("SELECT count(*) FROM workflow_node_executions n JOIN workflow_runs r ON r.id = n.workflow_run_id"
                + " WHERE r.type = 'chat'"))
                .isEqualTo(result.chatflowNodeExecutions())
                .isEqualTo(result.chatflowRuns().stream().mapToLong(r -> r.nodes().size()).sum());
        assertThat(result.rowCount("app_model_configs")).isEqualTo(6); // two per easy-UI app
        assertThat(result.chatApps()).extracting(GeneratedChatApp::mode)
                .containsExactlyElementsOf(DifyDataGenerator.MESSAGE_APP_MODES);
        assertThat(result.finishedMessageIds()).hasSize((int) result.messages().stream()
                .filter(GeneratedMessage::finished).count());
        assertThat(result.runs()).extracting(GeneratedRun::id)
                .doesNotContainAnyElementsOf(result.chatflowRuns().stream().map(GeneratedRun::id).toList());
    }

    @Test
    void theRecordsDescribeTheRows() {
        Map<String, Map<String, Object>> rows = jdbc.queryForList("""
                SELECT id::text AS id, app_id::text AS app_id, app_mode, conversation_id::text AS conversation_id,
                       status, created_at::text AS created_at, workflow_run_id::text AS run, answer, message::text AS message
                FROM messages""").stream().collect(Collectors.toMap(r -> (String) r.get("id"), r -> r));
        for (GeneratedMessage m : result.messages()) {
            Map<String, Object> row = rows.get(m.id().toString());
            assertThat(row).as("message %s", m.id()).isNotNull();
            assertThat(row.get("app_id")).isEqualTo(m.appId().toString());
            assertThat(row.get("app_mode")).isEqualTo(m.appMode());
            assertThat(row.get("conversation_id")).isEqualTo(m.conversationId().toString());
            assertThat(row.get("status")).isEqualTo(m.status());
            assertThat(LocalDateTime.parse(((String) row.get("created_at")).replace(' ', 'T'))).isEqualTo(m.createdAt());
            assertThat(row.get("run")).isEqualTo(m.workflowRunId() == null ? null : m.workflowRunId().toString());
            boolean promptSaved = !"\"\"".equals(row.get("message"));
            if (m.appMode().equals("advanced-chat")) {
                assertThat(promptSaved).as("advanced-chat keeps message empty").isFalse();
                assertThat(!((String) row.get("answer")).isEmpty()).isEqualTo(m.answerSaved());
            } else {
                assertThat(promptSaved).isEqualTo(m.answerSaved());
            }
        }
        Map<String, String> tools = jdbc.queryForList("SELECT id::text AS id, tool FROM message_agent_thoughts").stream()
                .collect(Collectors.toMap(r -> (String) r.get("id"), r -> (String) r.get("tool")));
        for (GeneratedMessage m : result.messages("agent-chat")) {
            for (GeneratedAgentThought t : m.agentThoughts()) {
                assertThat(tools.get(t.id().toString())).isEqualTo(String.join(";", t.tools()));
            }
        }
        for (GeneratedConversation c : result.conversations()) {
            Map<String, Object> row = jdbc.queryForMap("SELECT mode, name, is_deleted, created_at::text AS created_at"
                    + " FROM conversations WHERE id = ?::uuid", c.id().toString());
            assertThat(row.get("mode")).isEqualTo(c.appMode());
            assertThat(row.get("name")).isEqualTo(c.name());
            assertThat(row.get("is_deleted")).isEqualTo(c.deleted());
            assertThat(LocalDateTime.parse(((String) row.get("created_at")).replace(' ', 'T')))
                    .isEqualTo(c.firstMessageCreatedAt());
            assertThat(jdbc.queryForObject("SELECT query FROM messages WHERE id = ?::uuid", String.class,
                    c.firstMessageId().toString())).isEqualTo(c.firstQuery());
            assertThat(count("SELECT count(*) FROM messages WHERE conversation_id = '" + c.id() + "' AND created_at < '"
                    + c.firstMessageCreatedAt() + "'")).as("no message before the first").isZero();
        }
    }

    @Test
    void appConfigsCoverModerationSuggestionsAndCitations() {
        List<String> moderation = jdbc.queryForList(
                "SELECT coalesce(sensitive_word_avoidance, 'NULL') FROM app_model_configs", String.class);
        assertThat(moderation).contains("NULL");
        assertThat(moderation.stream().filter(m -> !m.equals("NULL")).map(DifyDataGeneratorTest::parse).toList())
                .anySatisfy(m -> assertThat(m.get("enabled").asBoolean()).isFalse())
                .anySatisfy(m -> {
                    assertThat(m.get("type").asString()).isEqualTo("keywords");
                    assertThat(m.get("config").get("keywords").asString()).contains("\n");
                    assertThat(m.get("config").get("inputs_config").get("enabled").asBoolean()).isTrue();
                    assertThat(m.get("config").get("inputs_config").get("preset_response").asString()).isNotBlank();
                })
                .anySatisfy(m -> assertThat(m.get("type").asString()).isEqualTo("openai_moderation"));
        assertThat(jdbc.queryForList("SELECT DISTINCT suggested_questions_after_answer FROM app_model_configs", String.class))
                .containsExactlyInAnyOrder("{\"enabled\":true}", "{\"enabled\":false}");
        assertThat(jdbc.queryForList("SELECT DISTINCT retriever_resource FROM app_model_configs", String.class))
                .containsExactlyInAnyOrder("{\"enabled\":true}", "{\"enabled\":false}");
        assertThat(parse(jdbc.queryForObject("SELECT c.agent_mode FROM app_model_configs c JOIN apps a ON a.id = c.app_id"
                + " WHERE a.mode = 'agent-chat' LIMIT 1", String.class)).get("enabled").asBoolean()).isTrue();
        JsonNode features = parse(jdbc.queryForObject("SELECT features FROM workflows WHERE type = 'chat'"
                + " AND version <> 'draft'", String.class));
        assertThat(features.get("sensitive_word_avoidance").get("enabled").asBoolean()).isTrue();
        assertThat(features.get("sensitive_word_avoidance").get("type").asString()).isEqualTo("keywords");
        assertThat(features.has("suggested_questions_after_answer")).isTrue();

        // Conversations use the config they started with; older ones the app's earlier config.
        assertNone("conversations c", "c.mode <> 'advanced-chat' AND NOT EXISTS (SELECT 1 FROM app_model_configs m"
                + " WHERE m.id = c.app_model_config_id AND m.app_id = c.app_id)");
        assertNone("conversations c", "c.mode = 'advanced-chat' AND c.app_model_config_id IS NOT NULL");
        assertThat(count("SELECT count(*) FROM conversations c JOIN apps a ON a.id = c.app_id"
                + " WHERE c.app_model_config_id <> a.app_model_config_id")).isPositive();

        List<GeneratedMessage> messages = result.messages();
        assertThat(messages).anyMatch(m -> "keywords".equals(m.moderationType()) && Boolean.TRUE.equals(m.moderationFlagged()))
                .anyMatch(m -> "keywords".equals(m.moderationType()) && Boolean.FALSE.equals(m.moderationFlagged()))
                .anyMatch(m -> "openai_moderation".equals(m.moderationType()) && m.moderationFlagged() == null)
                .anyMatch(m -> !m.inputModeration())
                .anyMatch(m -> m.appMode().equals("advanced-chat") && m.inputModeration())
                .anyMatch(GeneratedMessage::suggestedQuestions)
                .anyMatch(m -> !m.suggestedQuestions());
        for (GeneratedMessage m : messages) {
            if (Boolean.TRUE.equals(m.moderationFlagged())) {
                assertThat(jdbc.queryForObject("SELECT answer FROM messages WHERE id = ?::uuid", String.class,
                        m.id().toString())).as("a flagged message answers with the preset response")
                        .isEqualTo(ChatAppSettings.PRESET_RESPONSE);
            }
        }
    }

    @Test
    void conversationsCoverNamesUsersAndDeletion() {
        List<GeneratedConversation> conversations = result.conversations();
        assertThat(conversations).anyMatch(GeneratedConversation::hasGeneratedName)
                .anyMatch(c -> c.name().equals(DifyDataGenerator.PLACEHOLDER_CONVERSATION_NAME) && !c.appMode().equals("completion"))
                .anyMatch(c -> c.name().isEmpty())
                .anyMatch(GeneratedConversation::deleted)
                .allMatch(c -> !c.appMode().equals("completion") || c.messageCount() == 1
                        && c.name().equals(DifyDataGenerator.PLACEHOLDER_CONVERSATION_NAME));
        assertThat(distinct("mode", "conversations")).containsExactlyInAnyOrderElementsOf(DifyDataGenerator.MESSAGE_APP_MODES);
        assertThat(distinct("status", "conversations")).containsExactly("normal");
        assertThat(distinct("from_source", "conversations")).containsExactlyInAnyOrder("api", "console");
        assertThat(distinct("invoke_from", "messages")).contains("service-api", "web-app");
        assertNone("conversations", "(from_end_user_id IS NULL) = (from_account_id IS NULL)");
        assertNone("conversations", "(from_source = 'console') <> (from_account_id IS NOT NULL)");
        assertNone("messages m JOIN conversations c ON c.id = m.conversation_id",
                "m.app_id <> c.app_id OR m.app_mode <> c.mode OR m.from_source <> c.from_source"
                        + " OR m.from_end_user_id IS DISTINCT FROM c.from_end_user_id"
                        + " OR m.from_account_id IS DISTINCT FROM c.from_account_id");
        assertNone("messages m", "m.from_end_user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM end_users e"
                + " WHERE e.id = m.from_end_user_id AND e.app_id = m.app_id)");
        assertNone("conversations", "date_trunc('second', created_at) <> created_at");
        assertNone("messages", "date_trunc('second', created_at) <> created_at");
    }

    @Test
    void messagesCoverEveryStatusAndTiming() {
        List<GeneratedMessage> messages = result.messages();
        LocalDateTime end = LocalDateTime.ofInstant(spec.end(), ZoneOffset.UTC);
        for (String mode : List.of("chat", "completion", "agent-chat")) {
            List<GeneratedMessage> ofMode = result.messages(mode);
            assertThat(ofMode).as(mode).anyMatch(m -> m.status().equals("error") && !m.answerSaved())
                    .anyMatch(m -> m.status().equals("normal") && !m.answerSaved())
                    .anyMatch(GeneratedMessage::answerSaved);
        }
        for (GeneratedMessage m : messages) {
            if (!m.finished()) {
                assertThat(m.createdAt()).as("pending messages are recent").isAfter(end.minusMinutes(10)).isBefore(end);
                assertThat(m.updatedAt()).isEqualTo(m.createdAt());
            }
        }
        assertNone("messages", "status = 'error' AND (error IS NULL OR message::text <> '\"\"' OR answer <> '')");
        assertNone("messages", "status = 'normal' AND error IS NOT NULL");
        assertNone("messages", "app_mode <> 'advanced-chat' AND message::text = '\"\"' AND status = 'normal'"
                + " AND (answer <> '' OR created_at < '" + end.minusMinutes(10) + "')");
        assertNone("messages", "message::text <> '\"\"' AND message_metadata IS NULL");
        assertNone("messages", "(app_mode = 'agent-chat') <> agent_based");
        assertNone("messages", "(app_mode = 'advanced-chat') <> (workflow_run_id IS NOT NULL)");
        assertNone("messages", "(app_mode = 'advanced-chat') <> (model_id IS NULL)");
        assertNone("messages", "updated_at < created_at");
        assertThat(count("SELECT count(*) FROM messages WHERE updated_at > created_at")).isGreaterThan(30);
        assertThat(count("SELECT count(*) FROM messages WHERE updated_at = created_at AND answer <> ''"
                + " AND provider_response_latency > 0")).as("end = created_at + latency applies").isPositive();
        assertThat(count("SELECT count(*) FROM messages WHERE date_trunc('second', updated_at) <> updated_at")).isPositive();

        // Every saved message has usage; prompts follow the model mode.
        jdbc.query("SELECT app_mode, message::text, message_metadata, message_tokens, answer_tokens FROM messages"
                + " WHERE message_metadata IS NOT NULL", rs -> {
            JsonNode usage = parse(rs.getString("message_metadata")).get("usage");
            assertThat(usage.get("prompt_tokens").asLong()).isEqualTo(rs.getLong("message_tokens"));
            assertThat(usage.get("completion_tokens").asLong()).isEqualTo(rs.getLong("answer_tokens"));
            JsonNode prompt = parse(rs.getString(2));
            switch (rs.getString("app_mode")) {
                case "completion" -> {
                    assertThat(prompt.size()).isEqualTo(1);
                    assertThat(prompt.get(0).get("role").asString()).isEqualTo("user");
                }
                case "advanced-chat" -> assertThat(prompt.asString()).isEmpty();
                default -> {
                    assertThat(prompt.get(0).get("role").asString()).isEqualTo("system");
                    assertThat(prompt.get(0).has("files")).isTrue();
                }
            }
        });
    }

    @Test
    void citationsComeFromTheMetadataOrFromLegacyRows() {
        assertThat(result.messages()).anyMatch(m -> m.hasRetrieverResources() && !m.legacyRetrieverResources())
                .anyMatch(GeneratedMessage::legacyRetrieverResources);
        List<String> datasets = jdbc.queryForList("SELECT id::text FROM datasets", String.class);
        jdbc.query("SELECT id::text, message_metadata FROM messages WHERE message_metadata LIKE '%retriever_resources%'", rs -> {
            JsonNode resources = parse(rs.getString(2)).get("retriever_resources");
            GeneratedMessage m = message(rs.getString(1));
            assertThat(resources.size()).isEqualTo(m.retrieverResources());
            for (JsonNode resource : resources) {
                assertThat(resource.propertyNames()).contains("position", "dataset_id", "dataset_name", "document_id",
                        "document_name", "data_source_type", "segment_id", "retriever_from", "score", "hit_count",
                        "word_count", "segment_position", "index_node_hash", "content", "page", "doc_metadata", "title",
                        "files", "summary");
                assertThat(datasets).contains(resource.get("dataset_id").asString());
            }
        });
        for (GeneratedMessage m : result.messages()) {
            long legacyRows = count("SELECT count(*) FROM dataset_retriever_resources WHERE message_id = '" + m.id() + "'");
            assertThat(legacyRows).isEqualTo(m.legacyRetrieverResources() ? m.retrieverResources() : 0);
            if (m.legacyRetrieverResources()) {
                assertThat(jdbc.queryForObject("SELECT message_metadata FROM messages WHERE id = ?::uuid", String.class,
                        m.id().toString())).doesNotContain("retriever_resources");
            }
        }
        assertNone("dataset_retriever_resources r", "NOT EXISTS (SELECT 1 FROM datasets d WHERE d.id = r.dataset_id)");
        assertNone("datasets", "embedding_model IS NULL OR embedding_model_provider IS NULL");
    }

    @Test
    void agentThoughtsCoverOneTwoRepeatedFailedAndNoTools() {
        List<GeneratedMessage> agentMessages = result.messages("agent-chat");
        assertThat(agentMessages).allMatch(m -> !m.answerSaved() || m.agentThoughts().isEmpty()
                || m.agentThoughts().get(m.agentThoughts().size() - 1).tools().isEmpty());
        assertThat(agentMessages).flatExtracting(GeneratedMessage::agentThoughts)
                .anyMatch(t -> t.tools().size() == 1)
                .anyMatch(t -> t.tools().equals(List.of("google_search", "wikipedia")))
                .anyMatch(t -> !t.toolsWithError().isEmpty())
                .anyMatch(t -> t.tools().isEmpty());
        assertThat(agentMessages).anyMatch(m -> m.answerSaved() && m.agentThoughts().size() == 1) // answered directly
                .anyMatch(m -> m.agentThoughts().stream().filter(t -> t.tools().contains("wikipedia")).count() == 2);
        for (GeneratedMessage m : agentMessages) {
            List<GeneratedAgentThought> thoughts = m.agentThoughts();
            for (int i = 0; i < thoughts.size(); i++) {
                assertThat(thoughts.get(i).position()).isEqualTo(i + 1);
                assertThat(thoughts.get(i).createdAt()).isAfter(i == 0 ? m.createdAt() : thoughts.get(i - 1).createdAt());
            }
        }
        assertThat(count("SELECT count(*) FROM message_agent_thoughts WHERE date_trunc('second', created_at) <> created_at"))
                .isEqualTo(result.agentThoughtCount());
        assertNone("message_agent_thoughts t JOIN messages m ON m.id = t.message_id",
                "m.app_mode <> 'agent-chat' OR t.created_by IS DISTINCT FROM coalesce(m.from_end_user_id, m.from_account_id)"
                        + " OR t.created_by_role <> CASE WHEN m.from_account_id IS NULL THEN 'end_user' ELSE 'account' END");
        jdbc.query("SELECT tool, tool_input, observation, tool_meta_str, tool_labels_str FROM message_agent_thoughts"
                + " WHERE tool <> '' AND observation <> ''", rs -> {
            List<String> names = List.of(rs.getString("tool").split(";"));
            for (String column : List.of("tool_input", "observation", "tool_meta_str", "tool_labels_str")) {
                assertThat(parse(rs.getString(column)).propertyNames()).as(column).containsExactlyElementsOf(names);
            }
            JsonNode meta = parse(rs.getString("tool_meta_str"));
            for (String name : names) {
                assertThat(meta.get(name).get("time_cost").isNumber()).isTrue();
                assertThat(meta.get(name).has("error")).isTrue();
                assertThat(meta.get(name).get("tool_config").isObject()).isTrue();
            }
        });
    }

    @Test
    void messageFilesCoverLinksUploadsAndAssistantFiles() {
        List<GeneratedMessageFile> files = result.messages().stream().flatMap(m -> m.files().stream()).toList();
        assertThat(files).anyMatch(f -> f.transferMethod().equals("remote_url") && f.url() != null && f.type().equals("image"))
                .anyMatch(f -> f.transferMethod().equals("local_file") && f.url() == null && f.type().equals("document"))
                .anyMatch(f -> f.belongsTo().equals("user"))
                .anyMatch(f -> f.belongsTo().equals("assistant"));
        assertNone("message_files", "transfer_method = 'local_file' AND (url IS NOT NULL OR upload_file_id IS NULL"
                + " OR NOT EXISTS (SELECT 1 FROM upload_files u WHERE u.id = upload_file_id))");
        assertNone("message_files", "transfer_method = 'remote_url' AND (url IS NULL OR upload_file_id IS NOT NULL)");
        assertNone("message_files", "transfer_method = 'tool_file' AND NOT EXISTS (SELECT 1 FROM tool_files t"
                + " WHERE t.id = upload_file_id AND url = '/files/tools/' || t.id || '.png')");
        assertNone("message_files f", "NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = f.message_id)");
        assertThat(distinct("type", "message_files")).containsExactlyInAnyOrder("image", "document");
        assertThat(distinct("belongs_to", "message_files")).containsExactlyInAnyOrder("user", "assistant");
        // The agent thought that drew the picture lists its file.
        assertThat(count("SELECT count(*) FROM message_agent_thoughts t JOIN message_files f ON f.message_id = t.message_id"
                + " AND f.belongs_to = 'assistant' WHERE t.message_files LIKE '%' || f.id || '%'")).isPositive();
    }

    @Test
    void chatflowMessagesHaveTheirRunAndNodes() {
        List<GeneratedMessage> chatflow = result.messages("advanced-chat");
        assertThat(chatflow).extracting(GeneratedMessage::workflowRunStatus)
                .contains("succeeded", "failed", "running");
        Map<String, GeneratedRun> runs = result.chatflowRuns().stream()
                .collect(Collectors.toMap(r -> r.id().toString(), r -> r));
        for (GeneratedMessage m : chatflow) {
            GeneratedRun run = runs.get(m.workflowRunId().toString());
            assertThat(run.status()).isEqualTo(m.workflowRunStatus());
            assertThat(run.nodes()).extracting(GeneratedNode::id).containsExactlyElementsOf(m.workflowNodeIds());
            assertThat(run.createdAt()).isAfterOrEqualTo(m.createdAt());
            assertThat(m.status()).isEqualTo(run.status().equals("failed") ? "error" : "normal");
            assertThat(m.answerSaved()).isEqualTo(run.status().equals("succeeded"));
            if (run.status().equals("succeeded")) {
                assertThat(run.nodes()).extracting(GeneratedNode::nodeType)
                        .containsExactly("start", "knowledge-retrieval", "tool", "llm", "answer");
            }
        }
        assertNone("workflow_runs", "type = 'chat' AND (triggered_from <> 'app-run' OR version = 'draft')");
        assertNone("workflow_runs r", "r.type = 'chat' AND NOT EXISTS (SELECT 1 FROM apps a WHERE a.id = r.app_id"
                + " AND a.mode = 'advanced-chat' AND a.workflow_id = r.workflow_id)");
        assertNone("workflow_app_logs l JOIN workflow_runs r ON r.id = l.workflow_run_id", "r.type = 'chat'");
        assertNone("workflow_node_executions n JOIN workflow_runs r ON r.id = n.workflow_run_id",
                "r.type = 'chat' AND n.triggered_from <> 'workflow-run'");
        jdbc.query("SELECT r.inputs, r.outputs, r.status, m.query, m.answer FROM workflow_runs r"
                + " JOIN messages m ON m.workflow_run_id = r.id", rs -> {
            JsonNode inputs = parse(rs.getString("inputs"));
            assertThat(inputs.get("sys.query").asString()).isEqualTo(rs.getString("query"));
            assertThat(inputs.has("sys.conversation_id")).isFalse();
            if (rs.getString("status").equals("succeeded")) {
                assertThat(parse(rs.getString("outputs")).get("answer").asString()).isEqualTo(rs.getString("answer"));
            }
        });
    }

    @Test
    void withoutMessageAppsOnlyTheWorkflowSideIsWritten() {
        TestDatabase db = newDatabase();
        GenerationResult workflowOnly = new DifyDataGenerator().generate(db.dataSource(),
                spec.toBuilder().withoutMessageApps().build());
        assertThat(workflowOnly.runs()).isEqualTo(result.runs());
        assertThat(workflowOnly.apps()).isEqualTo(result.apps());
        assertThat(workflowOnly.messageCount()).isZero();
        assertThat(workflowOnly.chatApps()).isEmpty();
        assertThat(new JdbcTemplate(db.dataSource()).queryForObject("SELECT count(*) FROM apps", Long.class)).isEqualTo(2);
    }

    private GeneratedMessage message(String id) {
        return result.messages().stream().filter(m -> m.id().toString().equals(id)).findFirst().orElseThrow();
    }

    private long count(String sql) {
        Long value = jdbc.queryForObject(sql, Long.class);
        return value == null ? 0 : value;
    }

    private List<String> distinct(String column, String table) {
        return jdbc.queryForList("SELECT DISTINCT " + column + " FROM " + table, String.class);
    }

    private void assertNone(String table, String condition) {
        assertThat(count("SELECT count(*) FROM " + table + " WHERE " + condition)).as(table + " WHERE " + condition)
                .isZero();
    }

    private static JsonNode parse(String json) {
        return JSON.readTree(json);
    }
}
