package dev.difyweave.backfill.trace;

import static dev.difyweave.backfill.trace.TraceRows.ACCOUNT_ID;
import static dev.difyweave.backfill.trace.TraceRows.APP_ID;
import static dev.difyweave.backfill.trace.TraceRows.APP_LOG_ID;
import static dev.difyweave.backfill.trace.TraceRows.END_USER_ID;
import static dev.difyweave.backfill.trace.TraceRows.RUN_CREATED;
import static dev.difyweave.backfill.trace.TraceRows.RUN_ID;
import static dev.difyweave.backfill.trace.TraceRows.SESSION_ID;
import static dev.difyweave.backfill.trace.TraceRows.TENANT_ID;
import static dev.difyweave.backfill.trace.TraceRows.WORKFLOW_ID;
import static dev.difyweave.backfill.trace.TraceRows.node;
import static dev.difyweave.backfill.trace.TraceRows.nodeId;
import static dev.difyweave.backfill.trace.TraceRows.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.source.WorkflowTraceSource;
import dev.difyweave.backfill.trace.TraceRows.NodeBuilder;
import dev.difyweave.backfill.trace.TraceRows.RunBuilder;
import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.WeaveCall;
import dev.difyweave.backfill.call.WeaveJson;
import tools.jackson.databind.JsonNode;

class WorkflowTraceMapperTest {

    private static final Provenance PROVENANCE = new Provenance("dify-weave-backfill", "0.1.0", "workflow-backfill");
    private static final String RUN = RUN_ID.toString();
    private static final String BACKFILL = "{\"source\":\"dify-weave-backfill\",\"version\":\"0.1.0\","
            + "\"job\":\"workflow-backfill\",\"content\":\"keep\",\"approximated\":[]}";
    private static final Instant EARLIEST = Instant.parse("2025-11-20T08:15:00Z");
    private static final Instant LATEST = Instant.parse("2025-11-20T08:20:00Z");

    // an llm node as Dify 1.13 persists it
    private static final String LLM_USAGE = "{\"prompt_tokens\":120,\"prompt_unit_price\":\"0.15\","
            + "\"prompt_price_unit\":\"0.000001\",\"prompt_price\":\"0.000018\",\"completion_tokens\":35,"
            + "\"completion_unit_price\":\"0.6\",\"completion_price_unit\":\"0.000001\",\"completion_price\":\"0.000021\","
            + "\"total_tokens\":155,\"total_price\":\"0.000039\",\"currency\":\"USD\",\"latency\":1.234,"
            + "\"time_to_first_token\":0.41,\"time_to_generate\":0.82}";
    private static final String LLM_PROCESS_DATA = "{\"model_mode\":\"chat\",\"prompts\":["
            + "{\"role\":\"system\",\"text\":\"You are a helpful assistant.\",\"files\":[]},"
            + "{\"role\":\"user\",\"text\":\"What is Weave?\",\"files\":[]}],"
            + "\"usage\":" + LLM_USAGE + ",\"finish_reason\":\"stop\","
            + "\"model_provider\":\"langgenius/openai/openai\",\"model_name\":\"gpt-4o-mini\"}";
    private static final String LLM_OUTPUTS = "{\"text\":\"Weave is a toolkit for LLM apps.\",\"reasoning_content\":\"\","
            + "\"usage\":" + LLM_USAGE + ",\"finish_reason\":\"stop\"}";
    private static final String LLM_METADATA = "{\"total_tokens\":155,\"total_price\":\"0.000039\",\"currency\":\"USD\"}";

    private static final String RETRIEVAL_OUTPUTS = "{\"result\":[{\"metadata\":{\"_source\":\"knowledge\","
            + "\"dataset_id\":\"d0d0d0d0-0000-4000-8000-000000000001\",\"dataset_name\":\"Docs\","
            + "\"document_id\":\"d0d0d0d0-0000-4000-8000-000000000002\",\"document_name\":\"weave.md\","
            + "\"data_source_type\":\"upload_file\",\"segment_id\":\"d0d0d0d0-0000-4000-8000-000000000003\","
            + "\"retriever_from\":\"workflow\",\"score\":0.8231,\"segment_hit_count\":4,\"segment_word_count\":312,"
            + "\"segment_position\":2,\"segment_index_node_hash\":\"ab12\",\"position\":1},"
            + "\"title\":\"weave.md\",\"content\":\"Weave is a lightweight toolkit for tracking LLM calls.\"}]}";

    private final WorkflowTraceMapper mapper = new WorkflowTraceMapper(PROVENANCE);

    // ---------------------------------------------------------------------------------------------
    // helpers

    /** Maps and checks what must hold for every workflow trace, whatever the rows. */
    private AssembledTrace map(RunBuilder run) {
        WorkflowTraceSource source = run.build();
        AssembledTrace trace = mapper.map(source);
        assertThat(trace.kind()).isEqualTo(TraceKind.WORKFLOW);
        assertThat(trace.sourceKey().toString()).isEqualTo("workflow_runs:" + RUN);
        assertThat(trace.appId()).isEqualTo(APP_ID);
        CallIdentity.assertKindsMatchTags(trace);
        assertThat(trace.calls()).hasSize(source.nodes().size() + 1);
        WeaveCall root = trace.calls().get(0);
        assertThat(root.id()).isEqualTo(RUN);
        assertThat(root.parentId()).isNull();
        assertThat(root.opName()).isEqualTo("workflow");
        for (WeaveCall call : trace.calls()) {
            assertThat(call.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(call.traceId()).isEqualTo(RUN);
            assertThat(call.attributes().get("trace_id").stringValue()).isEqualTo(RUN);
            // never "now": every time comes from the rows (all of them are on 2025-11-20 08:15)
            assertThat(call.startedAt()).isBetween(EARLIEST, LATEST);
            assertThat(call.endedAt()).isBetween(EARLIEST, LATEST);
            assertThat(call.endedAt()).isAfterOrEqualTo(call.startedAt());
            assertThat(call.attributes().get("start_time").stringValue()).isEqualTo(WeaveJson.timestamp(call.startedAt()));
            assertThat(call.attributes().get("end_time").stringValue()).isEqualTo(WeaveJson.timestamp(call.endedAt()));
            assertThat(call.summary().has("status_counts")).isTrue();
            assertThat(call.summary().path("weave").has("latency_ms")).isTrue();
            assertThat(call.attributes().path("backfill").path("source").stringValue()).isEqualTo("dify-weave-backfill");
            if (call != root) {
                assertThat(call.parentId()).isEqualTo(RUN);
                assertThat(call.sourceKey().toString()).isEqualTo("workflow_node_executions:" + call.id());
            }
        }
        return trace;
    }

    private static WeaveCall nodeCall(AssembledTrace trace, int n) {
        String id = nodeId(n).toString();
        return trace.calls().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    private static String str(JsonNode node) {
        return node == null ? null : WeaveJson.toJson(node);
    }

    private static String ts(WeaveCall call, boolean start) {
        return WeaveJson.timestamp(start ? call.startedAt() : call.endedAt());
    }

    private static String usageMetadata(Long total) {
        return "{\"input_tokens\":null,\"output_tokens\":null,\"total_tokens\":" + total + "}";
    }

    /** Dify's dict rewriting for a compact JSON object: {@code {}} unchanged, else the two keys appended. */
    private static String withKeys(String compactObject, long totalTokens) {
        if (compactObject == null || compactObject.equals("{}")) {
            return "{}";
        }
        return compactObject.substring(0, compactObject.length() - 1) + ",\"usage_metadata\":"
                + usageMetadata(totalTokens) + ",\"file_list\":[]}";
    }

    private static List<String> problemColumns(AssembledTrace trace) {
        return trace.problems().stream().map(p -> p.table() + ":" + p.key() + ":" + p.column()).toList();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    class WholeTrace {

        private AssembledTrace trace() {
            return map(run().nodes(
                    node(4, "end").inputs("{\"answer\":\"Weave is a toolkit for LLM apps.\"}")
                            .outputs("{\"answer\":\"Weave is a toolkit for LLM apps.\"}").title("End"),
                    node(1, "start").inputs("{\"query\":\"What is Weave?\",\"sys.files\":[]}")
                            .outputs("{\"query\":\"What is Weave?\",\"sys.files\":[]}").title("Start"),
                    node(3, "llm").processData(LLM_PROCESS_DATA).outputs(LLM_OUTPUTS).metadata(LLM_METADATA)
                            .inputs("{\"#context#\":\"ignored for llm nodes\"}").title("LLM").elapsed(1.2345678912345),
                    node(2, "knowledge-retrieval").inputs("{\"query\":\"What is Weave?\"}").outputs(RETRIEVAL_OUTPUTS)
                            .title("Knowledge Retrieval")));
        }

        @Test
        void oneWorkflowCallThenOneChildPerNodeInExecutionOrder() {
            assertThat(trace().calls()).extracting(WeaveCall::id, WeaveCall::parentId, WeaveCall::opName,
                    WeaveCall::displayName).containsExactly(
                            tuple(RUN, null, "workflow", "workflow_" + RUN),
                            tuple(nodeId(1).toString(), RUN, "start", "Start"),
                            tuple(nodeId(2).toString(), RUN, "knowledge-retrieval", "Knowledge Retrieval"),
                            tuple(nodeId(3).toString(), RUN, "llm", "LLM"),
                            tuple(nodeId(4).toString(), RUN, "end", "End"));
            assertThat(trace().problems()).isEmpty();
        }

        @Test
        void workflowCall() {
            WeaveCall workflow = trace().calls().get(0);

            assertThat(ts(workflow, true)).isEqualTo("2025-11-20T08:15:02.123456Z");
            assertThat(ts(workflow, false)).isEqualTo("2025-11-20T08:15:04.625455Z");
            assertThat(workflow.exception()).isNull();
            assertThat(str(workflow.attributes())).isEqualTo("{\"workflow_id\":\"" + WORKFLOW_ID + "\","
                    + "\"conversation_id\":null,\"workflow_run_id\":\"" + RUN + "\",\"tenant_id\":\"" + TENANT_ID + "\","
                    + "\"elapsed_time\":2.501999,\"status\":\"succeeded\",\"version\":\"2025-11-18 10:00:00.000000\","
                    + "\"total_tokens\":1234,\"file_list\":[],\"triggered_from\":\"app-run\",\"user_id\":\"" + ACCOUNT_ID
                    + "\",\"app_id\":\"" + APP_ID + "\",\"app_name\":\"\",\"workspace_name\":\"\","
                    + "\"workflow_app_log_id\":\"" + APP_LOG_ID + "\",\"trace_id\":\"" + RUN + "\","
                    + "\"start_time\":\"2025-11-20T08:15:02.123456Z\",\"end_time\":\"2025-11-20T08:15:04.625455Z\","
                    + "\"tags\":[\"dify_workflow\",\"workflow\"],\"backfill\":" + BACKFILL + "}");
            assertThat(str(workflow.inputs())).isEqualTo("{\"query\":\"What is Weave?\",\"sys.files\":[],"
                    + "\"sys.user_id\":\"" + ACCOUNT_ID + "\",\"sys.app_id\":\"" + APP_ID + "\",\"sys.workflow_id\":\""
                    + WORKFLOW_ID + "\",\"sys.workflow_run_id\":\"" + RUN + "\",\"sys.timestamp\":1763626502,"
                    + "\"usage_metadata\":" + usageMetadata(1234L) + ",\"file_list\":[]}");
            assertThat(str(workflow.output())).isEqualTo("{\"answer\":\"Weave is a toolkit for LLM apps.\","
                    + "\"usage_metadata\":" + usageMetadata(1234L) + ",\"file_list\":[]}");
            assertThat(str(workflow.summary())).isEqualTo("{\"status_counts\":{\"success\":1,\"error\":0},"
                    + "\"weave\":{\"latency_ms\":2501},\"usage\":{\"gpt-4o-mini\":{\"requests\":1,"
                    + "\"prompt_tokens\":120,\"completion_tokens\":35,\"total_tokens\":155}}}");
        }

        @Test
        void startNode() {
            WeaveCall start = nodeCall(trace(), 1);

            assertThat(ts(start, true)).isEqualTo("2025-11-20T08:15:02.223456Z");
            // created_at + elapsed_time (0.0123456 s -> 12346 us, Python's timedelta rounding), not finished_at
            assertThat(ts(start, false)).isEqualTo("2025-11-20T08:15:02.235802Z");
            assertThat(str(start.attributes())).isEqualTo("{\"workflow_run_id\":\"" + RUN + "\","
                    + "\"node_execution_id\":\"" + nodeId(1) + "\",\"tenant_id\":\"" + TENANT_ID + "\",\"app_id\":\""
                    + APP_ID + "\",\"app_name\":\"Start\",\"node_type\":\"start\",\"status\":\"succeeded\","
                    + "\"tags\":[\"node_execution\"],\"start_time\":\"2025-11-20T08:15:02.223456Z\","
                    + "\"end_time\":\"2025-11-20T08:15:02.235802Z\",\"elapsed_time\":0.0123456,\"trace_id\":\"" + RUN
                    + "\",\"backfill\":" + BACKFILL + "}");
            assertThat(str(start.inputs())).isEqualTo(withKeys("{\"query\":\"What is Weave?\",\"sys.files\":[]}", 0));
            assertThat(str(start.output())).isEqualTo(withKeys("{\"query\":\"What is Weave?\",\"sys.files\":[]}", 0));
            assertThat(start.exception()).isNull();
            assertThat(str(start.summary())).isEqualTo("{\"status_counts\":{\"success\":1,\"error\":0},"
                    + "\"weave\":{\"latency_ms\":12}}");
        }

        @Test
        void knowledgeRetrievalNode() {
            WeaveCall retrieval = nodeCall(trace(), 2);
            assertThat(str(retrieval.inputs())).isEqualTo(withKeys("{\"query\":\"What is Weave?\"}", 0));
            assertThat(str(retrieval.output())).isEqualTo(withKeys(RETRIEVAL_OUTPUTS, 0));
            assertThat(retrieval.attributes().get("app_name").stringValue()).isEqualTo("Knowledge Retrieval");
            assertThat(retrieval.attributes().has("ls_provider")).isFalse();
            assertThat(retrieval.summary().has("usage")).isFalse();
        }

        @Test
        void llmNode() {
            WeaveCall llm = nodeCall(trace(), 3);

            assertThat(ts(llm, true)).isEqualTo("2025-11-20T08:15:02.423456Z");
            assertThat(ts(llm, false)).isEqualTo("2025-11-20T08:15:03.658024Z");
            assertThat(str(llm.inputs())).isEqualTo("{\"messages\":[{\"role\":\"system\","
                    + "\"content\":\"You are a helpful assistant.\",\"files\":[],\"usage_metadata\":" + usageMetadata(155L)
                    + ",\"file_list\":[]},{\"role\":\"user\",\"content\":\"What is Weave?\",\"files\":[],"
                    + "\"usage_metadata\":" + usageMetadata(155L) + ",\"file_list\":[]}]}");
            assertThat(str(llm.output())).isEqualTo(withKeys(LLM_OUTPUTS, 155));
            assertThat(str(llm.attributes())).isEqualTo("{\"total_tokens\":155,\"total_price\":\"0.000039\","
                    + "\"currency\":\"USD\",\"workflow_run_id\":\"" + RUN + "\",\"node_execution_id\":\"" + nodeId(3)
                    + "\",\"tenant_id\":\"" + TENANT_ID + "\",\"app_id\":\"" + APP_ID + "\",\"app_name\":\"LLM\","
                    + "\"node_type\":\"llm\",\"status\":\"succeeded\",\"ls_provider\":\"langgenius/openai/openai\","
                    + "\"ls_model_name\":\"gpt-4o-mini\",\"tags\":[\"node_execution\"],"
                    + "\"start_time\":\"2025-11-20T08:15:02.423456Z\",\"end_time\":\"2025-11-20T08:15:03.658024Z\","
                    + "\"elapsed_time\":1.2345678912345,\"trace_id\":\"" + RUN + "\",\"backfill\":" + BACKFILL + "}");
            assertThat(str(llm.summary())).isEqualTo("{\"status_counts\":{\"success\":1,\"error\":0},"
                    + "\"weave\":{\"latency_ms\":1234},\"usage\":{\"gpt-4o-mini\":{\"requests\":1,\"prompt_tokens\":120,"
                    + "\"completion_tokens\":35,\"total_tokens\":155}}}");
        }

        @Test
        void endNode() {
            WeaveCall end = nodeCall(trace(), 4);
            assertThat(str(end.inputs())).isEqualTo(withKeys("{\"answer\":\"Weave is a toolkit for LLM apps.\"}", 0));
            assertThat(str(end.output())).isEqualTo(withKeys("{\"answer\":\"Weave is a toolkit for LLM apps.\"}", 0));
        }
    }

    @Nested
    class Ordering {

        @Test
        void nodesAreOrderedByCreatedAtThenIndex() {
            LocalDateTime same = RUN_CREATED.plusSeconds(1);
            AssembledTrace trace = map(run().nodes(
                    node(1, "code").createdAt(same).index(7),
                    node(2, "code").createdAt(same).index(3),
                    node(3, "code").createdAt(RUN_CREATED.plusNanos(500_000_000)).index(9),
                    node(4, "code").createdAt(same.plusNanos(1_000)).index(1)));
            assertThat(trace.calls()).extracting(WeaveCall::id).containsExactly(RUN, nodeId(3).toString(),
                    nodeId(2).toString(), nodeId(1).toString(), nodeId(4).toString());
        }

        @Test
        void iterationChildrenAreFlatChildrenOfTheWorkflowAndCarryTheirIteration() {
            String meta0 = "{\"iteration_id\":\"1733000000003\",\"iteration_index\":0}";
            String meta1 = "{\"iteration_id\":\"1733000000003\",\"iteration_index\":1,"
                    + "\"parallel_mode_run_id\":\"b9e1c7d0-1111-4aaa-8bbb-000000000001\"}";
            AssembledTrace trace = map(run().nodes(
                    node(3, "iteration").nodeId("1733000000003").inputs("{\"iterator_selector\":[\"a\",\"b\"]}")
                            .outputs("{\"output\":[\"A\",\"B\"]}")
                            .metadata("{\"iteration_duration_map\":{\"0\":0.51,\"1\":0.62},\"total_tokens\":0}")
                            .elapsed(1.2),
                    node(4, "iteration-start").metadata(meta0),
                    node(5, "code").inputs("{\"item\":\"a\"}").outputs("{\"result\":\"A\"}").metadata(meta0),
                    node(6, "iteration-start").metadata(meta1),
                    node(7, "code").inputs("{\"item\":\"b\"}").outputs("{\"result\":\"B\"}").metadata(meta1)));

            assertThat(trace.calls()).extracting(WeaveCall::parentId).containsOnly(null, RUN);
            WeaveCall second = nodeCall(trace, 7);
            assertThat(names(second.attributes()).subList(0, 4)).containsExactly("iteration_id", "iteration_index",
                    "parallel_mode_run_id", "workflow_run_id");
            assertThat(second.attributes().get("iteration_id").stringValue()).isEqualTo("1733000000003");
            assertThat(second.attributes().get("iteration_index").intValue()).isEqualTo(1);
            assertThat(nodeCall(trace, 5).attributes().get("iteration_index").intValue()).isEqualTo(0);
            assertThat(str(nodeCall(trace, 3).attributes().get("iteration_duration_map")))
                    .isEqualTo("{\"0\":0.51,\"1\":0.62}");
            assertThat(str(second.inputs())).isEqualTo(withKeys("{\"item\":\"b\"}", 0));
            assertThat(trace.problems()).isEmpty();
        }
    }

    @Nested
    class Timing {

        @Test
        void nodeTimesAreCreatedAtPlusElapsedTimeNotFinishedAt() {
            AssembledTrace trace = map(run().nodes(node(1, "code").elapsed(2.0009999)
                    .finishedAt(RUN_CREATED.plusSeconds(200))));
            WeaveCall code = nodeCall(trace, 1);
            assertThat(ts(code, true)).isEqualTo("2025-11-20T08:15:02.223456Z");
            assertThat(ts(code, false)).isEqualTo("2025-11-20T08:15:04.224456Z");
            assertThat(code.summary().path("weave").path("latency_ms").longValue()).isEqualTo(2000);
            assertThat(code.attributes().get("elapsed_time").doubleValue()).isEqualTo(2.0009999);
        }

        @Test
        void latencyIsFlooredToWholeMilliseconds() {
            AssembledTrace trace = map(run().finishedAt(RUN_CREATED.plusNanos(999_999_000)).nodes(
                    node(1, "code").elapsed(0.0019999), node(2, "code").elapsed(0.9999)));
            assertThat(trace.calls().get(0).summary().path("weave").path("latency_ms").longValue()).isEqualTo(999);
            assertThat(nodeCall(trace, 1).summary().path("weave").path("latency_ms").longValue()).isEqualTo(1);
            assertThat(nodeCall(trace, 2).summary().path("weave").path("latency_ms").longValue()).isEqualTo(999);
        }

        @Test
        void absurdElapsedTimeDoesNotOverflow() {
            RunBuilder run = run().finishedAt(null).elapsed(1e300);
            AssembledTrace trace = mapper.map(run.build());
            WeaveCall workflow = trace.calls().get(0);
            assertThat(workflow.endedAt()).isAfter(workflow.startedAt());
            assertThat(problemColumns(trace)).contains("workflow_runs:" + RUN + ":finished_at");
        }

        @Test
        void zeroElapsedEndsAtTheStart() {
            WeaveCall code = nodeCall(map(run().nodes(node(1, "code").elapsed(0))), 1);
            assertThat(code.endedAt()).isEqualTo(code.startedAt());
            assertThat(code.summary().path("weave").path("latency_ms").longValue()).isZero();
        }

        @Test
        void missingFinishedAtUsesCreatedAtPlusElapsedTimeAndSaysSo() {
            AssembledTrace trace = map(run().finishedAt(null).elapsed(3.5));
            WeaveCall workflow = trace.calls().get(0);
            assertThat(ts(workflow, false)).isEqualTo("2025-11-20T08:15:05.623456Z");
            assertThat(str(workflow.attributes().path("backfill").path("approximated"))).isEqualTo("[\"ended_at\"]");
            assertThat(workflow.summary().path("weave").path("latency_ms").longValue()).isEqualTo(3500);
            assertThat(problemColumns(trace)).containsExactly("workflow_runs:" + RUN + ":finished_at");
        }

        @Test
        void finishedAtBeforeCreatedAtUsesCreatedAtPlusElapsedTimeAndSaysSo() {
            AssembledTrace trace = map(run().finishedAt(RUN_CREATED.minusSeconds(3600)).elapsed(1.25));
            WeaveCall workflow = trace.calls().get(0);
            assertThat(ts(workflow, false)).isEqualTo("2025-11-20T08:15:03.373456Z");
            assertThat(str(workflow.attributes().path("backfill").path("approximated"))).isEqualTo("[\"ended_at\"]");
            assertThat(workflow.attributes().get("end_time").stringValue()).isEqualTo("2025-11-20T08:15:03.373456Z");
            assertThat(problemColumns(trace)).containsExactly("workflow_runs:" + RUN + ":finished_at");
            assertThat(trace.problems().get(0).reason()).contains("before created_at");
        }

        @Test
        void finishedAtEqualToCreatedAtIsAccepted() {
            AssembledTrace trace = map(run().finishedAt(RUN_CREATED));
            assertThat(trace.calls().get(0).endedAt()).isEqualTo(trace.calls().get(0).startedAt());
            assertThat(trace.problems()).isEmpty();
        }

        @Test
        void negativeNodeElapsedTimeIsRecordedAndTreatedAsZero() {
            AssembledTrace trace = map(run().nodes(node(1, "code").elapsed(-0.5)));
            WeaveCall code = nodeCall(trace, 1);
            assertThat(code.endedAt()).isEqualTo(code.startedAt());
            assertThat(code.summary().path("weave").path("latency_ms").longValue()).isZero();
            assertThat(code.attributes().get("elapsed_time").doubleValue()).isZero();
            assertThat(problemColumns(trace)).containsExactly("workflow_node_executions:" + nodeId(1) + ":elapsed_time");
        }

        @Test
        void negativeRunElapsedTimeWithoutFinishedAtEndsAtTheStart() {
            AssembledTrace trace = map(run().finishedAt(null).elapsed(-2));
            assertThat(trace.calls().get(0).endedAt()).isEqualTo(trace.calls().get(0).startedAt());
            assertThat(problemColumns(trace)).contains("workflow_runs:" + RUN + ":finished_at");
        }

        @Test
        void nodeWithoutCreatedAtStartsWithTheRunAndSaysSo() {
            AssembledTrace trace = map(run().nodes(node(1, "code").createdAt(null).elapsed(0.5)));
            WeaveCall code = nodeCall(trace, 1);
            assertThat(ts(code, true)).isEqualTo("2025-11-20T08:15:02.123456Z");
            assertThat(ts(code, false)).isEqualTo("2025-11-20T08:15:02.623456Z");
            assertThat(str(code.attributes().path("backfill").path("approximated"))).isEqualTo("[\"started_at\"]");
            assertThat(problemColumns(trace)).containsExactly("workflow_node_executions:" + nodeId(1) + ":created_at");
        }
    }

    @Nested
    class Exceptions {

        @Test
        void failedRunEndsWithItsError() {
            AssembledTrace trace = map(run().status("failed").error("Node LLM run failed: Request timed out."));
            WeaveCall workflow = trace.calls().get(0);
            assertThat(workflow.exception()).isEqualTo("Node LLM run failed: Request timed out.");
            assertThat(str(workflow.summary().get("status_counts"))).isEqualTo("{\"success\":0,\"error\":1}");
            assertThat(workflow.attributes().get("status").stringValue()).isEqualTo("failed");
            assertThat(trace.problems()).isEmpty();
        }

        @Test
        void anEmptyRunErrorIsNoException() {
            WeaveCall workflow = map(run().error("")).calls().get(0);
            assertThat(workflow.exception()).isNull();
            assertThat(str(workflow.summary().get("status_counts"))).isEqualTo("{\"success\":1,\"error\":0}");
        }

        @Test
        void partialSucceededAndStoppedRunsAreKnownStatuses() {
            assertThat(map(run().status("partial-succeeded")).problems()).isEmpty();
            assertThat(map(run().status("stopped")).problems()).isEmpty();
        }

        @Test
        void failedAndExceptionNodesEndWithTheirError() {
            AssembledTrace trace = map(run().nodes(
                    node(1, "http-request").status("failed").error("Reached maximum retries (3) for URL http://x"),
                    node(2, "code").status("exception").error("division by zero"),
                    node(3, "llm").status("failed").error(""),
                    node(4, "code").status("succeeded").error("an old retry error"),
                    node(5, "code").status("stopped").error("stopped by user")));

            assertThat(nodeCall(trace, 1).exception()).isEqualTo("Reached maximum retries (3) for URL http://x");
            assertThat(nodeCall(trace, 2).exception()).isEqualTo("division by zero");
            assertThat(nodeCall(trace, 3).exception()).isEqualTo("node failed (Dify recorded no error message)");
            assertThat(nodeCall(trace, 4).exception()).isNull();
            assertThat(nodeCall(trace, 5).exception()).isNull();
            assertThat(str(nodeCall(trace, 1).summary().get("status_counts"))).isEqualTo("{\"success\":0,\"error\":1}");
            assertThat(str(nodeCall(trace, 2).summary().get("status_counts"))).isEqualTo("{\"success\":0,\"error\":1}");
            assertThat(str(nodeCall(trace, 4).summary().get("status_counts"))).isEqualTo("{\"success\":1,\"error\":0}");
            assertThat(nodeCall(trace, 2).attributes().get("status").stringValue()).isEqualTo("exception");
            // a node failure does not make the run an error: the run's own error decides
            assertThat(trace.calls().get(0).exception()).isNull();
        }
    }

    @Nested
    class LlmNodes {

        @Test
        void usageIsRolledUpPerModelOnTheWorkflowCall() {
            String claude = LLM_PROCESS_DATA.replace("gpt-4o-mini", "claude-3-5-sonnet")
                    .replace("\"prompt_tokens\":120", "\"prompt_tokens\":1000")
                    .replace("\"total_tokens\":155", "\"total_tokens\":1035");
            AssembledTrace trace = map(run().nodes(
                    node(1, "llm").processData(LLM_PROCESS_DATA).outputs(LLM_OUTPUTS).metadata(LLM_METADATA),
                    node(2, "llm").processData(claude).metadata("{\"total_tokens\":1035}"),
                    node(3, "llm").processData(LLM_PROCESS_DATA).metadata(LLM_METADATA),
                    node(4, "code").inputs("{\"usage\":{\"prompt_tokens\":99}}")));

            assertThat(str(nodeCall(trace, 2).summary().get("usage"))).isEqualTo("{\"claude-3-5-sonnet\":{\"requests\":1,"
                    + "\"prompt_tokens\":1000,\"completion_tokens\":35,\"total_tokens\":1035}}");
            assertThat(nodeCall(trace, 4).summary().has("usage")).isFalse();
            assertThat(str(trace.calls().get(0).summary().get("usage"))).isEqualTo("{\"gpt-4o-mini\":{\"requests\":2,"
                    + "\"prompt_tokens\":240,\"completion_tokens\":70,\"total_tokens\":310},"
                    + "\"claude-3-5-sonnet\":{\"requests\":1,\"prompt_tokens\":1000,\"completion_tokens\":35,"
                    + "\"total_tokens\":1035}}");
        }

        @Test
        void usageFallsBackToOutputsUsage() {
            String withoutUsage = "{\"model_mode\":\"chat\",\"prompts\":[],\"model_provider\":\"openai\","
                    + "\"model_name\":\"gpt-4o\"}";
            WeaveCall llm = nodeCall(map(run().nodes(node(1, "llm").processData(withoutUsage).outputs(LLM_OUTPUTS))), 1);
            assertThat(str(llm.summary().get("usage"))).isEqualTo("{\"gpt-4o\":{\"requests\":1,\"prompt_tokens\":120,"
                    + "\"completion_tokens\":35,\"total_tokens\":155}}");
        }

        @Test
        void anLlmNodeWithoutUsageHasNoSummaryUsage() {
            AssembledTrace trace = map(run().nodes(node(1, "llm").processData("{\"model_mode\":\"chat\",\"prompts\":[]}")
                    .outputs("{\"text\":\"hi\"}")));
            assertThat(nodeCall(trace, 1).summary().has("usage")).isFalse();
            assertThat(trace.calls().get(0).summary().has("usage")).isFalse();
        }

        @Test
        void completionModeHasNoLangSmithKeysAndItsSinglePromptBecomesAMessage() {
            String completion = "{\"model_mode\":\"completion\",\"prompts\":[{\"role\":\"user\",\"text\":\"Say hi\"}],"
                    + "\"usage\":" + LLM_USAGE + ",\"model_provider\":\"openai\",\"model_name\":\"gpt-3.5-turbo-instruct\"}";
            WeaveCall llm = nodeCall(map(run().nodes(node(1, "llm").processData(completion).metadata(LLM_METADATA))), 1);
            assertThat(llm.attributes().has("ls_provider")).isFalse();
            assertThat(llm.attributes().has("ls_model_name")).isFalse();
            assertThat(str(llm.inputs())).isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\","
                    + "\"usage_metadata\":" + usageMetadata(155L) + ",\"file_list\":[]}]}");
            assertThat(llm.summary().path("usage").has("gpt-3.5-turbo-instruct")).isTrue();
        }

        @Test
        void promptsWithToolCallsAndFilesAreRenamedDeeply() {
            String processData = "{\"model_mode\":\"chat\",\"prompts\":[{\"role\":\"assistant\",\"text\":\"\","
                    + "\"files\":[{\"type\":\"image\",\"data\":\"data:image/png;base64,iVBORw0KGgo...[TRUNCATED]...\","
                    + "\"detail\":\"low\"}],\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":"
                    + "{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
                    + "{\"role\":\"tool\",\"text\":\"18C\",\"files\":[]}],\"model_provider\":\"openai\",\"model_name\":\"gpt-4o\"}";
            WeaveCall llm = nodeCall(map(run().nodes(node(1, "llm").processData(processData))), 1);
            assertThat(str(llm.inputs())).isEqualTo("{\"messages\":[{\"role\":\"assistant\",\"content\":\"\","
                    + "\"files\":[{\"type\":\"image\",\"data\":\"data:image/png;base64,iVBORw0KGgo...[TRUNCATED]...\","
                    + "\"detail\":\"low\"}],\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":"
                    + "{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}],\"usage_metadata\":"
                    + usageMetadata(0L) + ",\"file_list\":[]},{\"role\":\"tool\",\"content\":\"18C\",\"files\":[],"
                    + "\"usage_metadata\":" + usageMetadata(0L) + ",\"file_list\":[]}]}");
        }

        @Test
        void anLlmNodeWithoutProcessDataHasEmptyInputs() {
            WeaveCall llm = nodeCall(map(run().nodes(node(1, "llm").inputs("{\"x\":1}").outputs("{\"text\":\"hi\"}"))), 1);
            assertThat(str(llm.inputs())).isEqualTo("{}");
            assertThat(llm.attributes().has("ls_provider")).isFalse();
        }

        @Test
        void processDataWithoutPromptsGivesEmptyInputs() {
            WeaveCall llm = nodeCall(map(run().nodes(node(1, "llm").processData("{\"model_mode\":\"chat\","
                    + "\"model_provider\":\"openai\",\"model_name\":\"gpt-4o\"}"))), 1);
            assertThat(str(llm.inputs())).isEqualTo("{}");
            assertThat(llm.attributes().get("ls_model_name").stringValue()).isEqualTo("gpt-4o");
        }

        @Test
        void chatModeWithoutProviderOrModelGivesEmptyStrings() {
            WeaveCall llm = nodeCall(map(run().nodes(node(1, "llm").processData("{\"model_mode\":\"chat\",\"prompts\":[]}"))), 1);
            assertThat(llm.attributes().get("ls_provider").stringValue()).isEmpty();
            assertThat(llm.attributes().get("ls_model_name").stringValue()).isEmpty();
        }
    }

    @Nested
    class Users {

        @Test
        void accountRunsUseTheAccountId() {
            AssembledTrace trace = map(run());
            assertThat(trace.calls().get(0).attributes().get("user_id").stringValue()).isEqualTo(ACCOUNT_ID.toString());
            assertThat(trace.problems()).isEmpty();
        }

        @Test
        void endUserRunsUseTheSessionId() {
            AssembledTrace trace = map(run().endUser("end_user", SESSION_ID));
            assertThat(trace.calls().get(0).attributes().get("user_id").stringValue()).isEqualTo(SESSION_ID);
            assertThat(trace.problems()).isEmpty();
        }

        @Test
        void legacyEndUserRoleIsTheSame() {
            AssembledTrace trace = map(run().endUser("end-user", "DEFAULT-USER"));
            assertThat(trace.calls().get(0).attributes().get("user_id").stringValue()).isEqualTo("DEFAULT-USER");
            assertThat(trace.problems()).isEmpty();
        }

        @Test
        void anOrphanEndUserIsRecordedAndItsIdIsUsed() {
            AssembledTrace trace = map(run().endUser("end_user", null));
            assertThat(trace.calls().get(0).attributes().get("user_id").stringValue()).isEqualTo(END_USER_ID.toString());
            assertThat(problemColumns(trace)).containsExactly("workflow_runs:" + RUN + ":created_by");
            assertThat(trace.problems().get(0).reason()).contains("orphan", END_USER_ID.toString());
        }

        @Test
        void anOrphanAccountIsRecorded() {
            AssembledTrace trace = map(run().accountFound(false));
            assertThat(trace.calls().get(0).attributes().get("user_id").stringValue()).isEqualTo(ACCOUNT_ID.toString());
            assertThat(problemColumns(trace)).containsExactly("workflow_runs:" + RUN + ":created_by");
        }

        @Test
        void anUnknownRoleIsRecorded() {
            AssembledTrace trace = map(run().role("robot"));
            assertThat(problemColumns(trace)).containsExactly("workflow_runs:" + RUN + ":created_by_role");
            assertThat(trace.calls().get(0).attributes().get("user_id").stringValue()).isEqualTo(ACCOUNT_ID.toString());
        }

        @Test
        void anUnknownRunStatusIsRecordedAndSentAsIs() {
            AssembledTrace trace = map(run().status("archived"));
            assertThat(problemColumns(trace)).containsExactly("workflow_runs:" + RUN + ":status");
            assertThat(trace.problems().get(0).reason()).isEqualTo("unknown workflow run status 'archived', sent as is");
        }

        @Test
        void aNodeThatTookNoTimeIsNoProblem() {
            AssembledTrace trace = map(run().nodes(node(1, "code").elapsed(0)));
            assertThat(trace.problems()).isEmpty();
            assertThat(ts(nodeCall(trace, 1), false)).isEqualTo(ts(nodeCall(trace, 1), true));
        }

        @Test
        void aRunWithoutAppLogHasANullAppLogId() {
            WeaveCall workflow = map(run().appLog(null)).calls().get(0);
            assertThat(workflow.attributes().has("workflow_app_log_id")).isTrue();
            assertThat(workflow.attributes().get("workflow_app_log_id").isNull()).isTrue();
        }
    }

    @Nested
    class Names {

        @Test
        void aBlankTitleGivesNoDisplayNameButIsKeptAsAppName() {
            WeaveCall code = nodeCall(map(run().nodes(node(1, "code").title("  "))), 1);
            assertThat(code.displayName()).isNull();
            assertThat(code.attributes().get("app_name").stringValue()).isEqualTo("  ");
            assertThat(code.opName()).isEqualTo("code");
        }

        @Test
        void uppercaseUuidsComeOutLowercase() {
            RunBuilder run = run();
            run.id = UUID.fromString(RUN.toUpperCase());
            AssembledTrace trace = mapper.map(run.build());
            assertThat(trace.calls().get(0).id()).isEqualTo(RUN);
            assertThat(trace.calls().get(0).displayName()).isEqualTo("workflow_" + RUN);
        }
    }

    @Nested
    class BadInput {

        @Test
        void malformedRunInputsAreSentAsRawText() {
            AssembledTrace trace = map(run().inputs("{\"query\": \"unterminated"));
            assertThat(str(trace.calls().get(0).inputs())).isEqualTo("{\"messages\":{\"role\":\"user\","
                    + "\"content\":\"{\\\"query\\\": \\\"unterminated\",\"usage_metadata\":" + usageMetadata(1234L)
                    + ",\"file_list\":[]}}");
            assertThat(problemColumns(trace)).containsExactly("workflow_runs:" + RUN + ":inputs");
            assertThat(trace.problems().get(0).reason()).startsWith("malformed JSON");
            assertThat(trace.problems().get(0).sourceKey()).isEqualTo("workflow_runs:" + RUN);
        }

        @Test
        void malformedRunOutputsAreSentAsRawText() {
            AssembledTrace trace = map(run().outputs("not json"));
            assertThat(str(trace.calls().get(0).output())).isEqualTo("{\"choices\":{\"role\":\"ai\","
                    + "\"content\":\"not json\",\"usage_metadata\":" + usageMetadata(1234L) + ",\"file_list\":[]}}");
            assertThat(problemColumns(trace)).containsExactly("workflow_runs:" + RUN + ":outputs");
        }

        @Test
        void nullOrBlankRunPayloadsAreEmptyObjects() {
            AssembledTrace trace = map(run().inputs(null).outputs("  "));
            assertThat(str(trace.calls().get(0).inputs())).isEqualTo("{}");
            assertThat(str(trace.calls().get(0).output())).isEqualTo("{}");
            assertThat(map(run().inputs("{}")).calls().get(0).inputs().isEmpty()).isTrue();
            assertThat(trace.problems()).isEmpty();
        }

        @Test
        void malformedNodeInputsAreSentAsRawText() {
            AssembledTrace trace = map(run().nodes(node(1, "code").inputs("{'python': 'dict'}")));
            assertThat(str(nodeCall(trace, 1).inputs())).isEqualTo("{\"messages\":{\"role\":\"user\","
                    + "\"content\":\"{'python': 'dict'}\",\"usage_metadata\":" + usageMetadata(0L) + ",\"file_list\":[]}}");
            assertThat(problemColumns(trace)).containsExactly("workflow_node_executions:" + nodeId(1) + ":inputs");
        }

        @Test
        void malformedLlmProcessDataIsSentAsRawTextInTheInputs() {
            AssembledTrace trace = map(run().nodes(node(1, "llm").processData("{\"prompts\": [")
                    .outputs("{\"text\":\"hi\"}")));
            WeaveCall llm = nodeCall(trace, 1);
            assertThat(str(llm.inputs())).isEqualTo("{\"messages\":{\"role\":\"user\",\"content\":\"{\\\"prompts\\\": [\","
                    + "\"usage_metadata\":" + usageMetadata(0L) + ",\"file_list\":[]}}");
            assertThat(llm.attributes().has("ls_provider")).isFalse();
            assertThat(problemColumns(trace)).containsExactly("workflow_node_executions:" + nodeId(1) + ":process_data");
        }

        @Test
        void malformedProcessDataOfOtherNodesIsRecorded() {
            AssembledTrace trace = map(run().nodes(node(1, "http-request").processData("GET / HTTP/1.1")));
            assertThat(problemColumns(trace)).containsExactly("workflow_node_executions:" + nodeId(1) + ":process_data");
        }

        @Test
        void malformedNodeOutputsAreSentAsRawText() {
            AssembledTrace trace = map(run().nodes(node(1, "code").outputs("{\"result\": NaN-ish}")));
            assertThat(str(nodeCall(trace, 1).output())).isEqualTo("{\"choices\":{\"role\":\"ai\","
                    + "\"content\":\"{\\\"result\\\": NaN-ish}\",\"usage_metadata\":" + usageMetadata(0L)
                    + ",\"file_list\":[]}}");
            assertThat(problemColumns(trace)).containsExactly("workflow_node_executions:" + nodeId(1) + ":outputs");
        }

        @Test
        void malformedExecutionMetadataIsSentAsARawAttribute() {
            AssembledTrace trace = map(run().nodes(node(1, "code").metadata("{\"total_tokens\": 12")));
            WeaveCall code = nodeCall(trace, 1);
            assertThat(names(code.attributes()).get(0)).isEqualTo("execution_metadata");
            assertThat(code.attributes().get("execution_metadata").stringValue()).isEqualTo("{\"total_tokens\": 12");
            assertThat(code.attributes().get("node_type").stringValue()).isEqualTo("code");
            assertThat(problemColumns(trace))
                    .containsExactly("workflow_node_executions:" + nodeId(1) + ":execution_metadata");
        }

        @Test
        void everyMalformedColumnOfOneNodeIsRecordedSeparately() {
            AssembledTrace trace = map(run().nodes(node(1, "tool").inputs("x").processData("y").outputs("z")
                    .metadata("w")));
            assertThat(problemColumns(trace)).containsExactlyInAnyOrder(
                    "workflow_node_executions:" + nodeId(1) + ":inputs",
                    "workflow_node_executions:" + nodeId(1) + ":process_data",
                    "workflow_node_executions:" + nodeId(1) + ":outputs",
                    "workflow_node_executions:" + nodeId(1) + ":execution_metadata");
            assertThat(trace.calls()).hasSize(2);
        }

        @Test
        void anUnknownNodeTypeIsSentAsOpNameAndRecorded() {
            AssembledTrace trace = map(run().nodes(node(1, "custom-rerank").inputs("{\"q\":\"x\"}")));
            WeaveCall custom = nodeCall(trace, 1);
            assertThat(custom.opName()).isEqualTo("custom-rerank");
            assertThat(custom.attributes().get("node_type").stringValue()).isEqualTo("custom-rerank");
            assertThat(str(custom.inputs())).isEqualTo(withKeys("{\"q\":\"x\"}", 0));
            assertThat(problemColumns(trace)).containsExactly("workflow_node_executions:" + nodeId(1) + ":node_type");
        }

        @Test
        void anUnknownNodeStatusIsSentAndRecorded() {
            AssembledTrace trace = map(run().nodes(node(1, "code").status("skipped")));
            WeaveCall code = nodeCall(trace, 1);
            assertThat(code.attributes().get("status").stringValue()).isEqualTo("skipped");
            assertThat(code.exception()).isNull();
            assertThat(problemColumns(trace)).containsExactly("workflow_node_executions:" + nodeId(1) + ":status");
        }

        @Test
        void anUnknownRunStatusIsSentAndRecorded() {
            AssembledTrace trace = map(run().status("running"));
            assertThat(trace.calls().get(0).attributes().get("status").stringValue()).isEqualTo("running");
            assertThat(problemColumns(trace)).containsExactly("workflow_runs:" + RUN + ":status");
        }

        @Test
        void anUnknownExecutionMetadataKeyIsSentAndRecorded() {
            AssembledTrace trace = map(run().nodes(node(1, "code")
                    .metadata("{\"total_tokens\":3,\"future_key\":{\"a\":1}}")));
            WeaveCall code = nodeCall(trace, 1);
            assertThat(str(code.attributes().get("future_key"))).isEqualTo("{\"a\":1}");
            assertThat(code.attributes().get("total_tokens").intValue()).isEqualTo(3);
            assertThat(problemColumns(trace))
                    .containsExactly("workflow_node_executions:" + nodeId(1) + ":execution_metadata");
            assertThat(trace.problems().get(0).reason()).contains("future_key");
        }

        @Test
        void executionMetadataKeysThatCollideAreOverwrittenInPlaceLikePythonsUpdate() {
            WeaveCall code = nodeCall(map(run().nodes(node(1, "code")
                    .metadata("{\"status\":\"x\",\"total_tokens\":0}").title("Code"))), 1);
            assertThat(names(code.attributes()).subList(0, 3)).containsExactly("status", "total_tokens",
                    "workflow_run_id");
            assertThat(code.attributes().get("status").stringValue()).isEqualTo("succeeded");
        }

        @Test
        void aBlankNodeTypeBecomesUnknown() {
            AssembledTrace trace = map(run().nodes(node(1, "code").title("Mystery")));
            assertThat(trace.problems()).isEmpty();
            RunBuilder blank = run();
            NodeBuilder mystery = node(1, "x").title("Mystery");
            mystery.nodeType = " ";
            AssembledTrace blankTrace = map(blank.nodes(mystery));
            assertThat(nodeCall(blankTrace, 1).opName()).isEqualTo("unknown");
            assertThat(problemColumns(blankTrace)).containsExactly("workflow_node_executions:" + nodeId(1) + ":node_type");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // every node type of docs/reference/dify-source.md §1.1

    private static final String TOOL_INFO = "{\"tool_info\":{\"provider_type\":\"builtin\",\"provider_id\":\"google\","
            + "\"plugin_unique_identifier\":\"langgenius/google:0.0.9@a1b2\"}}";
    private static final String CLASSIFIER_PROCESS_DATA = "{\"model_mode\":\"chat\",\"prompts\":[{\"role\":\"system\","
            + "\"text\":\"Classify.\",\"files\":[]}],\"usage\":" + LLM_USAGE + ",\"finish_reason\":\"stop\","
            + "\"model_provider\":\"langgenius/openai/openai\",\"model_name\":\"gpt-4o\"}";

    /** node type, inputs, process_data, outputs, execution_metadata; realistic for the important types. */
    static Stream<Arguments> nodeTypes() {
        return Stream.of(
                Arguments.of("start", "{\"query\":\"hi\",\"sys.files\":[],\"sys.user_id\":\"u-1\"}", null,
                        "{\"query\":\"hi\",\"sys.files\":[],\"sys.user_id\":\"u-1\"}", null),
                Arguments.of("end", "{\"result\":\"done\"}", null, "{\"result\":\"done\"}", null),
                Arguments.of("answer", null, null, "{\"answer\":\"Hello!\",\"files\":[]}", null),
                Arguments.of("llm", null, LLM_PROCESS_DATA, LLM_OUTPUTS, LLM_METADATA),
                Arguments.of("knowledge-retrieval", "{\"query\":\"What is Weave?\"}", null, RETRIEVAL_OUTPUTS, null),
                Arguments.of("if-else", "{\"#1711.query#\":\"hi\"}",
                        "{\"condition_results\":[{\"group\":\"true\",\"results\":[true],\"final_result\":true}]}",
                        "{\"result\":true,\"selected_case_id\":\"true\"}", null),
                Arguments.of("code", "{\"arg1\":\"a\",\"arg2\":2}", null, "{\"result\":\"a2\"}", null),
                Arguments.of("template-transform", "{\"name\":\"Ada\"}", null, "{\"output\":\"Hello Ada\"}", null),
                Arguments.of("question-classifier", "{\"query\":\"my invoice is wrong\"}", CLASSIFIER_PROCESS_DATA,
                        "{\"class_name\":\"billing\",\"class_id\":\"1\",\"usage\":" + LLM_USAGE + "}",
                        "{\"total_tokens\":155,\"total_price\":\"0.000039\",\"currency\":\"USD\"}"),
                Arguments.of("http-request", "{}",
                        "{\"request\":\"GET /v1/status HTTP/1.1\\r\\nHost: api.example.com\\r\\n\\r\\n\"}",
                        "{\"status_code\":200,\"body\":\"{\\\"ok\\\":true}\",\"headers\":{\"content-type\":"
                                + "\"application/json\"},\"files\":[]}", null),
                Arguments.of("tool", "{\"query\":\"weave tracing\"}", null,
                        "{\"text\":\"Weave is ...\",\"files\":[],\"json\":[{\"data\":[]}]}", TOOL_INFO),
                Arguments.of("datasource", "{}", null, "{\"datasource_type\":\"online_document\"}",
                        "{\"datasource_info\":{\"provider\":\"notion\"}}"),
                Arguments.of("variable-aggregator", "{}", null, "{\"output\":\"x\"}", null),
                Arguments.of("variable-assigner", "{}", null, "{\"output\":\"x\"}", null),
                Arguments.of("loop", "{}", null, "{\"count\":3}",
                        "{\"loop_duration_map\":{\"0\":0.1,\"1\":0.2},\"loop_variable_map\":{\"0\":{\"count\":1}},"
                                + "\"completed_reason\":\"loop_break\"}"),
                Arguments.of("loop-start", null, null, null, "{\"loop_id\":\"1735000000001\",\"loop_index\":0}"),
                Arguments.of("loop-end", null, null, null, "{\"loop_id\":\"1735000000001\",\"loop_index\":2}"),
                Arguments.of("iteration", "{\"iterator_selector\":[\"a\",\"b\"]}", null, "{\"output\":[\"A\",\"B\"]}",
                        "{\"iteration_duration_map\":{\"0\":0.5,\"1\":0.6}}"),
                Arguments.of("iteration-start", null, null, null,
                        "{\"iteration_id\":\"1733000000003\",\"iteration_index\":0}"),
                Arguments.of("parameter-extractor", "{\"query\":\"Weather in Paris\"}",
                        CLASSIFIER_PROCESS_DATA.replace("Classify.", "Extract."),
                        "{\"__is_success\":1,\"__reason\":null,\"city\":\"Paris\"}", "{\"total_tokens\":155}"),
                Arguments.of("assigner", "{}", "{\"updated_variables\":[{\"name\":\"n\",\"selector\":[\"conversation\","
                        + "\"n\"],\"new_value\":2}]}", "{}", null),
                Arguments.of("document-extractor", "{\"variable_selector\":[\"start\",\"file\"]}", null,
                        "{\"text\":\"PDF text\"}", null),
                Arguments.of("list-operator", "{\"variable\":[3,1,2]}", null,
                        "{\"result\":[1,2,3],\"first_record\":1,\"last_record\":3}", null),
                Arguments.of("agent", "{\"query\":\"plan a trip\"}", null, "{\"text\":\"Here is a plan\",\"files\":[]}",
                        "{\"agent_log\":[{\"id\":\"l1\",\"label\":\"ROUND 1\",\"status\":\"success\",\"data\":{}}],"
                                + "\"tool_info\":{\"icon\":\"x\",\"agent_strategy\":\"function_calling\"},"
                                + "\"total_tokens\":300}"),
                Arguments.of("human-input", "{\"form\":\"approve?\"}", null, "{\"action\":\"approve\"}", null),
                Arguments.of("trigger-webhook", "{\"webhook_body\":{\"event\":\"push\"}}", null,
                        "{\"webhook_body\":{\"event\":\"push\"}}", "{\"trigger_info\":{\"type\":\"webhook\"}}"),
                Arguments.of("trigger-schedule", "{}", null, "{\"sys.timestamp\":1763626502}",
                        "{\"trigger_info\":{\"type\":\"schedule\"}}"),
                Arguments.of("trigger-plugin", "{\"event\":\"issue.created\"}", null, "{\"event\":\"issue.created\"}",
                        "{\"trigger_info\":{\"type\":\"plugin\"}}"),
                Arguments.of("knowledge-index", "{\"chunks\":[\"a\",\"b\"]}", null,
                        "{\"dataset_id\":\"d0d0d0d0-0000-4000-8000-000000000001\",\"status\":\"completed\"}", null));
    }

    @Test
    void everyNodeTypeOfDifySourceIsCovered() {
        assertThat(nodeTypes().map(a -> (String) a.get()[0])).containsExactlyInAnyOrderElementsOf(DifyEnums.NODE_TYPES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeTypes")
    void everyNodeType(String type, String inputs, String processData, String outputs, String metadata) {
        AssembledTrace trace = map(run().nodes(node(1, type).title("My " + type).inputs(inputs)
                .processData(processData).outputs(outputs).metadata(metadata).elapsed(0.25)));
        WeaveCall call = nodeCall(trace, 1);
        JsonNode metadataNode = metadata == null ? Json.NODES.objectNode() : Json.MAPPER.readTree(metadata);
        long totalTokens = metadataNode.path("total_tokens").asLong(0);

        assertThat(trace.problems()).isEmpty();
        assertThat(call.opName()).isEqualTo(type);
        assertThat(call.displayName()).isEqualTo("My " + type);
        assertThat(call.parentId()).isEqualTo(RUN);
        assertThat(ts(call, true)).isEqualTo("2025-11-20T08:15:02.223456Z");
        assertThat(ts(call, false)).isEqualTo("2025-11-20T08:15:02.473456Z");
        assertThat(call.exception()).isNull();
        assertThat(call.summary().path("weave").path("latency_ms").longValue()).isEqualTo(250);

        if (type.equals("llm")) {
            assertThat(call.inputs().path("messages").isArray()).isTrue();
            assertThat(call.summary().has("usage")).isTrue();
        } else {
            assertThat(str(call.inputs())).isEqualTo(withKeys(inputs, totalTokens));
            assertThat(call.summary().has("usage")).isFalse();
        }
        assertThat(str(call.output())).isEqualTo(withKeys(outputs, totalTokens));

        List<String> expectedKeys = new ArrayList<>(names(metadataNode));
        expectedKeys.addAll(List.of("workflow_run_id", "node_execution_id", "tenant_id", "app_id", "app_name",
                "node_type", "status"));
        boolean chatModel = processData != null && processData.contains("\"model_mode\":\"chat\"");
        if (chatModel) {
            expectedKeys.addAll(List.of("ls_provider", "ls_model_name"));
        }
        expectedKeys.addAll(List.of("tags", "start_time", "end_time", "elapsed_time", "trace_id", "backfill"));
        assertThat(names(call.attributes())).containsExactlyElementsOf(expectedKeys);
        for (String key : names(metadataNode)) {
            assertThat(call.attributes().get(key)).isEqualTo(metadataNode.get(key));
        }
        assertThat(call.attributes().get("node_type").stringValue()).isEqualTo(type);
        assertThat(call.attributes().get("app_name").stringValue()).isEqualTo("My " + type);
        assertThat(str(call.attributes().get("tags"))).isEqualTo("[\"node_execution\"]");
        assertThat(str(call.attributes().get("backfill"))).isEqualTo(BACKFILL);
        assertThat(call.attributes().get("elapsed_time").doubleValue()).isEqualTo(0.25);
    }
}
