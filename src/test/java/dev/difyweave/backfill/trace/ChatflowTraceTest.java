package dev.difyweave.backfill.trace;

import static dev.difyweave.backfill.trace.MessageRows.ANSWER;
import static dev.difyweave.backfill.trace.MessageRows.APP_ID;
import static dev.difyweave.backfill.trace.MessageRows.CONVERSATION_ID;
import static dev.difyweave.backfill.trace.MessageRows.DATASET_ID;
import static dev.difyweave.backfill.trace.MessageRows.FILES_URL;
import static dev.difyweave.backfill.trace.MessageRows.M;
import static dev.difyweave.backfill.trace.MessageRows.PROVENANCE;
import static dev.difyweave.backfill.trace.MessageRows.SESSION_ID;
import static dev.difyweave.backfill.trace.MessageRows.TENANT_ID;
import static dev.difyweave.backfill.trace.MessageRows.W;
import static dev.difyweave.backfill.trace.MessageRows.WORKFLOW_ID;
import static dev.difyweave.backfill.trace.MessageRows.backfill;
import static dev.difyweave.backfill.trace.MessageRows.byOp;
import static dev.difyweave.backfill.trace.MessageRows.json;
import static dev.difyweave.backfill.trace.MessageRows.keywordsModeration;
import static dev.difyweave.backfill.trace.MessageRows.message;
import static dev.difyweave.backfill.trace.MessageRows.nodeId;
import static dev.difyweave.backfill.trace.MessageRows.problems;
import static dev.difyweave.backfill.trace.MessageRows.run;
import static dev.difyweave.backfill.trace.MessageRows.thought;
import static dev.difyweave.backfill.trace.MessageRows.toolMeta;
import static dev.difyweave.backfill.trace.MessageRows.usageMetadata;
import static dev.difyweave.backfill.trace.MessageTraceMapperTest.ALL_KINDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.source.AppFeatures;
import dev.difyweave.backfill.source.NodeExecutionRow;
import dev.difyweave.backfill.source.OffloadedPayload;
import dev.difyweave.backfill.source.WorkflowTraceSource;
import dev.difyweave.backfill.trace.MessageRows.MessageBuilder;
import dev.difyweave.backfill.trace.MessageRows.RunBuilder;
import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.call.WeaveCall;
import dev.difyweave.backfill.call.WeaveJson;

/**
 * An advanced-chat (chatflow) message: the message root over its run's workflow call and node calls,
 * plus moderation (docs/reference/dify-source.md §3.3 (b), §4.1; C2, C4, C9).
 */
class ChatflowTraceTest {

    private static final String LLM_USAGE = "{\"prompt_tokens\":120,\"completion_tokens\":35,\"total_tokens\":155,"
            + "\"total_price\":\"0.000039\",\"currency\":\"USD\",\"latency\":1.234}";
    private static final String LLM_PROCESS_DATA = "{\"model_mode\":\"chat\",\"prompts\":["
            + "{\"role\":\"system\",\"text\":\"Answer from the context.\",\"files\":[]},"
            + "{\"role\":\"user\",\"text\":\"What is Weave?\",\"files\":[]}],\"usage\":" + LLM_USAGE
            + ",\"finish_reason\":\"stop\",\"model_provider\":\"langgenius/openai/openai\",\"model_name\":\"gpt-4o-mini\"}";
    private static final String FEATURES = "{\"opening_statement\":\"\",\"suggested_questions\":[],"
            + "\"suggested_questions_after_answer\":{\"enabled\":true},\"sensitive_word_avoidance\":"
            + keywordsModeration("bomb", true, "No.") + ",\"retriever_resource\":{\"enabled\":true}}";
    private static final String RUN_INPUTS = "{\"sys.query\":\"What is Weave?\",\"sys.files\":[],"
            + "\"sys.conversation_id\":\"" + CONVERSATION_ID + "\",\"sys.user_id\":\"" + SESSION_ID + "\","
            + "\"sys.dialogue_count\":1}";

    private final MessageTraceMapper mapper = new MessageTraceMapper(PROVENANCE, FILES_URL);

    private static RunBuilder fourNodes() {
        return run()
                .node(1, "start", "Start", "{\"sys.query\":\"What is Weave?\"}", null,
                        "{\"sys.query\":\"What is Weave?\"}", null, 0.01)
                .node(2, "knowledge-retrieval", "Knowledge Retrieval", "{\"query\":\"What is Weave?\"}", null,
                        "{\"result\":[{\"content\":\"Weave traces LLM calls.\"}]}", null, 0.3)
                .node(3, "llm", "LLM", "{\"#context#\":\"ignored\"}", LLM_PROCESS_DATA,
                        "{\"text\":\"" + ANSWER + "\",\"usage\":" + LLM_USAGE + "}",
                        "{\"total_tokens\":155,\"total_price\":\"0.000039\",\"currency\":\"USD\"}", 1.5)
                .node(4, "answer", "Answer", "{}", null, "{\"answer\":\"" + ANSWER + "\"}", null, 0.001);
    }

    private static MessageBuilder chatflow(RunBuilder run) {
        return message().chatflow(run.build()).features(AppFeatures.ofWorkflow(WORKFLOW_ID.toString(), FEATURES));
    }

    private AssembledTrace map(MessageBuilder builder, Set<TraceKind> kinds) {
        AssembledTrace trace = mapper.map(builder.build(), kinds);
        assertThat(trace.kind()).isEqualTo(TraceKind.MESSAGE);
        assertThat(trace.sourceKey().toString()).isEqualTo("messages:" + M);
        CallIdentity.assertKindsMatchTags(trace);
        for (WeaveCall call : trace.calls()) {
            // C2: one trace, the message's
            assertThat(call.traceId()).isEqualTo(M);
            assertThat(call.attributes().path("trace_id").stringValue()).isEqualTo(M);
            assertThat(call.attributes().path("start_time").stringValue())
                    .isEqualTo(WeaveJson.timestamp(call.startedAt()));
            assertThat(call.attributes().path("end_time").stringValue()).isEqualTo(WeaveJson.timestamp(call.endedAt()));
            assertThat(call.attributes().path("backfill").path("job").stringValue()).isEqualTo("message-backfill");
            // a chatflow message has no llm, tool or retrieval child: those are nodes
            if (M.equals(call.parentId())) {
                assertThat(call.opName()).isIn("workflow", "moderation");
            }
        }
        return trace;
    }

    private static String usage(Long total) {
        return usageMetadata(null, null, total);
    }

    // ---------------------------------------------------------------------------------------------

    /** §4.1, with C2: message (root) -> workflow -> nodes; moderation under the message. */
    @Test
    void workedExampleChatflowTree() {
        AssembledTrace trace = map(chatflow(fourNodes()), ALL_KINDS);

        assertThat(trace.calls()).extracting(WeaveCall::id, WeaveCall::parentId, WeaveCall::opName,
                WeaveCall::displayName).containsExactly(
                        tuple(M, null, "message", "message_" + M),
                        tuple(W, M, "workflow", "workflow_" + W),
                        tuple(nodeId(1).toString(), W, "start", "Start"),
                        tuple(nodeId(2).toString(), W, "knowledge-retrieval", "Knowledge Retrieval"),
                        tuple(nodeId(3).toString(), W, "llm", "LLM"),
                        tuple(nodeId(4).toString(), W, "answer", "Answer"),
                        tuple(CallIds.v5("moderation:" + M), M, "moderation", null));
        assertThat(trace.problems()).isEmpty();
        assertThat(trace.notes()).containsExactly(AssembledTrace.SUGGESTED_QUESTIONS_NOT_REPRODUCIBLE);
    }

    @Test
    void messageCallIsTheRootWithTheRunsTimesAndPayloads() {
        WeaveCall message = byOp(map(chatflow(fourNodes()), ALL_KINDS), "message");

        assertThat(message.parentId()).isNull();
        assertThat(WeaveJson.timestamp(message.startedAt())).isEqualTo("2025-11-20T09:30:15.120000Z");
        assertThat(WeaveJson.timestamp(message.endedAt())).isEqualTo("2025-11-20T09:30:18.620001Z");
        assertThat(message.exception()).isNull();
        assertThat(MessageRows.tree(message.attributes())).isEqualTo(MessageRows.tree("{\"workflow_id\":\"" + WORKFLOW_ID + "\","
                + "\"conversation_id\":\"" + CONVERSATION_ID + "\",\"workflow_run_id\":\"" + W + "\",\"tenant_id\":\""
                + TENANT_ID + "\",\"elapsed_time\":3.500001,\"status\":\"succeeded\","
                + "\"version\":\"2025-11-18 10:00:00.000000\",\"total_tokens\":155,\"file_list\":[],"
                + "\"triggered_from\":\"app-run\",\"user_id\":\"" + SESSION_ID + "\",\"app_id\":\"" + APP_ID + "\","
                + "\"app_name\":\"\",\"workspace_name\":\"\",\"workflow_app_log_id\":null,\"message_id\":\"" + M + "\","
                + "\"trace_id\":\"" + M + "\",\"start_time\":\"2025-11-20T09:30:15.120000Z\","
                + "\"end_time\":\"2025-11-20T09:30:18.620001Z\",\"tags\":[\"message\",\"workflow\"],"
                + "\"backfill\":" + backfill() + "}"));
        assertThat(json(message.inputs())).isEqualTo(RUN_INPUTS.substring(0, RUN_INPUTS.length() - 1)
                + ",\"usage_metadata\":" + usage(155L) + ",\"file_list\":[]}");
        assertThat(json(message.output())).isEqualTo("{\"answer\":\"" + ANSWER + "\",\"usage_metadata\":"
                + usage(155L) + ",\"file_list\":[]}");
        // C5: the llm node's usage rolled up per model
        assertThat(json(message.summary())).isEqualTo("{\"status_counts\":{\"success\":1,\"error\":0},"
                + "\"weave\":{\"latency_ms\":3500},\"usage\":{\"gpt-4o-mini\":{\"requests\":1,"
                + "\"prompt_tokens\":120,\"completion_tokens\":35,\"total_tokens\":155}}}");
    }

    @Test
    void workflowCallHangsUnderTheMessage() {
        AssembledTrace trace = map(chatflow(fourNodes()), ALL_KINDS);
        WeaveCall workflow = byOp(trace, "workflow");
        WeaveCall message = byOp(trace, "message");

        assertThat(workflow.parentId()).isEqualTo(M);
        assertThat(workflow.startedAt()).isEqualTo(message.startedAt());
        assertThat(workflow.endedAt()).isEqualTo(message.endedAt());
        assertThat(json(workflow.attributes().path("tags"))).isEqualTo("[\"dify_workflow\",\"workflow\"]");
        assertThat(workflow.attributes().path("message_id").stringValue()).isEqualTo(M);
        assertThat(workflow.attributes().path("workflow_run_id").stringValue()).isEqualTo(W);
        assertThat(workflow.attributes().path("conversation_id").stringValue()).isEqualTo(CONVERSATION_ID.toString());
        assertThat(workflow.attributes().get("workflow_app_log_id").isNull()).isTrue();
        assertThat(json(workflow.inputs())).isEqualTo(json(message.inputs()));
        assertThat(json(workflow.output())).isEqualTo(json(message.output()));
        assertThat(json(workflow.summary())).isEqualTo(json(message.summary()));
    }

    @Test
    void nodeCallsAreChildrenOfTheRunInTheMessagesTrace() {
        AssembledTrace trace = map(chatflow(fourNodes()), ALL_KINDS);
        List<WeaveCall> nodes = trace.calls().stream().filter(c -> W.equals(c.parentId())).toList();

        assertThat(nodes).hasSize(4).allSatisfy(node -> {
            assertThat(node.traceId()).isEqualTo(M);
            assertThat(node.attributes().path("workflow_run_id").stringValue()).isEqualTo(W);
            assertThat(json(node.attributes().path("tags"))).isEqualTo("[\"node_execution\"]");
        });
        WeaveCall llm = nodes.get(2);
        assertThat(WeaveJson.timestamp(llm.startedAt())).isEqualTo("2025-11-20T09:30:15.720000Z");
        assertThat(WeaveJson.timestamp(llm.endedAt())).isEqualTo("2025-11-20T09:30:17.220000Z");
        assertThat(llm.inputs().path("messages").get(1).path("content").stringValue()).isEqualTo("What is Weave?");
        assertThat(json(llm.summary().path("usage"))).isEqualTo("{\"gpt-4o-mini\":{\"requests\":1,"
                + "\"prompt_tokens\":120,\"completion_tokens\":35,\"total_tokens\":155}}");
    }

    @Test
    void moderationUsesTheMessagesOwnTime() {
        WeaveCall moderation = byOp(map(chatflow(fourNodes()), ALL_KINDS), "moderation");

        assertThat(WeaveJson.timestamp(moderation.startedAt())).isEqualTo("2025-11-20T09:30:15.000000Z");
        assertThat(moderation.endedAt()).isEqualTo(moderation.startedAt());
        assertThat(moderation.output().path("flagged").booleanValue()).isFalse();
    }

    @Test
    void failedRunEndsMessageAndWorkflowWithItsError() {
        AssembledTrace trace = map(chatflow(fourNodes().failed("Node LLM run failed: rate limited")), ALL_KINDS);

        assertThat(byOp(trace, "message").exception()).isEqualTo("Node LLM run failed: rate limited");
        assertThat(byOp(trace, "workflow").exception()).isEqualTo("Node LLM run failed: rate limited");
        assertThat(json(byOp(trace, "message").summary().path("status_counts"))).isEqualTo("{\"success\":0,\"error\":1}");
    }

    static Stream<Arguments> kindSelections() {
        List<String> nodes = List.of("start", "knowledge-retrieval", "llm", "answer");
        List<String> workflowAndNodes = Stream.concat(Stream.of("workflow"), nodes.stream()).toList();
        return Stream.of(
                Arguments.of(Set.of(TraceKind.MESSAGE), List.of("message")),
                Arguments.of(Set.of(TraceKind.MESSAGE, TraceKind.MODERATION), List.of("message", "moderation")),
                Arguments.of(Set.of(TraceKind.WORKFLOW), workflowAndNodes),
                Arguments.of(Set.of(TraceKind.WORKFLOW, TraceKind.MODERATION),
                        Stream.concat(workflowAndNodes.stream(), Stream.of("moderation")).toList()),
                Arguments.of(Set.of(TraceKind.TOOL, TraceKind.DATASET_RETRIEVAL, TraceKind.GENERATE_NAME), List.of()));
    }

    @ParameterizedTest
    @MethodSource("kindSelections")
    void kindsSelectTheCalls(Set<TraceKind> kinds, List<String> ops) {
        AssembledTrace trace = map(chatflow(fourNodes()), kinds);

        assertThat(trace.calls()).extracting(WeaveCall::opName).containsExactlyElementsOf(ops);
        if (kinds.contains(TraceKind.WORKFLOW) && !kinds.contains(TraceKind.MESSAGE)) {
            // the workflow still points at the message call, sent by another selection
            assertThat(trace.calls().get(0).parentId()).isEqualTo(M);
        }
    }

    @Test
    void thoughtsAndRetrieverResourcesOfAChatflowMessageMakeNoCalls() {
        MessageBuilder builder = chatflow(fourNodes())
                .thoughts(thought(1, "google_search", "{}", "{}", "{" + toolMeta("google_search", 1.0, null) + "}",
                        LocalDateTime.parse("2025-11-20T09:30:16")))
                .metadata("{\"retriever_resources\":[{\"dataset_id\":\"" + DATASET_ID + "\",\"content\":\"x\"}]}");

        assertThat(map(builder, ALL_KINDS).calls()).extracting(WeaveCall::opName).containsExactly("message",
                "workflow", "start", "knowledge-retrieval", "llm", "answer", "moderation");
    }

    /** Dify lost the app row: the conversation's mode says it is a chatflow. */
    @Test
    void aMessageWhoseAppIsGoneIsAChatflowByItsConversation() {
        MessageBuilder builder = chatflow(fourNodes());
        builder.appMode = null;

        assertThat(map(builder, ALL_KINDS).calls()).extracting(WeaveCall::opName).startsWith("message", "workflow");
    }

    @Test
    void aTruncatedOffloadedPayloadIsNotedOnlyWhenTheWorkflowIsSent() {
        WorkflowTraceSource plain = fourNodes().build();
        List<NodeExecutionRow> nodes = new ArrayList<>(plain.nodes());
        NodeExecutionRow first = nodes.get(0);
        nodes.set(0, first.withPayloads(first.inputs(), first.processData(), first.outputs(),
                List.of(new OffloadedPayload("outputs", "upload_files/t/o.json", "no file upload_files/t/o.json"))));
        WorkflowTraceSource run = new WorkflowTraceSource(plain.run(), nodes, plain.appLogId(), plain.endUserSessionId(),
                plain.accountFound());
        MessageBuilder builder = message().chatflow(run).features(AppFeatures.ofWorkflow(WORKFLOW_ID.toString(), FEATURES));

        assertThat(map(builder, ALL_KINDS).notes()).contains(AssembledTrace.OFFLOADED_PAYLOAD_TRUNCATED);
        assertThat(map(builder, Set.of(TraceKind.MESSAGE)).notes()).doesNotContain(AssembledTrace.OFFLOADED_PAYLOAD_TRUNCATED);
    }

    @Test
    void missingRunIsRecordedAndTheMessageStillSent() {
        AssembledTrace trace = map(message().chatflow(null)
                .features(AppFeatures.ofWorkflow(WORKFLOW_ID.toString(), FEATURES)), ALL_KINDS);

        assertThat(problems(trace)).containsExactly("messages:" + M + ":workflow_run_id");
        assertThat(trace.problems().get(0).reason()).contains(W);
        assertThat(trace.calls()).extracting(WeaveCall::id, WeaveCall::parentId, WeaveCall::opName).containsExactly(
                tuple(M, null, "message"),
                tuple(CallIds.moderation(M), M, "moderation"));
        WeaveCall message = trace.calls().get(0);
        assertThat(message.displayName()).isEqualTo("message_" + M);
        // still found by the chatflow message filter (§3.3 (b): not tagged with the conversation mode)
        assertThat(json(message.attributes().path("tags"))).isEqualTo("[\"message\",\"workflow\"]");
        assertThat(message.attributes().path("workflow_run_id").stringValue()).isEqualTo(W);
        // messages.message stays "" for chatflows: the query stands in for the prompt
        assertThat(message.inputs().path("messages").path("content").stringValue()).isEqualTo("What is Weave?");
        assertThat(json(message.attributes().path("backfill"))).isEqualTo(json(backfill("inputs")));
        assertThat(message.output().path("choices").path("content").stringValue()).isEqualTo(ANSWER);
        assertThat(WeaveJson.timestamp(message.startedAt())).isEqualTo("2025-11-20T09:30:15.000000Z");
        assertThat(WeaveJson.timestamp(message.endedAt())).isEqualTo("2025-11-20T09:30:18.734512Z");
    }

    @Test
    void secondMappingGivesIdenticalIds() {
        List<String> first = map(chatflow(fourNodes()), ALL_KINDS).calls().stream().map(WeaveCall::id).toList();
        List<String> second = new MessageTraceMapper(PROVENANCE, FILES_URL).map(chatflow(fourNodes()).build(),
                ALL_KINDS).calls().stream().map(WeaveCall::id).toList();

        assertThat(second).isEqualTo(first).doesNotHaveDuplicates();
    }
}
