package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.GeneratedRun;
import dev.difyweave.backfill.testsupport.StoredCall;
import dev.difyweave.backfill.call.Json;
import tools.jackson.databind.JsonNode;

/**
 * Bad Dify rows never stop a window and are never dropped silently: each is sent as well as the data
 * allows and recorded with its source key, and a call Weave refuses becomes a dead letter.
 */
class HostileRowsJobTest {

    private BackfillHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void everyBadRowIsSentOrDeadLetteredAndRecordedWithItsSourceKey() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        List<GeneratedRun> runs = harness.generated.runs().stream().filter(GeneratedRun::finished).toList();
        String malformedRun = runs.get(0).id().toString();
        String backwardsRun = runs.get(1).id().toString();
        String mysteryRun = runs.get(2).id().toString();
        String orphanRun = runs.get(3).id().toString();
        String badNode = runs.get(4).nodes().get(1).id().toString();
        String hugeNode = runs.get(5).nodes().get(1).id().toString();
        String refNode = runs.get(6).nodes().get(1).id().toString();
        String deepNode = runs.get(7).nodes().get(1).id().toString();
        String poisonedNode = runs.get(8).nodes().get(1).id().toString();
        var dify = harness.difyJdbc();
        dify.update("UPDATE workflow_runs SET inputs = '{\"query\": \"unterminated' WHERE id = ?::uuid", malformedRun);
        dify.update("UPDATE workflow_runs SET finished_at = created_at - interval '1 hour' WHERE id = ?::uuid", backwardsRun);
        dify.update("UPDATE workflow_runs SET status = 'mystery-status' WHERE id = ?::uuid", mysteryRun);
        dify.update("UPDATE workflow_runs SET created_by_role = 'end_user', created_by = gen_random_uuid() WHERE id = ?::uuid",
                orphanRun);
        dify.update("UPDATE workflow_node_executions SET outputs = '[1, 2', node_type = 'brand-new-node', "
                + "execution_metadata = '{\"total_tokens\": 5, \"surprise_key\": true}', "
                + "inputs = '{\"t\": \"lone \\ud800 surrogate and \\u0001 control\"}' WHERE id = ?::uuid", badNode);
        dify.update("UPDATE workflow_node_executions SET outputs = ? WHERE id = ?::uuid",
                "{\"text\": \"" + "x".repeat(10 * 1024 * 1024) + "\"}", hugeNode);
        dify.update("UPDATE workflow_node_executions SET inputs = '{\"link\": \"weave:///not-a-ref\", \"list\": [\"weave:///x\"]}' "
                + "WHERE id = ?::uuid", refNode);
        dify.update("UPDATE workflow_node_executions SET outputs = ? WHERE id = ?::uuid",
                "[".repeat(1000) + "]".repeat(1000), deepNode);
        harness.weave.rejectCallIds(poisonedNode);

        BackfillHarness.Result result = harness.run("migrate");

        assertThat(result.exitStatus()).as(result.out() + result.err()).isEqualTo(3);
        assertThat(result.err()).contains("1 calls were refused by Weave");
        Map<String, BackfillHarness.Expected> expected = harness.expectedCalls();
        expected.remove(poisonedNode);
        List<StoredCall> visible = harness.weave.visibleCalls(BackfillHarness.PROJECT);
        assertThat(visible).extracting(StoredCall::id).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(harness.weave.incompleteCalls(BackfillHarness.PROJECT)).isEmpty();
        assertThat(harness.weave.strippedCallCount()).isZero();

        assertThat(harness.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.get("call_id")).isEqualTo(poisonedNode);
            assertThat(d.get("source_key")).isEqualTo("workflow_node_executions:" + poisonedNode);
            assertThat(d.get("http_status")).isEqualTo(400);
        });

        List<Map<String, Object>> problems = harness.problems();
        assertThat(problems).anySatisfy(p -> assertProblem(p, "workflow_runs", malformedRun, "inputs", "malformed JSON"));
        assertThat(problems).anySatisfy(p -> assertProblem(p, "workflow_runs", backwardsRun, "finished_at", "before"));
        assertThat(problems).anySatisfy(p -> assertProblem(p, "workflow_runs", mysteryRun, "status", "unknown"));
        assertThat(problems).anySatisfy(p -> assertProblem(p, "workflow_runs", orphanRun, "created_by", "orphan"));
        assertThat(problems).anySatisfy(p -> assertProblem(p, "workflow_node_executions", badNode, "outputs", "malformed"));
        assertThat(problems).anySatisfy(p -> assertProblem(p, "workflow_node_executions", badNode, "node_type", "unknown"));
        assertThat(problems).anySatisfy(
                p -> assertProblem(p, "workflow_node_executions", badNode, "execution_metadata", "surprise_key"));
        assertThat(problems).anySatisfy(p -> assertProblem(p, "workflow_node_executions", deepNode, "outputs", "malformed"));

        StoredCall malformed = call(malformedRun);
        assertThat(malformed.inputs().toString()).contains("unterminated");
        StoredCall backwards = call(backwardsRun);
        assertThat(backwards.endedAt()).isAfterOrEqualTo(backwards.startedAt());
        assertThat(backwards.attributes().path("backfill").path("approximated").toString()).contains("ended_at");
        StoredCall bad = call(badNode);
        assertThat(bad.opName()).isEqualTo("brand-new-node");
        assertThat(bad.output().toString()).contains("[1, 2");
        assertThat(bad.inputs().path("t").asString()).contains("\uFFFD").contains("\u0001");
        StoredCall huge = call(hugeNode);
        assertThat(huge.output().path("text").asString()).contains("truncated by dify-weave-backfill").hasSizeLessThan(3_200_000);
        assertThat(huge.attributes().path("backfill").path("truncated").toString()).contains("output.text");
        StoredCall ref = call(refNode);
        assertThat(ref.inputs().path("link").asString()).isEqualTo("[escaped] weave:///not-a-ref");
        assertThat(ref.attributes().path("backfill").path("escaped").size()).isEqualTo(2);
    }

    /**
     * Issue 12: strings Weave would read as refs (a node title, an error message, a JSON answer holding one),
     * a payload nested deeper than Weave accepts and a payload of short CJK strings over the byte cap all arrive
     * as calls, changed visibly and listed, with nothing refused, dead-lettered or stripped by Weave.
     */
    @Test
    void refsDeepAndCjkHeavyPayloadsArriveAsCallsNotDeadLetters() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        List<GeneratedRun> runs = harness.generated.runs().stream().filter(GeneratedRun::finished).toList();
        String titleNode = runs.get(0).nodes().get(1).id().toString();
        String errorNode = runs.get(1).nodes().get(1).id().toString();
        String jsonNode = runs.get(2).nodes().get(1).id().toString();
        String deepNode = runs.get(3).nodes().get(1).id().toString();
        String cjkNode = runs.get(4).nodes().get(1).id().toString();
        String jsonAnswer = "{\"documents\": [{\"url\": \"weave:///acme/elsewhere/object/doc:1\"}]}";
        var dify = harness.difyJdbc();
        dify.update("UPDATE workflow_node_executions SET title = 'weave:///acme/dify-history/op/x' WHERE id = ?::uuid",
                titleNode);
        dify.update("UPDATE workflow_node_executions SET status = 'failed', "
                + "error = 'weave-trace-internal:///p/object/x:1 could not be loaded' WHERE id = ?::uuid", errorNode);
        dify.update("UPDATE workflow_node_executions SET outputs = ? WHERE id = ?::uuid",
                Json.MAPPER.createObjectNode().put("text", jsonAnswer).toString(), jsonNode);
        dify.update("UPDATE workflow_node_executions SET outputs = ? WHERE id = ?::uuid",
                "{\"log\": " + "[".repeat(250) + "\"bottom\"" + "]".repeat(250) + "}", deepNode);
        StringBuilder cjk = new StringBuilder("{\"rows\": [");
        for (int i = 0; i < 175_000; i++) {
            cjk.append(i == 0 ? "" : ",").append("\"\u65e5\u672c\u8a9e\u306e\u884c").append(i).append('"');
        }
        String cjkOutputs = cjk.append("], \"table\": \"t\"}").toString();
        assertThat(cjkOutputs.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(4_000_000);
        assertThat(cjkOutputs.length()).isLessThan(3_145_728);
        dify.update("UPDATE workflow_node_executions SET outputs = ? WHERE id = ?::uuid", cjkOutputs, cjkNode);

        BackfillHarness.Result result = harness.run("migrate");

        assertThat(result.exitStatus()).as(result.out() + result.err()).isZero();
        assertThat(harness.deadLetters()).isEmpty();
        assertThat(harness.weave.visibleCalls(BackfillHarness.PROJECT)).extracting(StoredCall::id)
                .containsExactlyInAnyOrderElementsOf(harness.expectedCalls().keySet());
        assertThat(harness.weave.strippedCallCount()).isZero();

        StoredCall title = call(titleNode);
        assertThat(title.displayName()).isEqualTo("[escaped] weave:///acme/dify-history/op/x");
        assertThat(title.attributes().path("backfill").path("escaped").toString())
                .isEqualTo("[\"display_name\",\"attributes.app_name\"]");
        StoredCall error = call(errorNode);
        assertThat(error.exception()).isEqualTo("[escaped] weave-trace-internal:///p/object/x:1 could not be loaded");
        assertThat(error.attributes().path("backfill").path("escaped").toString()).contains("\"exception\"");
        StoredCall json = call(jsonNode);
        assertThat(json.output().path("text").asString()).isEqualTo("[escaped] " + jsonAnswer);
        assertThat(json.attributes().path("backfill").path("escaped").toString()).isEqualTo("[\"output.text\"]");
        StoredCall deep = call(deepNode);
        assertThat(deep.attributes().path("backfill").path("flattened").toString()).startsWith("[\"output.log[0][0]");
        assertThat(deep.output().toString()).contains("[flattened by dify-weave-backfill");
        StoredCall rows = call(cjkNode);
        assertThat(rows.output().path("table").asString()).isEqualTo("t");
        JsonNode kept = rows.output().path("rows");
        assertThat(kept.get(0).asString()).isEqualTo("\u65e5\u672c\u8a9e\u306e\u884c0");
        assertThat(kept.get(kept.size() - 1).asString()).endsWith("of 175000 elements dropped by dify-weave-backfill]");
        assertThat(rows.attributes().path("backfill").path("truncated").toString()).isEqualTo("[\"output.rows\"]");
    }

    private StoredCall call(String id) {
        return harness.weave.call(BackfillHarness.PROJECT, id).orElseThrow();
    }

    private static void assertProblem(Map<String, Object> problem, String table, String key, String column, String reason) {
        assertThat(problem.get("source_table")).isEqualTo(table);
        assertThat(problem.get("source_key")).isEqualTo(key);
        assertThat(problem.get("source_column")).isEqualTo(column);
        assertThat((String) problem.get("reason")).contains(reason);
    }
}
