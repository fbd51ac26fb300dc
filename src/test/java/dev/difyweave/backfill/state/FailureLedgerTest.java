package dev.difyweave.backfill.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.call.RootKind;
import dev.difyweave.backfill.call.SourceKey;
import dev.difyweave.backfill.source.Keyset;
import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;
import dev.difyweave.backfill.trace.TraceProblem;
import dev.difyweave.backfill.weave.DeadLetter;
import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.WeaveCall;
import tools.jackson.databind.node.ObjectNode;

/** Every writer of the state store takes values PostgreSQL would refuse as they are, and stores them. */
class FailureLedgerTest {

    /** A NUL, lone surrogates, a pair cut by nothing, and more characters than any column holds. */
    private static final String HOSTILE = "nul\u0000 lone\ud800 \udc00 😀 " + "é😀".repeat(600);

    private TestDatabase db;
    private JdbcTemplate state;
    private FailureLedger ledger;

    @BeforeEach
    void create() {
        db = TestDatabases.createFresh("ledger");
        StateSchema.ensure(db.dataSource());
        state = new JdbcTemplate(db.dataSource());
        ledger = new FailureLedger(state);
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void deadLettersProblemsAndCountsWithHostileTextsAreStored() {
        String step = "step" + HOSTILE;
        ObjectNode inputs = Json.NODES.objectNode().put("bad\u0000key", "value \u0000 with NUL");
        WeaveCall call = new WeaveCall("id" + HOSTILE, "trace" + HOSTILE, null, "op" + HOSTILE, null,
                Instant.parse("2025-03-01T10:00:00Z"), Instant.parse("2025-03-01T10:00:01Z"), Json.NODES.objectNode(),
                inputs, Json.NODES.objectNode(), null, Json.NODES.objectNode(), TraceKind.WORKFLOW,
                new SourceKey("workflow_node_executions" + HOSTILE, UUID.randomUUID()));

        ledger.deadLetters(1, step, "team/" + HOSTILE, List.of(new DeadLetter(call, 500, null),
                new DeadLetter(call, 400, "reason " + HOSTILE.repeat(20))));
        ledger.unsent(1, step, null, new SourceKey("workflow_runs" + HOSTILE, UUID.randomUUID()), null);
        ledger.problems(1, step, List.of(new TraceProblem(null, HOSTILE, "column" + HOSTILE,
                "unknown execution_metadata key '" + HOSTILE + "'")));
        DailyCalls daily = new DailyCalls();
        daily.add(TraceKind.DATASET_RETRIEVAL, LocalDate.of(2025, 3, 1), 2);
        ledger.dailyCalls(1, step, daily);
        AppCalls apps = new AppCalls();
        apps.add(UUID.randomUUID(), "name" + HOSTILE, "team/" + HOSTILE, 3);
        ledger.appCalls(1, step, apps);

        assertThat(ledger.deadLetterCount(1)).isEqualTo(3);
        assertThat(ledger.problemCount(1)).isOne();
        for (String table : List.of("backfill_dead_letter", "backfill_problem", "backfill_daily_calls",
                "backfill_app_calls")) {
            for (Map<String, Object> row : state.queryForList("SELECT * FROM " + table)) {
                row.forEach((column, value) -> {
                    if (value instanceof String text) {
                        assertThat(text).as("%s.%s", table, column).doesNotContain("\u0000", "\ud800");
                    }
                });
            }
        }
        Map<String, Object> refused = state.queryForList(
                "SELECT * FROM backfill_dead_letter WHERE http_status = 400").get(0);
        String project = (String) refused.get("project_id");
        assertThat(project.codePointCount(0, project.length())).isEqualTo(300);
        assertThat(project).startsWith("team/nul lone\uFFFD \uFFFD 😀").endsWith("é😀…");
        assertThat((String) refused.get("op_name")).endsWith("…");
        assertThat((String) refused.get("payload")).contains("bad\\u0000key").contains("value \\u0000 with NUL");
        assertThat(state.queryForObject("SELECT reason FROM backfill_problem", String.class))
                .startsWith("unknown execution_metadata key 'nul lone");
        assertThat(state.queryForObject("SELECT calls FROM backfill_app_calls", Long.class)).isEqualTo(3);
        assertThat(state.queryForObject("SELECT kind FROM backfill_daily_calls", String.class))
                .isEqualTo("dataset_retrieval");
    }

    @Test
    void aDeadLetterAndAnUnsentRootAreStoredUnderTheirSourceKeysText() {
        UUID node = UUID.fromString("0B7E7D43-6B8E-4F5E-9A51-3C1F0D2A9E11");
        UUID run = UUID.fromString("1c8f8e54-7c9f-4a6f-8b62-4d2a1e3b0f22");
        WeaveCall call = new WeaveCall(node.toString(), run.toString(), run.toString(), "node:llm", null,
                Instant.parse("2025-03-01T10:00:00Z"), Instant.parse("2025-03-01T10:00:01Z"), Json.NODES.objectNode(),
                null, null, null, Json.NODES.objectNode(), TraceKind.WORKFLOW,
                new SourceKey("workflow_node_executions", node));

        ledger.deadLetters(1, "workflowRunPartition:p000", "team/project", List.of(new DeadLetter(call, 400, "no")));
        ledger.unsent(1, "workflowRunPartition:p000", "team/project", RootKind.WORKFLOW_RUNS.key(run), "broken");

        assertThat(state.queryForList("SELECT source_key FROM backfill_dead_letter ORDER BY http_status DESC",
                String.class)).containsExactly("workflow_node_executions:0b7e7d43-6b8e-4f5e-9a51-3c1f0d2a9e11",
                        "workflow_runs:1c8f8e54-7c9f-4a6f-8b62-4d2a1e3b0f22");
    }

    @Test
    void aSyncScopeLongerThanItsColumnKeepsItsWatermarkAndItsPendingRoots() {
        WatermarkStore watermarks = new WatermarkStore(state);
        PendingStore pending = new PendingStore(state);
        String scope = "nightly|kinds=workflow|apps=" + HOSTILE;
        String other = scope + "x";
        Keyset root = new Keyset(LocalDateTime.parse("2025-03-01T10:00:00"), UUID.randomUUID());

        watermarks.advance(scope, Instant.parse("2025-03-02T00:00:00Z"), 7);
        pending.record(scope, PendingStore.WORKFLOW_RUNS, List.of(root));

        assertThat(watermarks.last(scope)).contains(Instant.parse("2025-03-02T00:00:00Z"));
        assertThat(watermarks.last(other)).isEmpty();
        assertThat(pending.count(scope)).isOne();
        assertThat(pending.count(other)).isZero();
        assertThat(pending.pageAfter(scope, PendingStore.WORKFLOW_RUNS, new Keyset(LocalDateTime.MIN.plusYears(1), new UUID(0, 0)), 10))
                .containsExactly(root);
        pending.resolved(scope, PendingStore.WORKFLOW_RUNS, List.of(root.id()));
        assertThat(pending.count(scope)).isZero();
    }
}
