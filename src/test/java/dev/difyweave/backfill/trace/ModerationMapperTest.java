package dev.difyweave.backfill.trace;

import static dev.difyweave.backfill.trace.MessageRows.FILES_URL;
import static dev.difyweave.backfill.trace.MessageRows.M;
import static dev.difyweave.backfill.trace.MessageRows.NO_USAGE;
import static dev.difyweave.backfill.trace.MessageRows.PROVENANCE;
import static dev.difyweave.backfill.trace.MessageRows.WORKFLOW_ID;
import static dev.difyweave.backfill.trace.MessageRows.appConfig;
import static dev.difyweave.backfill.trace.MessageRows.backfill;
import static dev.difyweave.backfill.trace.MessageRows.byOp;
import static dev.difyweave.backfill.trace.MessageRows.json;
import static dev.difyweave.backfill.trace.MessageRows.keywordsModeration;
import static dev.difyweave.backfill.trace.MessageRows.message;
import static dev.difyweave.backfill.trace.MessageRows.problems;
import static dev.difyweave.backfill.trace.MessageRows.run;
import static dev.difyweave.backfill.trace.MessageTraceMapperTest.ALL_KINDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.source.AppFeatures;
import dev.difyweave.backfill.trace.MessageRows.MessageBuilder;
import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.call.WeaveCall;
import dev.difyweave.backfill.call.WeaveJson;

/** C9: moderation, inferred from the app's sensitive_word_avoidance setting (docs/reference/dify-source.md §2.3, §3.3 (d)). */
class ModerationMapperTest {

    private static final String PRESET = "Sorry, I cannot talk about that.";

    private final MessageTraceMapper mapper = new MessageTraceMapper(PROVENANCE, FILES_URL);

    private AssembledTrace map(MessageBuilder builder, Set<TraceKind> kinds) {
        AssembledTrace trace = MessageTraceMapperTest.map(mapper, builder, kinds);
        for (WeaveCall call : trace.calls()) {
            if (call.opName().equals("moderation")) {
                assertThat(call.id()).isEqualTo(CallIds.v5("moderation:" + M));
                assertThat(call.parentId()).isEqualTo(M);
                assertThat(call.displayName()).isNull();
                assertThat(call.exception()).isNull();
                // not persisted: start = end = messages.created_at
                assertThat(WeaveJson.timestamp(call.startedAt())).isEqualTo("2025-11-20T09:30:15.000000Z");
                assertThat(call.endedAt()).isEqualTo(call.startedAt());
                assertThat(json(call.attributes().path("tags"))).isEqualTo("[\"moderation\"]");
                assertThat(json(call.summary())).isEqualTo("{\"status_counts\":{\"success\":1,\"error\":0},"
                        + "\"weave\":{\"latency_ms\":0}}");
            }
        }
        return trace;
    }

    private WeaveCall moderation(MessageBuilder builder) {
        AssembledTrace trace = map(builder, Set.of(TraceKind.MODERATION));
        assertThat(trace.calls()).hasSize(1);
        return trace.calls().get(0);
    }

    private static MessageBuilder withKeywords(String keywords) {
        return message().features(appConfig(keywordsModeration(keywords, true, PRESET), null));
    }

    private static Boolean flagged(WeaveCall call) {
        return call.output().get("flagged").isNull() ? null : call.output().get("flagged").booleanValue();
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void keywordsModerationCallHasTheLiveShape() {
        AssembledTrace trace = map(withKeywords("kill\nWEAVE"), ALL_KINDS);

        assertThat(trace.calls()).extracting(WeaveCall::opName).containsExactly("message", "llm", "moderation");
        assertThat(trace.problems()).isEmpty();
        WeaveCall call = byOp(trace, "moderation");
        assertThat(json(call.inputs())).isEqualTo("{\"name\":\"Ada\",\"query__\":\"What is Weave?\","
                + "\"usage_metadata\":" + NO_USAGE + ",\"file_list\":[]}");
        assertThat(json(call.output())).isEqualTo("{\"action\":\"direct_output\",\"flagged\":true,"
                + "\"preset_response\":\"" + PRESET + "\",\"inputs\":{\"name\":\"Ada\",\"query__\":\"What is Weave?\"},"
                + "\"usage_metadata\":" + NO_USAGE + ",\"file_list\":[]}");
        assertThat(json(call.attributes())).isEqualTo(json("{\"message_id\":\"" + M + "\","
                + "\"action\":\"direct_output\",\"preset_response\":\"" + PRESET + "\",\"query\":\"\","
                + "\"moderation_type\":\"keywords\",\"tags\":[\"moderation\"],"
                + "\"start_time\":\"2025-11-20T09:30:15.000000Z\",\"end_time\":\"2025-11-20T09:30:15.000000Z\","
                + "\"trace_id\":\"" + M + "\",\"backfill\":"
                + backfill("started_at", "ended_at", "inputs", "output.flagged") + "}"));
        assertThat(call.sourceKey().toString()).isEqualTo("messages:" + M);
    }

    static Stream<Arguments> disabledSettings() {
        return Stream.of(
                Arguments.of((AppFeatures) null),
                Arguments.of(appConfig(null, null)),
                Arguments.of(appConfig("{}", null)),
                Arguments.of(appConfig("{\"enabled\":false,\"type\":\"keywords\",\"config\":{\"keywords\":\"weave\","
                        + "\"inputs_config\":{\"enabled\":true,\"preset_response\":\"x\"}}}", null)),
                Arguments.of(appConfig("{\"type\":\"keywords\",\"config\":{\"keywords\":\"weave\"}}", null)),
                Arguments.of(AppFeatures.ofWorkflow(WORKFLOW_ID.toString(), "{\"sensitive_word_avoidance\":"
                        + "{\"enabled\":false}}")));
    }

    @ParameterizedTest
    @MethodSource("disabledSettings")
    void noCallUnlessSensitiveWordAvoidanceIsEnabled(AppFeatures features) {
        AssembledTrace trace = map(message().features(features), ALL_KINDS);

        assertThat(trace.calls()).extracting(WeaveCall::opName).containsExactly("message", "llm");
        assertThat(trace.problems()).isEmpty();
    }

    static Stream<Arguments> keywordCases() {
        return Stream.of(
                // a keyword is a case-insensitive substring of the query (query__)
                Arguments.of("kill\nWEAVE", "{\"name\":\"Ada\"}", "What is Weave?", true),
                // ... or of an input value
                Arguments.of("lovelace", "{\"name\":\"Ada LOVELACE\"}", "Hello", true),
                // non-string values are compared as Python's str(value)
                Arguments.of("42", "{\"age\":42}", "Hello", true),
                Arguments.of("true", "{\"member\":true}", "Hello", true),
                // keys are not checked, only values
                Arguments.of("name", "{\"name\":\"Ada\"}", "Hello", false),
                Arguments.of("kill\nbomb", "{\"name\":\"Ada\"}", "What is Weave?", false),
                // empty lines are dropped, so they match nothing
                Arguments.of("\n\nkill\n", "{\"name\":\"Ada\"}", "What is Weave?", false));
    }

    @ParameterizedTest
    @MethodSource("keywordCases")
    void keywordsTypeRecomputesFlagged(String keywords, String inputs, String query, boolean expected) {
        WeaveCall call = moderation(withKeywords(keywords).inputs(inputs).query(query));

        assertThat(flagged(call)).isEqualTo(expected);
        assertThat(call.output().path("action").stringValue()).isEqualTo("direct_output");
        assertThat(call.output().path("inputs").path("query__").stringValue()).isEqualTo(query);
    }

    @Test
    void keywordsAreNotTrimmedAsInDify() {
        // Dify: [k for k in keywords.split("\n") if k] -- "cat " with its space is not in "category"
        assertThat(flagged(moderation(withKeywords("cat ").query("category theory")))).isFalse();
        assertThat(flagged(moderation(withKeywords("cat ").query("a cat sat")))).isTrue();
    }

    @Test
    void emptyQueryAddsNoQueryKey() {
        WeaveCall call = moderation(withKeywords("weave").query(""));

        assertThat(json(call.output().path("inputs"))).isEqualTo("{\"name\":\"Ada\"}");
        assertThat(flagged(call)).isFalse();
    }

    @Test
    void inputModerationOffChecksNothing() {
        // Dify's KeywordsModeration only looks at the inputs when inputs_config.enabled
        WeaveCall call = moderation(message().query("What is Weave?").inputs("{\"topic\":\"Weave\"}")
                .features(appConfig(keywordsModeration("weave", false, PRESET), null)));

        assertThat(flagged(call)).isFalse();
        assertThat(json(call.output().path("inputs"))).isEqualTo("{\"topic\":\"Weave\"}");
        assertThat(call.output().path("preset_response").stringValue()).isEmpty();
        assertThat(call.attributes().path("preset_response").stringValue()).isEmpty();
    }

    @Test
    void openAiModerationHasNoFlaggedValueAndDirectOutput() {
        WeaveCall call = moderation(message().features(appConfig("{\"enabled\":true,\"type\":\"openai_moderation\","
                + "\"config\":{\"inputs_config\":{\"enabled\":true,\"preset_response\":\"" + PRESET + "\"},"
                + "\"outputs_config\":{\"enabled\":false}}}", null)));

        assertThat(json(call.output())).isEqualTo("{\"action\":\"direct_output\",\"flagged\":null,"
                + "\"preset_response\":\"" + PRESET + "\",\"inputs\":{\"name\":\"Ada\",\"query__\":\"What is Weave?\"},"
                + "\"usage_metadata\":" + NO_USAGE + ",\"file_list\":[]}");
        assertThat(call.attributes().path("moderation_type").stringValue()).isEqualTo("openai_moderation");
        assertThat(json(call.attributes().path("backfill")))
                .isEqualTo(json(backfill("started_at", "ended_at", "inputs", "output.flagged")));
    }

    @Test
    void apiModerationHasNeitherFlaggedNorAction() {
        WeaveCall call = moderation(message().features(appConfig("{\"enabled\":true,\"type\":\"api\","
                + "\"config\":{\"api_based_extension_id\":\"x\",\"inputs_config\":{\"enabled\":true,"
                + "\"preset_response\":\"\"}}}", null)));

        assertThat(call.output().get("flagged").isNull()).isTrue();
        assertThat(call.output().get("action").isNull()).isTrue();
        // the API extension gets the query separately: no query__ in the inputs
        assertThat(json(call.output().path("inputs"))).isEqualTo("{\"name\":\"Ada\"}");
        assertThat(json(call.attributes().path("backfill")))
                .isEqualTo(json(backfill("started_at", "ended_at", "inputs", "output.flagged", "output.action")));
    }

    @Test
    void messageWithoutInputsAndQuerySendsEmptyInputsUnchanged() {
        WeaveCall call = moderation(withKeywords("weave").inputs("{}").query(""));

        assertThat(json(call.inputs())).isEqualTo("{}");
        assertThat(json(call.output().path("inputs"))).isEqualTo("{}");
    }

    @Test
    void malformedSettingsAreRecordedAndMakeNoCall() {
        AssembledTrace trace = map(message().features(appConfig("{\"enabled\":tru", null)), Set.of(TraceKind.MODERATION));

        assertThat(trace.calls()).isEmpty();
        assertThat(problems(trace)).containsExactly("app_model_configs:" + MessageRows.APP_CONFIG_ID
                + ":sensitive_word_avoidance");
    }

    /** The mapper parses an app config once; a malformed one is still recorded in every message's trace. */
    @Test
    void eachMessageOfAConfigGetsItsSettingsAndItsProblems() {
        for (int i = 0; i < 3; i++) {
            AssembledTrace malformed = map(message().features(appConfig("{\"enabled\":tru", null)),
                    Set.of(TraceKind.MODERATION));
            assertThat(problems(malformed)).as("message %d", i).containsExactly("app_model_configs:"
                    + MessageRows.APP_CONFIG_ID + ":sensitive_word_avoidance");
            assertThat(flagged(moderation(withKeywords("weave").query("tell me about weave")))).as("message %d", i).isTrue();
            assertThat(flagged(moderation(withKeywords("other").query("tell me about weave")))).as("message %d", i).isFalse();
        }

        FeatureSettings.Known known = new FeatureSettings.Known();
        SourceProblems problems = new SourceProblems();
        FeatureSettings first = known.of(appConfig(keywordsModeration("weave", true, PRESET), null), problems);
        assertThat(known.of(appConfig(keywordsModeration("weave", true, PRESET), null), problems)).isSameAs(first);
        assertThat(known.of(appConfig("{\"enabled\":tru", null), problems))
                .isNotSameAs(known.of(appConfig("{\"enabled\":tru", null), problems));
        assertThat(problems.list()).hasSize(2);
    }

    @Test
    void chatflowModerationComesFromTheWorkflowFeatures() {
        String features = "{\"opening_statement\":\"\",\"suggested_questions\":[],"
                + "\"suggested_questions_after_answer\":{\"enabled\":false},\"sensitive_word_avoidance\":"
                + keywordsModeration("weave", true, PRESET) + ",\"retriever_resource\":{\"enabled\":true}}";
        AssembledTrace trace = map(message().chatflow(run().build())
                .features(AppFeatures.ofWorkflow(WORKFLOW_ID.toString(), features)), ALL_KINDS);

        WeaveCall call = byOp(trace, "moderation");
        assertThat(call.parentId()).isEqualTo(M);
        assertThat(call.traceId()).isEqualTo(M);
        assertThat(flagged(call)).isTrue();
        assertThat(trace.notes()).isEmpty();
        assertThat(trace.problems()).isEmpty();
    }

    @Test
    void malformedWorkflowFeaturesAreRecorded() {
        AssembledTrace trace = map(message().chatflow(run().build())
                .features(AppFeatures.ofWorkflow(WORKFLOW_ID.toString(), "{\"sensitive_word_avoidance\":")),
                Set.of(TraceKind.MODERATION));

        assertThat(trace.calls()).isEmpty();
        assertThat(problems(trace)).containsExactly("workflows:" + WORKFLOW_ID + ":features");
    }
}
