package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.demo.DifyDataGenerator;
import dev.difyweave.backfill.demo.DifyDataGenerator.GeneratedRun;
import dev.difyweave.backfill.testsupport.StoredCall;

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
