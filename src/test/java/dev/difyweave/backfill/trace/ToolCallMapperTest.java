package dev.difyweave.backfill.trace;

import static dev.difyweave.backfill.trace.MessageRows.FILES_URL;
import static dev.difyweave.backfill.trace.MessageRows.M;
import static dev.difyweave.backfill.trace.MessageRows.NO_USAGE;
import static dev.difyweave.backfill.trace.MessageRows.PROVENANCE;
import static dev.difyweave.backfill.trace.MessageRows.appConfig;
import static dev.difyweave.backfill.trace.MessageRows.backfill;
import static dev.difyweave.backfill.trace.MessageRows.byOp;
import static dev.difyweave.backfill.trace.MessageRows.fileId;
import static dev.difyweave.backfill.trace.MessageRows.json;
import static dev.difyweave.backfill.trace.MessageRows.keywordsModeration;
import static dev.difyweave.backfill.trace.MessageRows.message;
import static dev.difyweave.backfill.trace.MessageRows.problems;
import static dev.difyweave.backfill.trace.MessageRows.remoteFile;
import static dev.difyweave.backfill.trace.MessageRows.thought;
import static dev.difyweave.backfill.trace.MessageRows.thoughtId;
import static dev.difyweave.backfill.trace.MessageRows.toolMeta;
import static dev.difyweave.backfill.trace.MessageTraceMapperTest.ALL_KINDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.source.AgentThoughtRow;
import dev.difyweave.backfill.trace.MessageRows.MessageBuilder;
import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.call.WeaveCall;
import dev.difyweave.backfill.call.WeaveJson;

/**
 * Tool calls of agent-chat messages through {@link MessageTraceMapper} (docs/reference/dify-source.md §2.6, §3.3 (g),
 * §4.2; C1, C7): one call per tool name per thought, each with its own thought's timing.
 */
class ToolCallMapperTest {

    private static final LocalDateTime T1 = LocalDateTime.parse("2025-11-20T09:30:15.412345");
    private static final LocalDateTime T2 = LocalDateTime.parse("2025-11-20T09:30:17.001002");
    private static final LocalDateTime T3 = LocalDateTime.parse("2025-11-20T09:30:18.100000");

    private final MessageTraceMapper mapper = new MessageTraceMapper(PROVENANCE, FILES_URL);

    private AssembledTrace map(MessageBuilder builder, Set<TraceKind> kinds) {
        return MessageTraceMapperTest.map(mapper, builder, kinds);
    }

    private AssembledTrace tools(MessageBuilder builder) {
        AssembledTrace trace = map(builder, Set.of(TraceKind.TOOL));
        for (WeaveCall call : trace.calls()) {
            assertThat(call.parentId()).isEqualTo(M);
            assertThat(call.displayName()).isNull();
            assertThat(call.summary().has("usage")).isFalse();
        }
        return trace;
    }

    private static String toolId(int thought, String name, int n) {
        return CallIds.v5("tool:" + M + ":" + thoughtId(thought) + ":" + name + ":" + n);
    }

    private static String ts(WeaveCall call, boolean start) {
        return WeaveJson.timestamp(start ? call.startedAt() : call.endedAt());
    }

    private static String toolConfig(String name) {
        return "{\"tool_name\":\"" + name + "\",\"tool_provider\":\"builtin\",\"tool_provider_type\":\"builtin\","
                + "\"tool_parameters\":{},\"tool_icon\":\"\"}";
    }

    private static MessageBuilder agent() {
        return message().mode("agent-chat").prompt("[{\"role\":\"system\",\"text\":\"Use tools.\",\"files\":[]},"
                + "{\"role\":\"user\",\"text\":\"What is Weave and who makes it?\",\"files\":[]}]")
                .query("What is Weave and who makes it?");
    }

    // ---------------------------------------------------------------------------------------------

    /** §4.2: a function-calling agent used google_search, then wikipedia, then answered. */
    @Test
    void workedExampleAgentChatWithTwoToolsInTwoThoughts() {
        MessageBuilder builder = agent()
                .features(appConfig(keywordsModeration("kill", true, "No."), null))
                .thoughts(
                        thought(1, "google_search", "{\"google_search\":{\"query\":\"Weave W&B\"}}",
                                "{\"google_search\":\"Weave is a toolkit by W&B.\"}",
                                "{" + toolMeta("google_search", 1.234567, null) + "}", T1),
                        thought(2, "wikipedia", "{\"wikipedia\":{\"query\":\"Weights & Biases\"}}",
                                "{\"wikipedia\":\"Weights & Biases is an MLOps company.\"}",
                                "{" + toolMeta("wikipedia", 0.5, null) + "}", T2),
                        thought(3, "", "", "", "{}", T3));
        AssembledTrace trace = map(builder, ALL_KINDS);

        assertThat(trace.calls()).extracting(WeaveCall::id, WeaveCall::parentId, WeaveCall::opName,
                WeaveCall::displayName).containsExactly(
                        tuple(M, null, "message", "message_" + M),
                        tuple(CallIds.v5("llm:" + M), M, "llm", null),
                        tuple(toolId(1, "google_search", 0), M, "google_search", null),
                        tuple(toolId(2, "wikipedia", 0), M, "wikipedia", null),
                        tuple(CallIds.v5("moderation:" + M), M, "moderation", null));
        assertThat(trace.problems()).isEmpty();
        assertThat(json(byOp(trace, "message").attributes().path("tags"))).isEqualTo("[\"message\",\"agent-chat\"]");
        assertThat(ts(byOp(trace, "message"), false)).isEqualTo("2025-11-20T09:30:18.734512Z");

        WeaveCall search = byOp(trace, "google_search");
        assertThat(ts(search, true)).isEqualTo("2025-11-20T09:30:15.412345Z");
        assertThat(ts(search, false)).isEqualTo("2025-11-20T09:30:16.646912Z");
        assertThat(search.exception()).isNull();
        assertThat(search.sourceKey().toString()).isEqualTo("message_agent_thoughts:" + thoughtId(1));
        assertThat(json(search.attributes())).isEqualTo(json("{\"message_id\":\"" + M + "\","
                + "\"tool_name\":\"google_search\",\"tool_inputs\":{\"query\":\"Weave W&B\"},"
                + "\"tool_outputs\":\"Weave is a toolkit by W&B.\",\"tool_config\":" + toolConfig("google_search") + ","
                + "\"time_cost\":1.234567,\"error\":null,\"tool_parameters\":{},\"thought_id\":\"" + thoughtId(1) + "\","
                + "\"thought_position\":1,\"tags\":[\"tool\",\"google_search\"],"
                + "\"start_time\":\"2025-11-20T09:30:15.412345Z\",\"end_time\":\"2025-11-20T09:30:16.646912Z\","
                + "\"trace_id\":\"" + M + "\",\"backfill\":" + backfill() + "}"));
        assertThat(json(search.inputs())).isEqualTo("{\"query\":\"Weave W&B\",\"usage_metadata\":" + NO_USAGE
                + ",\"file_list\":[]}");
        assertThat(json(search.output())).isEqualTo("{\"choices\":{\"role\":\"ai\","
                + "\"content\":\"Weave is a toolkit by W&B.\",\"usage_metadata\":" + NO_USAGE + ",\"file_list\":[]}}");
        assertThat(json(search.summary())).isEqualTo("{\"status_counts\":{\"success\":1,\"error\":0},"
                + "\"weave\":{\"latency_ms\":1234}}");

        // C7: wikipedia has its own thought's timing, not google_search's and not the last thought's
        WeaveCall wiki = byOp(trace, "wikipedia");
        assertThat(ts(wiki, true)).isEqualTo("2025-11-20T09:30:17.001002Z");
        assertThat(ts(wiki, false)).isEqualTo("2025-11-20T09:30:17.501002Z");
        assertThat(json(wiki.attributes().path("tags"))).isEqualTo("[\"tool\",\"wikipedia\"]");
        assertThat(wiki.attributes().path("thought_position").asInt()).isEqualTo(2);
        assertThat(json(wiki.inputs())).isEqualTo("{\"query\":\"Weights & Biases\",\"usage_metadata\":" + NO_USAGE
                + ",\"file_list\":[]}");
        assertThat(wiki.output().path("choices").path("content").stringValue())
                .isEqualTo("Weights & Biases is an MLOps company.");
        assertThat(json(wiki.summary())).isEqualTo("{\"status_counts\":{\"success\":1,\"error\":0},"
                + "\"weave\":{\"latency_ms\":500}}");
    }

    @Test
    void severalToolsInOneThoughtAreOneCallEachKeyedByName() {
        AssembledTrace trace = tools(agent().thoughts(thought(1, "google_search;wikipedia",
                "{\"google_search\":{\"query\":\"Weave\"},\"wikipedia\":{\"query\":\"W&B\"}}",
                "{\"google_search\":\"search result\",\"wikipedia\":\"wiki result\"}",
                "{" + toolMeta("google_search", 1.0, null) + "," + toolMeta("wikipedia", 2.25, null) + "}", T1)));

        assertThat(trace.calls()).extracting(WeaveCall::id, WeaveCall::opName).containsExactly(
                tuple(toolId(1, "google_search", 0), "google_search"),
                tuple(toolId(1, "wikipedia", 1), "wikipedia"));
        WeaveCall search = trace.calls().get(0);
        WeaveCall wiki = trace.calls().get(1);
        assertThat(ts(search, true)).isEqualTo("2025-11-20T09:30:15.412345Z");
        assertThat(ts(search, false)).isEqualTo("2025-11-20T09:30:16.412345Z");
        assertThat(ts(wiki, true)).isEqualTo("2025-11-20T09:30:15.412345Z");
        assertThat(ts(wiki, false)).isEqualTo("2025-11-20T09:30:17.662345Z");
        assertThat(json(search.inputs())).isEqualTo("{\"query\":\"Weave\",\"usage_metadata\":" + NO_USAGE
                + ",\"file_list\":[]}");
        assertThat(json(wiki.inputs())).isEqualTo("{\"query\":\"W&B\",\"usage_metadata\":" + NO_USAGE
                + ",\"file_list\":[]}");
        assertThat(search.output().path("choices").path("content").stringValue()).isEqualTo("search result");
        assertThat(wiki.output().path("choices").path("content").stringValue()).isEqualTo("wiki result");
        assertThat(json(wiki.attributes().path("tool_config"))).isEqualTo(toolConfig("wikipedia"));
        assertThat(wiki.attributes().path("time_cost").doubleValue()).isEqualTo(2.25);
        assertThat(trace.problems()).isEmpty();
    }

    @Test
    void theSameToolNamedTwiceInOneThoughtGivesTwoDistinctCalls() {
        AssembledTrace trace = tools(agent().thoughts(thought(1, "google_search;google_search",
                "{\"google_search\":{\"query\":\"Weave\"}}", "{\"google_search\":\"result\"}",
                "{" + toolMeta("google_search", 1.0, null) + "}", T1)));

        assertThat(trace.calls()).extracting(WeaveCall::id).containsExactly(toolId(1, "google_search", 0),
                toolId(1, "google_search", 1));
    }

    @Test
    void theSameToolInTwoThoughtsIsTwoCallsEachWithItsOwnTiming() {
        AssembledTrace trace = tools(agent().thoughts(
                thought(1, "google_search", "{\"google_search\":{\"query\":\"Weave\"}}",
                        "{\"google_search\":\"first result\"}", "{" + toolMeta("google_search", 0.25, null) + "}", T1),
                thought(2, "google_search", "{\"google_search\":{\"query\":\"Weave pricing\"}}",
                        "{\"google_search\":\"second result\"}", "{" + toolMeta("google_search", 3.0, null) + "}", T2)));

        assertThat(trace.calls()).extracting(WeaveCall::id).containsExactly(toolId(1, "google_search", 0),
                toolId(2, "google_search", 0)).doesNotHaveDuplicates();
        WeaveCall first = trace.calls().get(0);
        WeaveCall second = trace.calls().get(1);
        assertThat(ts(first, true)).isEqualTo("2025-11-20T09:30:15.412345Z");
        assertThat(ts(first, false)).isEqualTo("2025-11-20T09:30:15.662345Z");
        assertThat(ts(second, true)).isEqualTo("2025-11-20T09:30:17.001002Z");
        assertThat(ts(second, false)).isEqualTo("2025-11-20T09:30:20.001002Z");
        assertThat(first.inputs().path("query").stringValue()).isEqualTo("Weave");
        assertThat(second.inputs().path("query").stringValue()).isEqualTo("Weave pricing");
        assertThat(first.output().path("choices").path("content").stringValue()).isEqualTo("first result");
        assertThat(second.output().path("choices").path("content").stringValue()).isEqualTo("second result");
        assertThat(first.sourceKey().toString()).isEqualTo("message_agent_thoughts:" + thoughtId(1));
        assertThat(second.sourceKey().toString()).isEqualTo("message_agent_thoughts:" + thoughtId(2));
        assertThat(first.attributes().path("time_cost").doubleValue()).isEqualTo(0.25);
        assertThat(second.attributes().path("time_cost").doubleValue()).isEqualTo(3.0);
    }

    @Test
    void toolUseWithAnErrorInItsMetaEndsWithThatException() {
        AssembledTrace trace = tools(agent().thoughts(thought(1, "google_search",
                "{\"google_search\":{\"query\":\"Weave\"}}",
                "{\"google_search\":\"tool invoke error: HTTP 503 from search provider\"}",
                "{" + toolMeta("google_search", 0.75, "HTTP 503 from search provider") + "}", T1)));
        WeaveCall call = trace.calls().get(0);

        assertThat(trace.calls()).hasSize(1);
        assertThat(call.exception()).isEqualTo("HTTP 503 from search provider");
        assertThat(json(call.summary())).isEqualTo("{\"status_counts\":{\"success\":0,\"error\":1},"
                + "\"weave\":{\"latency_ms\":750}}");
        assertThat(call.attributes().path("error").stringValue()).isEqualTo("HTTP 503 from search provider");
        assertThat(ts(call, false)).isEqualTo("2025-11-20T09:30:16.162345Z");
        assertThat(call.output().path("choices").path("content").stringValue())
                .isEqualTo("tool invoke error: HTTP 503 from search provider");
    }

    @Test
    void metaWithANullOrEmptyErrorIsASuccess() {
        AssembledTrace trace = tools(agent().thoughts(
                thought(1, "google_search", "{}", "{}", "{" + toolMeta("google_search", 0.1, null) + "}", T1),
                thought(2, "wikipedia", "{}", "{}", "{" + toolMeta("wikipedia", 0.1, "") + "}", T2)));

        assertThat(trace.calls()).extracting(WeaveCall::exception).containsExactly(null, null);
        assertThat(trace.calls().get(0).attributes().get("error").isNull()).isTrue();
        assertThat(trace.calls().get(1).attributes().get("error").isNull()).isTrue();
    }

    @Test
    void aFalseErrorIsASuccessAndATrueOneAnError() {
        AssembledTrace trace = tools(agent().thoughts(
                thought(1, "google_search", "{}", "{}", "{\"google_search\":{\"time_cost\":0.1,\"error\":false}}", T1),
                thought(2, "wikipedia", "{}", "{}", "{\"wikipedia\":{\"time_cost\":0.1,\"error\":true}}", T2)));

        assertThat(trace.calls()).extracting(WeaveCall::exception).containsExactly(null, "true");
    }

    @Test
    void emptyNamesBetweenSeparatorsAreNoTools() {
        AssembledTrace trace = tools(agent().thoughts(thought(1, "google_search;; ;wikipedia", "{}", "{}", "{}", T1)));

        assertThat(trace.calls()).extracting(WeaveCall::opName).containsExactly("google_search", "wikipedia");
    }

    @Test
    void thoughtsWithoutToolMakeNoCall() {
        AssembledTrace trace = tools(agent().thoughts(
                thought(1, "", "", "", "{}", T1),
                thought(2, null, null, null, "{}", T2),
                thought(3, ";", "{}", "{}", "{}", T3)));

        assertThat(trace.calls()).isEmpty();
        assertThat(trace.problems()).isEmpty();
    }

    @Test
    void malformedJsonIsRecordedAndTheCallStillEmitted() {
        String input = "{\"google_search\": {\"query\": \"Wea";
        String observation = "Weave is a toolkit (plain text, not JSON)";
        AssembledTrace trace = tools(agent().thoughts(thought(1, "google_search", input, observation,
                "{\"google_search\": {\"time_cost\": 1.0,", T1)));

        assertThat(trace.calls()).extracting(WeaveCall::id).containsExactly(toolId(1, "google_search", 0));
        assertThat(problems(trace)).containsExactlyInAnyOrder(
                "message_agent_thoughts:" + thoughtId(1) + ":tool_input",
                "message_agent_thoughts:" + thoughtId(1) + ":observation",
                "message_agent_thoughts:" + thoughtId(1) + ":tool_meta_str");
        assertThat(trace.problems()).allSatisfy(p -> assertThat(p.reason()).startsWith("malformed JSON"));
        WeaveCall call = trace.calls().get(0);
        // the raw text is what the call carries
        assertThat(json(call.inputs())).isEqualTo("{\"messages\":{\"role\":\"user\",\"content\":"
                + json(dev.difyweave.backfill.call.Json.NODES.stringNode(input)) + ",\"usage_metadata\":" + NO_USAGE
                + ",\"file_list\":[]}}");
        assertThat(call.output().path("choices").path("content").stringValue()).isEqualTo(observation);
        // no usable meta: no time cost, the end is the start and is marked approximated
        assertThat(call.endedAt()).isEqualTo(call.startedAt());
        assertThat(json(call.attributes().path("backfill"))).isEqualTo(json(backfill("ended_at")));
        assertThat(call.attributes().path("time_cost").asInt()).isZero();
        assertThat(call.exception()).isNull();
    }

    @Test
    void malformedJsonOfAThoughtWithSeveralToolsStillGivesEveryCall() {
        AssembledTrace trace = tools(agent().thoughts(thought(1, "google_search;wikipedia", "{oops", "{oops",
                "{oops", T1)));

        assertThat(trace.calls()).extracting(WeaveCall::opName).containsExactly("google_search", "wikipedia");
        assertThat(trace.problems()).hasSize(3).allSatisfy(p -> {
            assertThat(p.table()).isEqualTo("message_agent_thoughts");
            assertThat(p.key()).isEqualTo(thoughtId(1).toString());
        });
        assertThat(trace.calls()).allSatisfy(call -> assertThat(json(call.inputs())).isEqualTo("{}"));
    }

    @Test
    void singleToolThoughtWithBareArgumentsUsesTheWholeObject() {
        AssembledTrace trace = tools(agent().thoughts(thought(1, "google_search", "{\"query\":\"Weave\",\"num\":3}",
                "{\"google_search\":\"result\"}", "{" + toolMeta("google_search", 1.0, null) + "}", T1)));
        WeaveCall call = trace.calls().get(0);

        assertThat(json(call.inputs())).isEqualTo("{\"query\":\"Weave\",\"num\":3,\"usage_metadata\":" + NO_USAGE
                + ",\"file_list\":[]}");
        assertThat(json(call.attributes().path("tool_inputs"))).isEqualTo("{\"query\":\"Weave\",\"num\":3}");
        assertThat(call.output().path("choices").path("content").stringValue()).isEqualTo("result");
        assertThat(trace.problems()).isEmpty();
    }

    @Test
    void toolCallsCarryTheFirstMessageFile() {
        AssembledTrace trace = tools(agent()
                .files(remoteFile(1, "files/tools/chart.png"), remoteFile(2, "files/tools/other.png"))
                .thoughts(thought(1, "chart", "{\"chart\":{\"data\":\"1,2\"}}", "{\"chart\":\"done\"}",
                        "{" + toolMeta("chart", 0.2, null) + "}", T1)));
        WeaveCall call = trace.calls().get(0);

        assertThat(json(call.inputs().path("file_list"))).isEqualTo("[\"" + FILES_URL + "/files/tools/chart.png\"]");
        assertThat(json(call.output().path("choices").path("file_list")))
                .isEqualTo("[\"" + FILES_URL + "/files/tools/chart.png\"]");
        assertThat(call.attributes().path("message_file_id").stringValue()).isEqualTo(fileId(1).toString());
        assertThat(call.attributes().path("type").stringValue()).isEqualTo("image");
    }

    @Test
    void kindsWithoutToolMakeNoToolCall() {
        AssembledTrace trace = map(agent().thoughts(thought(1, "google_search", "{}", "{}",
                "{" + toolMeta("google_search", 1.0, null) + "}", T1)), Set.of(TraceKind.MESSAGE, TraceKind.MODERATION));

        assertThat(trace.calls()).extracting(WeaveCall::opName).containsExactly("message", "llm");
    }

    @Test
    void idsAreStableAcrossMappingsAndDistinctPerThoughtNameAndPosition() {
        MessageBuilder builder = agent().thoughts(
                thought(1, "google_search;wikipedia", "{}", "{}", "{}", T1),
                thought(2, "google_search", "{}", "{}", "{}", T2));
        List<String> first = tools(builder).calls().stream().map(WeaveCall::id).toList();
        List<String> second = tools(builder).calls().stream().map(WeaveCall::id).toList();

        assertThat(first).containsExactly(toolId(1, "google_search", 0), toolId(1, "wikipedia", 1),
                toolId(2, "google_search", 0)).doesNotHaveDuplicates();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void duplicatedThoughtPositionsStillGiveOneCallPerThoughtWithDistinctIds() {
        // two rows claim position 1 (seen in real databases after retries): both are tool uses, neither is lost
        AgentThoughtRow first = thought(1, "google_search", "{}", "{}", "{" + toolMeta("google_search", 0.5, null) + "}", T1);
        AgentThoughtRow twin = new AgentThoughtRow(thoughtId(9), first.messageId(), 1, "google_search", "{}", "{}",
                "{" + toolMeta("google_search", 0.7, null) + "}", T2);

        List<WeaveCall> calls = tools(agent().thoughts(first, twin)).calls();

        assertThat(calls).extracting(WeaveCall::id).containsExactly(toolId(1, "google_search", 0),
                toolId(9, "google_search", 0)).doesNotHaveDuplicates();
        assertThat(calls).extracting(WeaveCall::startedAt).doesNotHaveDuplicates();
    }
}
