package dev.difyweave.backfill.trace;

import static dev.difyweave.backfill.trace.MessageRows.ACCOUNT_ID;
import static dev.difyweave.backfill.trace.MessageRows.ANSWER;
import static dev.difyweave.backfill.trace.MessageRows.APP_ID;
import static dev.difyweave.backfill.trace.MessageRows.CONVERSATION_ID;
import static dev.difyweave.backfill.trace.MessageRows.CREATED;
import static dev.difyweave.backfill.trace.MessageRows.END_USER_ID;
import static dev.difyweave.backfill.trace.MessageRows.FILES_URL;
import static dev.difyweave.backfill.trace.MessageRows.M;
import static dev.difyweave.backfill.trace.MessageRows.PROVENANCE;
import static dev.difyweave.backfill.trace.MessageRows.SESSION_ID;
import static dev.difyweave.backfill.trace.MessageRows.TENANT_ID;
import static dev.difyweave.backfill.trace.MessageRows.appConfig;
import static dev.difyweave.backfill.trace.MessageRows.backfill;
import static dev.difyweave.backfill.trace.MessageRows.byOp;
import static dev.difyweave.backfill.trace.MessageRows.json;
import static dev.difyweave.backfill.trace.MessageRows.keywordsModeration;
import static dev.difyweave.backfill.trace.MessageRows.localFile;
import static dev.difyweave.backfill.trace.MessageRows.message;
import static dev.difyweave.backfill.trace.MessageRows.problems;
import static dev.difyweave.backfill.trace.MessageRows.remoteFile;
import static dev.difyweave.backfill.trace.MessageRows.thought;
import static dev.difyweave.backfill.trace.MessageRows.thoughtId;
import static dev.difyweave.backfill.trace.MessageRows.toolMeta;
import static dev.difyweave.backfill.trace.MessageRows.usageMetadata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.difyweave.backfill.source.MessageTraceSource;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.trace.MessageRows.MessageBuilder;
import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.call.WeaveCall;
import dev.difyweave.backfill.call.WeaveJson;

/** The message root and its llm child (docs/reference/dify-source.md §2.2, §3.3 (c); C1, C3, C5, C8, C15). */
class MessageTraceMapperTest {

    static final Set<TraceKind> ALL_KINDS = Set.of(TraceKind.WORKFLOW, TraceKind.MESSAGE, TraceKind.TOOL, TraceKind.DATASET_RETRIEVAL, TraceKind.MODERATION,
            TraceKind.GENERATE_NAME);
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Instant EARLIEST = Instant.parse("2025-11-20T09:30:00Z");
    private static final Instant LATEST = Instant.parse("2025-11-20T09:35:00Z");
    private static final String USAGE = usageMetadata(42L, 17L, 59L);

    private final MessageTraceMapper mapper = new MessageTraceMapper(PROVENANCE, FILES_URL);

    /** Maps and checks what must hold for every call of every message trace. */
    static AssembledTrace map(MessageTraceMapper mapper, MessageBuilder builder, Set<TraceKind> kinds) {
        MessageTraceSource source = builder.build();
        AssembledTrace trace = mapper.map(source, kinds);
        assertThat(trace.kind()).isEqualTo(TraceKind.MESSAGE);
        assertThat(trace.sourceKey().toString()).isEqualTo("messages:" + M);
        assertThat(trace.appId()).isNotNull().isEqualTo(source.message().appId());
        CallIdentity.assertKindsMatchTags(trace);
        assertThat(trace.assemblyFailed()).isFalse();
        for (WeaveCall call : trace.calls()) {
            assertThat(call.id()).matches(UUID_PATTERN);
            assertThat(call.traceId()).isEqualTo(M);
            assertThat(call.attributes().path("trace_id").stringValue()).isEqualTo(M);
            assertThat(call.startedAt()).isBetween(EARLIEST, LATEST);
            assertThat(call.endedAt()).isBetween(EARLIEST, LATEST);
            assertThat(call.endedAt()).isAfterOrEqualTo(call.startedAt());
            assertThat(call.attributes().path("start_time").stringValue())
                    .isEqualTo(WeaveJson.timestamp(call.startedAt()));
            assertThat(call.attributes().path("end_time").stringValue()).isEqualTo(WeaveJson.timestamp(call.endedAt()));
            assertThat(call.attributes().path("backfill").path("source").stringValue()).isEqualTo("dify-weave-backfill");
            assertThat(call.attributes().path("backfill").path("approximated").isArray()).isTrue();
            assertThat(call.summary().path("status_counts").path("error").asInt())
                    .isEqualTo(call.exception() == null ? 0 : 1);
            if (call.parentId() != null) {
                assertThat(call.parentId()).isEqualTo(M);
            }
        }
        return trace;
    }

    private AssembledTrace map(MessageBuilder builder) {
        return map(mapper, builder, ALL_KINDS);
    }

    private AssembledTrace map(MessageBuilder builder, TraceKind... kinds) {
        return map(mapper, builder, Set.of(kinds));
    }

    private static String expectedAttributes(String tags, String userId, String endUserId, String end,
            String approximated) {
        return "{\"conversation_id\":\"" + CONVERSATION_ID + "\",\"ls_provider\":\"langgenius/openai/openai\","
                + "\"ls_model_name\":\"gpt-4o-mini\",\"status\":\"normal\",\"from_end_user_id\":"
                + (endUserId == null ? "null" : "\"" + END_USER_ID + "\"") + ",\"from_account_id\":"
                + (userId == null ? "null" : "\"" + userId + "\"") + ",\"agent_based\":false,\"workflow_run_id\":null,"
                + "\"from_source\":\"" + (endUserId == null ? "console" : "api") + "\",\"message_id\":\"" + M + "\","
                + "\"tenant_id\":\"" + TENANT_ID + "\",\"app_id\":\"" + APP_ID + "\",\"user_id\":"
                + (userId == null ? "null" : "\"" + userId + "\"") + ",\"app_name\":\"\",\"workspace_name\":\"\","
                + (endUserId == null ? "" : "\"end_user_id\":\"" + endUserId + "\",")
                + "\"start_time\":\"2025-11-20T09:30:15.000000Z\",\"end_time\":\"" + end + "\",\"tags\":" + tags
                + ",\"trace_id\":\"" + M + "\",\"backfill\":" + approximated + "}";
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void chatMessageIsARootMessageCallWithOneLlmChild() {
        AssembledTrace trace = map(message());

        assertThat(trace.calls()).extracting(WeaveCall::id, WeaveCall::traceId, WeaveCall::parentId,
                WeaveCall::opName, WeaveCall::displayName).containsExactly(
                        tuple(M, M, null, "message", "message_" + M),
                        tuple(CallIds.v5("llm:" + M), M, M, "llm", null));
        assertThat(UUID.fromString(trace.calls().get(1).id()).version()).isEqualTo(5);
        assertThat(trace.calls()).extracting(c -> c.sourceKey().toString()).containsOnly("messages:" + M);
        assertThat(trace.problems()).isEmpty();
        assertThat(trace.notes()).isEmpty();
    }

    @Test
    void messageCallCarriesTheLiveShapeWithUsageAndProvenance() {
        WeaveCall call = byOp(map(message()), "message");

        assertThat(WeaveJson.timestamp(call.startedAt())).isEqualTo("2025-11-20T09:30:15.000000Z");
        // updated_at is later than created_at: it is the end
        assertThat(WeaveJson.timestamp(call.endedAt())).isEqualTo("2025-11-20T09:30:18.734512Z");
        assertThat(call.exception()).isNull();
        assertThat(json(call.attributes())).isEqualTo(json(expectedAttributes("[\"message\",\"chat\"]", null,
                SESSION_ID, "2025-11-20T09:30:18.734512Z", backfill())));
        assertThat(json(call.inputs())).isEqualTo("{\"messages\":[{\"role\":\"system\","
                + "\"content\":\"You are a helpful assistant.\",\"files\":[],\"usage_metadata\":" + USAGE
                + ",\"file_list\":[]},{\"role\":\"user\",\"content\":\"What is Weave?\",\"files\":[],"
                + "\"usage_metadata\":" + USAGE + ",\"file_list\":[]}]}");
        assertThat(json(call.output())).isEqualTo("{\"choices\":{\"role\":\"ai\",\"content\":\"" + ANSWER + "\","
                + "\"usage_metadata\":" + USAGE + ",\"file_list\":[]}}");
        assertThat(json(call.summary())).isEqualTo("{\"status_counts\":{\"success\":1,\"error\":0},"
                + "\"weave\":{\"latency_ms\":3734},\"usage\":{\"gpt-4o-mini\":{\"requests\":1,\"prompt_tokens\":42,"
                + "\"completion_tokens\":17,\"total_tokens\":59}}}");
        assertThat(call.summary().path("usage").path("gpt-4o-mini").path("prompt_tokens").isIntegralNumber()).isTrue();
    }

    @Test
    void llmCallHasTheSameAttributesAndUsageButNoFiles() {
        AssembledTrace trace = map(message().files(remoteFile(1, "files/tools/chart.png")));
        WeaveCall message = byOp(trace, "message");
        WeaveCall llm = byOp(trace, "llm");

        assertThat(llm.id()).isEqualTo(CallIds.llm(M));
        assertThat(llm.startedAt()).isEqualTo(message.startedAt());
        assertThat(llm.endedAt()).isEqualTo(message.endedAt());
        assertThat(llm.displayName()).isNull();
        assertThat(llm.exception()).isNull();
        assertThat(json(llm.attributes())).isEqualTo(json(message.attributes()));
        assertThat(llm.attributes()).isNotSameAs(message.attributes());
        assertThat(json(llm.inputs())).isEqualTo("{\"messages\":[{\"role\":\"system\","
                + "\"content\":\"You are a helpful assistant.\",\"files\":[],\"usage_metadata\":" + USAGE
                + ",\"file_list\":[]},{\"role\":\"user\",\"content\":\"What is Weave?\",\"files\":[],"
                + "\"usage_metadata\":" + USAGE + ",\"file_list\":[]}]}");
        assertThat(json(llm.output())).isEqualTo("{\"choices\":{\"role\":\"ai\",\"content\":\"" + ANSWER + "\","
                + "\"usage_metadata\":" + USAGE + ",\"file_list\":[]}}");
        assertThat(json(llm.summary())).isEqualTo("{\"status_counts\":{\"success\":1,\"error\":0},"
                + "\"weave\":{\"latency_ms\":3734},\"usage\":{\"gpt-4o-mini\":{\"requests\":1,\"prompt_tokens\":42,"
                + "\"completion_tokens\":17,\"total_tokens\":59}}}");
        // the message call itself does carry the file
        assertThat(message.inputs().path("messages").get(0).path("file_list").get(0).stringValue())
                .isEqualTo(FILES_URL + "/files/tools/chart.png");
    }

    static Stream<Arguments> endTimes() {
        return Stream.of(
                // updated_at not later than created_at: created_at + provider_response_latency
                Arguments.of(CREATED, 2.5, "2025-11-20T09:30:17.500000Z", 2500L),
                Arguments.of(CREATED.minusSeconds(3), 0.1234567, "2025-11-20T09:30:15.123457Z", 123L),
                Arguments.of(CREATED, 0.0, "2025-11-20T09:30:15.000000Z", 0L),
                // updated_at later: it wins over the latency
                Arguments.of(LocalDateTime.parse("2025-11-20T09:30:16.000001"), 9.0, "2025-11-20T09:30:16.000001Z",
                        1000L));
    }

    @ParameterizedTest
    @MethodSource("endTimes")
    void messageEndIsUpdatedAtIfLaterElseCreatedAtPlusLatency(LocalDateTime updated, double latency, String end,
            long latencyMs) {
        AssembledTrace trace = map(message().times(CREATED, updated).latency(latency));

        for (WeaveCall call : trace.calls()) {
            assertThat(WeaveJson.timestamp(call.startedAt())).isEqualTo("2025-11-20T09:30:15.000000Z");
            assertThat(WeaveJson.timestamp(call.endedAt())).isEqualTo(end);
            assertThat(call.attributes().path("end_time").stringValue()).isEqualTo(end);
            assertThat(call.summary().path("weave").path("latency_ms").asLong()).isEqualTo(latencyMs);
        }
    }

    @Test
    void fileListHoldsEveryMessageFile() {
        UUID upload = UUID.fromString("0b0b0b0b-1111-4222-8333-444455556666");
        MessageBuilder builder = message().files(
                remoteFile(1, "files/tools/6f3a.png?timestamp=1&nonce=2&sign=3"),
                localFile(2, upload),
                remoteFile(3, "https://cdn.example.org/cat.jpg"),
                remoteFile(4, "/files/abc/image-preview"));
        String files = "[\"" + FILES_URL + "/files/tools/6f3a.png?timestamp=1&nonce=2&sign=3\",\"" + FILES_URL
                + "/files/" + upload + "/file-preview\",\"https://cdn.example.org/cat.jpg\",\"" + FILES_URL
                + "/files/abc/image-preview\"]";

        WeaveCall call = byOp(map(builder), "message");
        assertThat(json(call.inputs().path("messages").get(0).path("file_list"))).isEqualTo(files);
        assertThat(json(call.inputs().path("messages").get(1).path("file_list"))).isEqualTo(files);
        assertThat(json(call.output().path("choices").path("file_list"))).isEqualTo(files);

        // FILES_URL with a trailing slash gives no double slash
        MessageTraceMapper slashed = new MessageTraceMapper(PROVENANCE, "http://127.0.0.1:5001/");
        WeaveCall other = byOp(map(slashed, builder, Set.of(TraceKind.MESSAGE)), "message");
        assertThat(other.output().path("choices").path("file_list").get(0).stringValue())
                .isEqualTo("http://127.0.0.1:5001/files/tools/6f3a.png?timestamp=1&nonce=2&sign=3");
        assertThat(other.output().path("choices").path("file_list").get(1).stringValue())
                .isEqualTo("http://127.0.0.1:5001/files/" + upload + "/file-preview");
    }

    @Test
    void consoleMessageHasUserIdOfTheAccountAndNoEndUser() {
        WeaveCall call = byOp(map(message().account()), "message");

        assertThat(json(call.attributes())).isEqualTo(json(expectedAttributes("[\"message\",\"chat\"]",
                ACCOUNT_ID.toString(), null, "2025-11-20T09:30:18.734512Z", backfill())));
        assertThat(call.attributes().has("end_user_id")).isFalse();
    }

    @Test
    void endUserWithoutItsRowIsRecordedAndSentWithoutEndUserId() {
        AssembledTrace trace = map(message().endUserSession(null));
        WeaveCall call = byOp(trace, "message");

        assertThat(call.attributes().has("end_user_id")).isFalse();
        assertThat(call.attributes().get("user_id").isNull()).isTrue();
        assertThat(call.attributes().get("from_end_user_id").stringValue()).isEqualTo(END_USER_ID.toString());
        assertThat(problems(trace)).containsExactly("messages:" + M + ":from_end_user_id");
        assertThat(trace.problems().get(0).reason()).contains(END_USER_ID.toString());
    }

    @Test
    void errorMessageWithoutPromptIsSentWithItsErrorAndTheQueryAsInput() {
        AssembledTrace trace = map(message().status("error", "[openai] Rate limit exceeded").prompt("\"\"")
                .answer("").tokens(0, 0));
        WeaveCall message = byOp(trace, "message");
        WeaveCall llm = byOp(trace, "llm");
        String none = usageMetadata(0L, 0L, 0L);

        assertThat(trace.calls()).hasSize(2);
        assertThat(message.exception()).isEqualTo("[openai] Rate limit exceeded");
        assertThat(json(message.summary().path("status_counts"))).isEqualTo("{\"success\":0,\"error\":1}");
        assertThat(message.attributes().path("status").stringValue()).isEqualTo("error");
        assertThat(json(message.attributes().path("backfill"))).isEqualTo(json(backfill("inputs")));
        assertThat(json(message.inputs())).isEqualTo("{\"messages\":{\"role\":\"user\",\"content\":\"What is Weave?\","
                + "\"usage_metadata\":" + none + ",\"file_list\":[]}}");
        assertThat(json(message.output())).isEqualTo("{\"choices\":{\"role\":\"ai\",\"content\":\"\","
                + "\"usage_metadata\":" + none + ",\"file_list\":[]}}");
        // only the message carries the exception (§3.3 (c))
        assertThat(llm.exception()).isNull();
        assertThat(json(llm.summary().path("status_counts"))).isEqualTo("{\"success\":1,\"error\":0}");
        assertThat(json(llm.inputs())).isEqualTo(json(message.inputs()));
        assertThat(trace.problems()).isEmpty();
    }

    @Test
    void errorMessageWithASavedPromptKeepsThePrompt() {
        WeaveCall message = byOp(map(message().status("error", "Request timed out")), "message");

        assertThat(message.exception()).isEqualTo("Request timed out");
        assertThat(message.inputs().path("messages").isArray()).isTrue();
        assertThat(message.inputs().path("messages").get(1).path("content").stringValue()).isEqualTo("What is Weave?");
        assertThat(json(message.attributes().path("backfill"))).isEqualTo(json(backfill()));
    }

    @Test
    void normalMessageHasNoExceptionEvenWithAnEmptyErrorColumn() {
        WeaveCall message = byOp(map(message().status("normal", "")), "message");
        assertThat(message.exception()).isNull();
        assertThat(json(message.summary().path("status_counts"))).isEqualTo("{\"success\":1,\"error\":0}");
    }

    @Test
    void completionMessageHasASingleElementPromptList() {
        AssembledTrace trace = map(message().mode("completion").query("")
                .inputs("{\"text\":\"hello\",\"lang\":\"French\"}")
                .prompt("[{\"role\":\"user\",\"text\":\"Translate into French: hello\",\"files\":[]}]")
                .answer("bonjour").tokens(12, 3));
        WeaveCall message = byOp(trace, "message");
        String usage = usageMetadata(12L, 3L, 15L);

        assertThat(trace.calls()).extracting(WeaveCall::opName).containsExactly("message", "llm");
        assertThat(json(message.inputs())).isEqualTo("{\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Translate into French: hello\",\"files\":[],\"usage_metadata\":" + usage
                + ",\"file_list\":[]}]}");
        assertThat(json(message.output())).isEqualTo("{\"choices\":{\"role\":\"ai\",\"content\":\"bonjour\","
                + "\"usage_metadata\":" + usage + ",\"file_list\":[]}}");
        assertThat(json(message.attributes().path("tags"))).isEqualTo("[\"message\",\"completion\"]");
        assertThat(json(byOp(trace, "llm").attributes().path("tags"))).isEqualTo("[\"message\",\"completion\"]");
        assertThat(json(message.summary().path("usage"))).isEqualTo("{\"gpt-4o-mini\":{\"requests\":1,"
                + "\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}");
    }

    @Test
    void agentChatMessageIsTaggedWithItsConversationMode() {
        WeaveCall message = byOp(map(message().mode("agent-chat")), "message");
        assertThat(json(message.attributes().path("tags"))).isEqualTo("[\"message\",\"agent-chat\"]");
        assertThat(message.attributes().path("agent_based").booleanValue()).isTrue();
    }

    @Test
    void withoutAppRowAndConversationAMessageIsAChatMessage() {
        MessageBuilder builder = message().mode("completion").conversationMissing();
        builder.appMode = null;

        AssembledTrace trace = map(builder);

        assertThat(trace.calls()).extracting(WeaveCall::opName).containsExactly("message", "llm");
        assertThat(json(byOp(trace, "message").attributes().path("tags"))).isEqualTo("[\"message\",\"chat\"]");
    }

    @Test
    void missingConversationIsRecordedAndTheMessageStillSent() {
        AssembledTrace trace = map(message().conversationMissing());

        assertThat(problems(trace)).containsExactly("messages:" + M + ":conversation_id");
        assertThat(trace.problems().get(0).reason()).contains(CONVERSATION_ID.toString());
        assertThat(trace.calls()).extracting(WeaveCall::opName).containsExactly("message", "llm");
        // the tag falls back to the app's mode
        assertThat(json(byOp(trace, "message").attributes().path("tags"))).isEqualTo("[\"message\",\"chat\"]");
    }

    @Test
    void malformedPromptIsRecordedAndSentAsText() {
        AssembledTrace trace = map(message().prompt("[{\"role\":\"user\",\"text\":\"What"));
        WeaveCall message = byOp(trace, "message");

        assertThat(problems(trace)).containsExactly("messages:" + M + ":message");
        assertThat(message.inputs().path("messages").path("content").stringValue())
                .isEqualTo("[{\"role\":\"user\",\"text\":\"What");
    }

    @Test
    void usageWithoutModelIsKeyedUnknown() {
        WeaveCall message = byOp(map(message().model(null, null)), "message");
        assertThat(json(message.summary().path("usage"))).isEqualTo("{\"unknown\":{\"requests\":1,"
                + "\"prompt_tokens\":42,\"completion_tokens\":17,\"total_tokens\":59}}");
        assertThat(message.attributes().get("ls_model_name").isNull()).isTrue();
    }

    // ---------------------------------------------------------------------------------------------
    // kinds

    /** An agent-chat message with everything: a tool thought, retriever resources, moderation. */
    static MessageBuilder everything() {
        return message().mode("agent-chat")
                .thoughts(thought(1, "google_search", "{\"google_search\":{\"query\":\"Weave\"}}",
                        "{\"google_search\":\"Weave is a toolkit.\"}", "{" + toolMeta("google_search", 1.5, null) + "}",
                        LocalDateTime.parse("2025-11-20T09:30:15.500000")))
                .metadata("{\"retriever_resources\":[{\"position\":1,\"dataset_id\":\"" + MessageRows.DATASET_ID
                        + "\",\"document_id\":\"" + MessageRows.DOCUMENT_ID + "\",\"score\":0.9,"
                        + "\"content\":\"Weave traces LLM calls.\"}]}")
                .dataset(MessageRows.DATASET_ID, "text-embedding-3-small", "openai")
                .features(appConfig(keywordsModeration("kill", true, "No."), "{\"enabled\":true}"));
    }

    static Stream<Arguments> kindSelections() {
        return Stream.of(
                Arguments.of(Set.of(TraceKind.TOOL), List.of("google_search")),
                Arguments.of(Set.of(TraceKind.MESSAGE), List.of("message", "llm")),
                Arguments.of(Set.of(TraceKind.DATASET_RETRIEVAL), List.of("dataset_retrieval")),
                Arguments.of(Set.of(TraceKind.MODERATION), List.of("moderation")),
                Arguments.of(Set.of(TraceKind.MESSAGE, TraceKind.MODERATION), List.of("message", "llm", "moderation")),
                Arguments.of(Set.of(TraceKind.WORKFLOW, TraceKind.GENERATE_NAME), List.of()),
                Arguments.of(ALL_KINDS, List.of("message", "llm", "google_search", "dataset_retrieval", "moderation")));
    }

    @ParameterizedTest
    @MethodSource("kindSelections")
    void kindsSelectWhichCallsAreMade(Set<TraceKind> kinds, List<String> ops) {
        AssembledTrace trace = map(mapper, everything(), kinds);

        assertThat(trace.calls()).extracting(WeaveCall::opName).containsExactlyElementsOf(ops);
        assertThat(trace.problems()).isEmpty();
    }

    @Test
    void secondMappingOfTheSameRowsGivesIdenticalCalls() {
        AssembledTrace first = map(everything());
        AssembledTrace second = map(new MessageTraceMapper(PROVENANCE, FILES_URL), everything(), ALL_KINDS);

        assertThat(second.calls()).extracting(WeaveCall::id).containsExactlyElementsOf(
                first.calls().stream().map(WeaveCall::id).toList());
        assertThat(first.calls()).extracting(WeaveCall::id).doesNotHaveDuplicates().containsExactly(M,
                CallIds.v5("llm:" + M), CallIds.v5("tool:" + M + ":" + thoughtId(1) + ":google_search:0"),
                CallIds.v5("dataset_retrieval:" + M), CallIds.v5("moderation:" + M));
        for (int i = 0; i < first.calls().size(); i++) {
            WeaveCall a = first.calls().get(i);
            WeaveCall b = second.calls().get(i);
            assertThat(WeaveJson.toJson(a.attributes())).isEqualTo(WeaveJson.toJson(b.attributes()));
            assertThat(WeaveJson.toJson(a.inputs())).isEqualTo(WeaveJson.toJson(b.inputs()));
            assertThat(WeaveJson.toJson(a.output())).isEqualTo(WeaveJson.toJson(b.output()));
            assertThat(a.startedAt()).isEqualTo(b.startedAt());
            assertThat(a.endedAt()).isEqualTo(b.endedAt());
        }
    }

    @Test
    void suggestedQuestionsAreNotedButNeverEmitted() {
        AssembledTrace on = map(message().features(appConfig(null, "{\"enabled\":true}")));
        assertThat(on.notes()).containsExactly(AssembledTrace.SUGGESTED_QUESTIONS_NOT_REPRODUCIBLE);
        assertThat(on.calls()).extracting(WeaveCall::opName).containsExactly("message", "llm");

        AssembledTrace off = map(message().features(appConfig(null, "{\"enabled\":false}")));
        assertThat(off.notes()).isEmpty();
        assertThat(map(message()).notes()).isEmpty();
    }

    @Test
    void everyCallOfATraceHasProvenanceAndNoneIsAtTheBackfillTime() {
        Instant before = Instant.now().minusSeconds(60);
        for (WeaveCall call : map(everything()).calls()) {
            assertThat(call.startedAt()).isBefore(before);
            assertThat(call.endedAt()).isBefore(before);
            assertThat(json(call.attributes().path("backfill")).replaceAll(",\"approximated\":\\[.*]", ""))
                    .isEqualTo("{\"source\":\"dify-weave-backfill\",\"version\":\"0.1.0\",\"job\":\"message-backfill\",\"content\":\"keep\"}");
        }
    }
}
