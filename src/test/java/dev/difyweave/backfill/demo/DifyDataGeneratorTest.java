package dev.difyweave.backfill.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.difyweave.backfill.demo.DifyDataGenerator.GeneratedNode;
import dev.difyweave.backfill.demo.DifyDataGenerator.GeneratedRun;
import dev.difyweave.backfill.demo.DifyDataGenerator.GenerationResult;
import dev.difyweave.backfill.demo.DifyDataGenerator.Spec;
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
        assertThat(result.appCount()).isEqualTo(2);
        assertThat(result.workflowRunCount()).isEqualTo(50);
        assertThat(result.workflowCount()).isEqualTo(4); // a draft and a published version per app
        assertThat(result.endUserCount()).isEqualTo(2L * spec.endUsersPerApp());

        Map<String, Long> statuses = jdbc.queryForList("SELECT status, count(*) AS n FROM workflow_runs GROUP BY status")
                .stream().collect(Collectors.toMap(r -> (String) r.get("status"), r -> ((Number) r.get("n")).longValue()));
        assertThat(result.runsByStatus()).isEqualTo(statuses);
        assertThat(statuses.keySet()).containsExactlyInAnyOrder(
                "succeeded", "failed", "stopped", "partial-succeeded", "running", "paused");

        assertThat(count("SELECT count(*) FROM workflow_node_executions WHERE triggered_from = 'single-step'"))
                .isEqualTo(result.singleStepNodeExecutions()).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM workflow_node_executions WHERE triggered_from = 'workflow-run'"))
                .isEqualTo(result.runNodeExecutionCount())
                .isEqualTo(result.runs().stream().mapToLong(r -> r.nodes().size()).sum());
        assertThat(result.runNodeExecutionCount()).isBetween(350L, 650L); // ~10 per run

        assertThat(result.runs()).hasSize(50);
        assertThat(result.finishedRunIds()).hasSize((int) result.finishedRunCount());
        assertThat(count("SELECT count(*) FROM workflow_runs WHERE triggered_from = 'app-run'"))
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

        GenerationResult otherSeed = new DifyDataGenerator().generate(newDatabase().dataSource(),
                spec.toBuilder().seed(spec.seed() + 1).build());
        assertThat(otherSeed.runIds()).doesNotContainAnyElementsOf(result.runIds());
    }

    @Test
    void timestampsAreNaiveUtc() {
        LocalDateTime start = LocalDateTime.ofInstant(spec.start(), ZoneOffset.UTC);
        LocalDateTime end = LocalDateTime.ofInstant(spec.start().plus(spec.span()), ZoneOffset.UTC);
        // Read as text so that no JDBC zone handling is involved on the way back.
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT id::text AS id, created_at::text AS created_at, inputs FROM workflow_runs");
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
        assertNone("workflow_runs", "triggered_from = 'app-run' AND (version = 'draft' OR created_by_role <> 'end_user')");
        assertNone("workflow_runs", "status IN ('running', 'paused') AND (finished_at IS NOT NULL OR outputs IS NOT NULL)");
        assertNone("workflow_runs", "status NOT IN ('running', 'paused') AND finished_at IS NULL");
        assertNone("workflow_runs", "(status IN ('failed', 'stopped')) <> (error IS NOT NULL)");
        assertNone("workflow_runs", "(status = 'partial-succeeded') <> (exceptions_count > 0)");
        assertNone("workflow_runs", "length(graph) < 5000");
        assertNone("workflow_node_executions", "(triggered_from = 'single-step') <> (workflow_run_id IS NULL)");
        assertNone("workflow_node_executions", "node_execution_id <> id::text");
        assertNone("workflow_node_executions", "status IN ('failed', 'exception') AND error IS NULL");
        assertNone("apps", "mode <> 'workflow' OR created_by IS NULL OR tracing IS NOT NULL");
        assertNone("apps a", "NOT EXISTS (SELECT 1 FROM workflows w WHERE w.id = a.workflow_id AND w.version <> 'draft')");
        assertNone("tenant_account_joins", "NOT current");

        String llm = jdbc.queryForObject("SELECT process_data FROM workflow_node_executions WHERE node_type = 'llm'"
                + " AND status = 'succeeded' AND triggered_from = 'workflow-run' ORDER BY id LIMIT 1", String.class);
        JsonNode processData = parse(llm);
        assertThat(processData.get("model_mode").asString()).isEqualTo("chat");
        assertThat(processData.get("prompts").get(0).get("role").asString()).isEqualTo("system");
        assertThat(processData.get("prompts").get(1).get("role").asString()).isEqualTo("user");
        assertThat(processData.get("usage").get("total_tokens").asLong()).isPositive();
        assertThat(processData.has("model_provider")).isTrue();

        JsonNode inputs = parse(jdbc.queryForObject("SELECT inputs FROM workflow_runs ORDER BY id LIMIT 1", String.class));
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
        Map<String, List<String>> columns = Map.of(
                "workflow_runs", List.of("graph", "inputs", "outputs"),
                "workflow_node_executions", List.of("inputs", "process_data", "outputs", "execution_metadata"),
                "workflows", List.of("graph", "features", "environment_variables", "conversation_variables"));
        Set<String> seen = new HashSet<>();
        columns.forEach((table, names) -> {
            for (String column : names) {
                jdbc.query("SELECT " + column + " FROM " + table + " WHERE " + column + " IS NOT NULL", rs -> {
                    String text = rs.getString(1);
                    assertThat(parse(text).isContainer()).as("%s.%s: %s", table, column, text).isTrue();
                    seen.add(table + "." + column);
                });
            }
        });
        assertThat(seen).hasSize(11);
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
