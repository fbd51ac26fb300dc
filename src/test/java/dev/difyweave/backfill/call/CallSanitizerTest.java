package dev.difyweave.backfill.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.difyweave.backfill.testsupport.WeaveRequestRules;

class CallSanitizerTest {

    private static final long LIMIT = CallSanitizer.DEFAULT_MAX_CALL_BYTES;
    private static final String MARKER = "[truncated by dify-weave-backfill";

    private final CallSanitizer sanitizer = new CallSanitizer(LIMIT);

    private static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    private static ObjectNode object(String text) {
        return (ObjectNode) json(text);
    }

    private static WeaveCall call(ObjectNode attributes, JsonNode inputs, JsonNode output) {
        ObjectNode summary = object("{\"status_counts\":{\"success\":1,\"error\":0},\"weave\":{\"latency_ms\":5}}");
        return new WeaveCall("0b7e7d43-6b8e-4f5e-9a51-3c1f0d2a9e11", "0b7e7d43-6b8e-4f5e-9a51-3c1f0d2a9e11", null,
                "workflow", "workflow_0b7e7d43-6b8e-4f5e-9a51-3c1f0d2a9e11",
                Instant.parse("2025-11-20T08:15:02.123456Z"), Instant.parse("2025-11-20T08:15:04.000001Z"),
                attributes, inputs, output, null, summary, TraceKind.WORKFLOW,
                RootKind.WORKFLOW_RUNS.key(UUID.fromString("0b7e7d43-6b8e-4f5e-9a51-3c1f0d2a9e11")));
    }

    private static ObjectNode attributesWithProvenance() {
        return object("{\"tags\":[\"dify_workflow\"],\"backfill\":{\"source\":\"dify-weave-backfill\","
                + "\"version\":\"0.1.0\",\"job\":\"j\",\"approximated\":[]}}");
    }

    private static String str(JsonNode node) {
        return WeaveJson.toJson(node);
    }

    private static WeaveCall call(String displayName, String exception, JsonNode inputs, JsonNode output) {
        WeaveCall base = call(attributesWithProvenance(), inputs, output);
        return base.withValues(base.opName(), displayName, base.attributes(), inputs, output, exception, base.summary());
    }

    private static String listed(WeaveCall call, String list) {
        return str(call.attributes().path("backfill").path(list));
    }

    /** Nesting of the v1 request body the call's items are sent in: {"batch":[start, end]}. */
    private static int bodyDepth(WeaveCall call) {
        return 2 + WeaveRequestRules.nesting(call.upsertItems(CallSanitizer.SIZING_PROJECT));
    }

    private static JsonNode nested(int levels, JsonNode innermost) {
        JsonNode node = innermost;
        for (int i = 0; i < levels; i++) {
            node = i % 2 == 0 ? Json.NODES.arrayNode().add(node) : Json.NODES.objectNode().set("k", node);
        }
        return node;
    }

    /** {@code levels} times a JSON text of an array holding the previous text, around "weave:///x". */
    private static String jsonInJson(int levels) {
        String text = "weave:///x";
        for (int i = 0; i < levels; i++) {
            text = str(Json.NODES.arrayNode().add(text));
        }
        return text;
    }

    @Nested
    class WeaveRefs {

        @Test
        void refLikeStringsInInputsAndOutputAreEscapedAndListed() {
            WeaveCall call = call(attributesWithProvenance(),
                    json("{\"query\":\"weave:///entity/project/object/x:abc\",\"plain\":\"see weave:///x\","
                            + "\"docs\":[{\"url\":\"ok\"},{\"url\":\"weave:///bad\"}],"
                            + "\"nested\":{\"deep\":[[\"weave:///a\"]]}}"),
                    json("{\"choices\":{\"content\":\"weave:///out\"}}"));

            WeaveCall sanitized = sanitizer.sanitize(call);

            assertThat(str(sanitized.inputs())).isEqualTo("{\"query\":\"[escaped] weave:///entity/project/object/x:abc\","
                    + "\"plain\":\"see weave:///x\",\"docs\":[{\"url\":\"ok\"},{\"url\":\"[escaped] weave:///bad\"}],"
                    + "\"nested\":{\"deep\":[[\"[escaped] weave:///a\"]]}}");
            assertThat(str(sanitized.output())).isEqualTo("{\"choices\":{\"content\":\"[escaped] weave:///out\"}}");
            assertThat(str(sanitized.attributes().get("backfill"))).isEqualTo("{\"source\":\"dify-weave-backfill\","
                    + "\"version\":\"0.1.0\",\"job\":\"j\",\"approximated\":[],\"escaped\":[\"inputs.query\","
                    + "\"inputs.docs[1].url\",\"inputs.nested.deep[0][0]\",\"output.choices.content\"]}");
        }

        @Test
        void aTopLevelStringOutputIsEscaped() {
            WeaveCall sanitized = sanitizer.sanitize(call(attributesWithProvenance(), json("{}"), json("\"weave:///x\"")));
            assertThat(sanitized.output().stringValue()).isEqualTo(CallSanitizer.REF_ESCAPE + "weave:///x");
            assertThat(str(sanitized.attributes().path("backfill").path("escaped"))).isEqualTo("[\"output\"]");
        }

        /** Weave's converter walks the whole request, attributes included (a node's title is copied there). */
        @Test
        void attributesAreEscapedToo() {
            ObjectNode attributes = attributesWithProvenance();
            attributes.put("app_name", "weave:///entity/project/op/x:1");
            WeaveCall sanitized = sanitizer.sanitize(call(attributes, json("{\"a\":1}"), null));
            assertThat(sanitized.attributes().get("app_name").stringValue())
                    .isEqualTo("[escaped] weave:///entity/project/op/x:1");
            assertThat(str(sanitized.attributes().path("backfill").path("escaped")))
                    .isEqualTo("[\"attributes.app_name\"]");
            assertThat(attributes.get("app_name").stringValue()).as("the caller's tree is unchanged")
                    .isEqualTo("weave:///entity/project/op/x:1");
            assertThat(attributes.path("backfill").has("escaped")).isFalse();
        }

        @Test
        void keysAndOtherValuesAreLeftAlone() {
            JsonNode inputs = json("{\"weave:///key\":\"WEAVE:///upper\",\"n\":1,\"b\":true,\"z\":null}");
            WeaveCall sanitized = sanitizer.sanitize(call(attributesWithProvenance(), inputs, null));
            assertThat(str(sanitized.inputs())).isEqualTo(str(inputs));
            assertThat(sanitized.attributes().path("backfill").has("escaped")).isFalse();
        }

        @Test
        void aCallWithoutProvenanceGetsABackfillObjectForTheList() {
            WeaveCall sanitized = sanitizer.sanitize(call(object("{}"), json("{\"a\":\"weave:///x\"}"), null));
            assertThat(str(sanitized.attributes())).isEqualTo("{\"backfill\":{\"escaped\":[\"inputs.a\"]}}");
        }
    }

    @Nested
    class Surrogates {

        @Test
        void loneSurrogatesBecomeReplacementCharactersEverywhere() {
            ObjectNode attributes = attributesWithProvenance();
            attributes.put("title", "a\uD800b");
            ObjectNode inputs = Json.NODES.objectNode();
            inputs.put("high", "x\uD83Dy");
            inputs.put("low", "\uDE00end");
            inputs.put("reversed", "\uDE00\uD83D");
            inputs.put("k\uDC00ey", "v");
            inputs.putArray("list").add("\uD800");
            JsonNode output = Json.NODES.stringNode("tail\uD83D");

            WeaveCall sanitized = sanitizer.sanitize(call(attributes, inputs, output));

            assertThat(sanitized.attributes().get("title").stringValue()).isEqualTo("a\uFFFDb");
            assertThat(sanitized.inputs().get("high").stringValue()).isEqualTo("x\uFFFDy");
            assertThat(sanitized.inputs().get("low").stringValue()).isEqualTo("\uFFFDend");
            assertThat(sanitized.inputs().get("reversed").stringValue()).isEqualTo("\uFFFD\uFFFD");
            assertThat(sanitized.inputs().has("k\uFFFDey")).isTrue();
            assertThat(sanitized.inputs().get("list").get(0).stringValue()).isEqualTo("\uFFFD");
            assertThat(sanitized.output().stringValue()).isEqualTo("tail\uFFFD");
        }

        @Test
        void keyOrderIsKeptWhenAnEarlierValueIsReplaced() {
            ObjectNode inputs = Json.NODES.objectNode();
            inputs.put("first", "ok");
            inputs.put("second", "\uD800");
            inputs.put("third", "ok");
            WeaveCall sanitized = sanitizer.sanitize(call(attributesWithProvenance(), inputs, null));
            assertThat(str(sanitized.inputs())).isEqualTo("{\"first\":\"ok\",\"second\":\"\uFFFD\",\"third\":\"ok\"}");
        }

        @Test
        void validPairsAreKept() {
            JsonNode inputs = json("{\"emoji\":\"\uD83D\uDE00 \uD83D\uDC68\u200D\uD83D\uDC69\",\"cjk\":\"\u65e5\u672c\"}");
            WeaveCall original = call(attributesWithProvenance(), inputs, null);
            WeaveCall sanitized = sanitizer.sanitize(original);
            assertThat(sanitized.inputs()).isEqualTo(inputs);
            assertThat(sanitized.inputs().get("emoji").stringValue()).isEqualTo("\uD83D\uDE00 \uD83D\uDC68\u200D\uD83D\uDC69");
        }

        @Test
        void replaceLoneSurrogatesDirectly() {
            assertThat(CallSanitizer.replaceLoneSurrogates("plain")).isEqualTo("plain");
            assertThat(CallSanitizer.replaceLoneSurrogates("\uD83D\uDE00\uD83D")).isEqualTo("\uD83D\uDE00\uFFFD");
            assertThat(CallSanitizer.replaceLoneSurrogates("\uD800\uD83D\uDE00")).isEqualTo("\uFFFD\uD83D\uDE00");
        }
    }

    @Nested
    class Size {

        @Test
        void aSmallCallIsReturnedUnchanged() {
            WeaveCall original = call(attributesWithProvenance(), json("{\"query\":\"hello\",\"n\":[1,2,3]}"),
                    json("{\"answer\":\"hi\"}"));
            String before = new String(WeaveJson.upsertItems("e/p", original));

            WeaveCall sanitized = sanitizer.sanitize(original);

            assertThat(sanitized).isEqualTo(original);
            assertThat(sanitized.inputs()).isSameAs(original.inputs());
            assertThat(sanitized.output()).isSameAs(original.output());
            assertThat(new String(WeaveJson.upsertItems("e/p", sanitized))).isEqualTo(before);
            assertThat(sanitized.attributes().path("backfill").has("truncated")).isFalse();
        }

        @Test
        void aTenMegabyteStringOutputIsCutWithAVisibleMarker() {
            String big = "0123456789".repeat(1_000_000);
            WeaveCall original = call(attributesWithProvenance(), json("{\"query\":\"q\"}"),
                    object("{\"choices\":{\"role\":\"ai\"}}").put("text", big));

            WeaveCall sanitized = sanitizer.sanitize(original);

            assertThat(WeaveJson.callBytes(sanitized)).isLessThanOrEqualTo(LIMIT);
            assertThat(WeaveJson.callBytes(sanitized)).isGreaterThan(LIMIT / 2);
            String cut = sanitized.output().get("text").stringValue();
            assertThat(cut).startsWith("0123456789".repeat(1000)).contains(MARKER).endsWith("of 10000000 chars]");
            assertThat(big).startsWith(cut.substring(0, cut.indexOf("\u2026[truncated")));
            assertThat(str(sanitized.attributes().path("backfill").path("truncated"))).isEqualTo("[\"output.text\"]");
            assertThat(sanitized.attributes().path("backfill").path("source").stringValue())
                    .isEqualTo("dify-weave-backfill");
            assertThat(sanitized.inputs().get("query").stringValue()).isEqualTo("q");
            assertThat(original.output().get("text").stringValue()).hasSize(10_000_000);
        }

        @Test
        void multiByteAndEscapedStringsFitToo() {
            ObjectNode inputs = Json.NODES.objectNode();
            inputs.put("cjk", "\u65e5\u672c\u8a9e".repeat(1_200_000));
            inputs.put("escapes", "\"\n\u0001".repeat(800_000));
            inputs.putArray("list").add("\uD83D\uDE00".repeat(1_000_000));
            WeaveCall sanitized = sanitizer.sanitize(call(attributesWithProvenance(), inputs, null));

            assertThat(WeaveJson.callBytes(sanitized)).isLessThanOrEqualTo(LIMIT);
            assertThat(sanitized.attributes().path("backfill").path("truncated").toString())
                    .contains("inputs.cjk", "inputs.escapes", "inputs.list[0]");
            String emoji = sanitized.inputs().get("list").get(0).stringValue();
            assertThat(CallSanitizer.replaceLoneSurrogates(emoji)).isEqualTo(emoji);
        }

        @Test
        void aHugeArrayKeepsItsFirstElementsAndSaysHowManyWereDropped() {
            ArrayNode items = Json.NODES.arrayNode();
            for (int i = 0; i < 200_000; i++) {
                items.add(Json.NODES.objectNode().put("i", i).put("v", "item"));
            }
            ObjectNode inputs = Json.NODES.objectNode();
            inputs.set("items", items);
            WeaveCall original = call(attributesWithProvenance(), inputs, json("{\"ok\":true}"));
            assertThat(WeaveJson.callBytes(original)).isGreaterThan(LIMIT);

            WeaveCall sanitized = sanitizer.sanitize(original);

            assertThat(WeaveJson.callBytes(sanitized)).isLessThanOrEqualTo(LIMIT).isGreaterThan(LIMIT * 9 / 10);
            JsonNode kept = sanitized.inputs().get("items");
            assertThat(kept.get(0)).isEqualTo(items.get(0));
            int elements = kept.size() - 1;
            assertThat(kept.get(elements - 1)).isEqualTo(items.get(elements - 1));
            assertThat(kept.get(elements).stringValue())
                    .isEqualTo("\u2026[" + (200_000 - elements) + " of 200000 elements dropped by dify-weave-backfill]");
            assertThat(str(sanitized.attributes().path("backfill").path("truncated"))).isEqualTo("[\"inputs.items\"]");
        }

        @Test
        void aSmallOutputNextToAHugeInputIsLeftAlone() {
            ArrayNode items = Json.NODES.arrayNode();
            for (int i = 0; i < 200_000; i++) {
                items.add(Json.NODES.objectNode().put("i", i).put("v", "item"));
            }
            WeaveCall original = call(attributesWithProvenance(), Json.NODES.objectNode().set("items", items),
                    json("{\"answer\":\"42\"}"));

            WeaveCall sanitized = sanitizer.sanitize(original);

            assertThat(str(sanitized.output())).isEqualTo("{\"answer\":\"42\"}");
            assertThat(str(sanitized.attributes().path("backfill").path("truncated"))).isEqualTo("[\"inputs.items\"]");
        }

        /** Node attributes carry execution_metadata as stored (agent_log, loop_variable_map, ...). */
        @Test
        void hugeStructureInAttributesAlsoFits() {
            ObjectNode attributes = attributesWithProvenance();
            ArrayNode agentLog = attributes.putArray("agent_log");
            for (int i = 0; i < 200_000; i++) {
                agentLog.add(Json.NODES.objectNode().put("id", i).put("status", "success"));
            }
            attributes.put("node_type", "agent");
            WeaveCall original = call(attributes, json("{\"q\":\"x\"}"), json("{\"a\":\"y\"}"));
            assertThat(WeaveJson.callBytes(original)).isGreaterThan(LIMIT);

            WeaveCall sanitized = sanitizer.sanitize(original);

            assertThat(WeaveJson.callBytes(sanitized)).isLessThanOrEqualTo(LIMIT);
            assertThat(sanitized.attributes().get("node_type").stringValue()).isEqualTo("agent");
            assertThat(sanitized.attributes().path("backfill").path("source").stringValue())
                    .isEqualTo("dify-weave-backfill");
            assertThat(sanitized.attributes().path("backfill").path("truncated").toString())
                    .contains("attributes.agent_log");
        }

        @Test
        void aCallExactlyAtTheLimitIsKeptAndOneByteMoreIsCut() {
            WeaveCall original = call(attributesWithProvenance(), object("{}").put("s", "x".repeat(20_000)), null);
            long size = WeaveJson.callBytes(original);

            assertThat(new CallSanitizer(size).sanitize(original)).isEqualTo(original);

            WeaveCall cut = new CallSanitizer(size - 1).sanitize(original);
            assertThat(WeaveJson.callBytes(cut)).isLessThanOrEqualTo(size - 1);
            assertThat(cut.inputs().get("s").stringValue()).contains(MARKER);
            assertThat(str(cut.attributes().path("backfill").path("truncated"))).isEqualTo("[\"inputs.s\"]");
        }

        @Test
        void aConfiguredSmallerLimitIsHonoured() {
            CallSanitizer small = new CallSanitizer(64 * 1024);
            WeaveCall original = call(attributesWithProvenance(), object("{}").put("a", "y".repeat(100_000))
                    .put("b", "z".repeat(100_000)), json("\"" + "o".repeat(50_000) + "\""));
            WeaveCall sanitized = small.sanitize(original);
            assertThat(WeaveJson.callBytes(sanitized)).isLessThanOrEqualTo(64 * 1024);
        }

        @Test
        void escapingAndTruncationAreBothListed() {
            ObjectNode inputs = Json.NODES.objectNode();
            inputs.put("ref", "weave:///x");
            inputs.put("big", "b".repeat(4_000_000));
            WeaveCall sanitized = sanitizer.sanitize(call(attributesWithProvenance(), inputs, null));
            assertThat(WeaveJson.callBytes(sanitized)).isLessThanOrEqualTo(LIMIT);
            assertThat(str(sanitized.attributes().path("backfill").path("escaped"))).isEqualTo("[\"inputs.ref\"]");
            assertThat(str(sanitized.attributes().path("backfill").path("truncated"))).isEqualTo("[\"inputs.big\"]");
            assertThat(sanitized.inputs().get("ref").stringValue()).isEqualTo("[escaped] weave:///x");
        }

        @Test
        void markerNamesKeptAndTotalChars() {
            assertThat(CallSanitizer.marker(10, 200)).isEqualTo("\u2026[truncated by dify-weave-backfill: kept 10 of 200 chars]");
        }
    }

    /** Weave's ref converter reads every string of the request, and JSON text inside strings (C14). */
    @Nested
    class RefsEverywhere {

        @Test
        void aNodeTitleThatIsARefIsEscapedAsDisplayName() {
            WeaveCall sanitized = sanitizer.sanitize(call("weave:///my/node", null, json("{}"), null));

            assertThat(sanitized.displayName()).isEqualTo("[escaped] weave:///my/node");
            assertThat(listed(sanitized, "escaped")).isEqualTo("[\"display_name\"]");
        }

        @Test
        void anErrorMessageStartingWithARefIsEscaped() {
            WeaveCall sanitized = sanitizer.sanitize(
                    call("node", "weave-trace-internal:///p/object/x:1 could not be read", json("{}"), null));

            assertThat(sanitized.exception()).isEqualTo("[escaped] weave-trace-internal:///p/object/x:1 could not be read");
            assertThat(listed(sanitized, "escaped")).isEqualTo("[\"exception\"]");
        }

        @Test
        void summaryAndOpNameAreCheckedToo() {
            WeaveCall base = call(attributesWithProvenance(), json("{}"), null);
            ObjectNode summary = base.summary().deepCopy();
            summary.putObject("weave").put("note", "weave:///s");
            WeaveCall sanitized = sanitizer.sanitize(base.withValues("weave:///op", base.displayName(),
                    base.attributes(), base.inputs(), null, null, summary));

            assertThat(sanitized.opName()).isEqualTo("[escaped] weave:///op");
            assertThat(sanitized.summary().path("weave").path("note").stringValue()).isEqualTo("[escaped] weave:///s");
            assertThat(listed(sanitized, "escaped")).isEqualTo("[\"op_name\",\"summary.weave.note\"]");
        }

        @Test
        void aJsonAnswerHoldingARefIsEscapedWholeAndStaysReadable() {
            String answer = "{\"items\": [{\"url\": \"weave:///entity/project/object/doc:1\"}], \"n\": 1}";
            WeaveCall sanitized = sanitizer.sanitize(call("llm", null, json("{}"),
                    Json.NODES.objectNode().put("answer", answer).put("other", "fine")));

            assertThat(sanitized.output().get("answer").stringValue()).isEqualTo("[escaped] " + answer);
            assertThat(sanitized.output().get("other").stringValue()).isEqualTo("fine");
            assertThat(listed(sanitized, "escaped")).isEqualTo("[\"output.answer\"]");
        }

        @Test
        void jsonAsPythonReadsItIsRecognised() {
            ObjectNode output = Json.NODES.objectNode()
                    .put("padded", " \n[NaN, -Infinity, \"weave:///x\"]\t")
                    .put("scalar", "\"weave:///x\"")
                    .put("trailing", "[\"weave:///x\"] and more")
                    .put("cut", "[\"weave:///x\"")
                    .put("key", "{\"weave:///x\": 1}");
            WeaveCall sanitized = sanitizer.sanitize(call("llm", null, json("{}"), output));

            assertThat(listed(sanitized, "escaped")).isEqualTo("[\"output.padded\",\"output.scalar\"]");
            assertThat(sanitized.output().get("trailing")).isEqualTo(output.get("trailing"));
            assertThat(sanitized.output().get("key")).isEqualTo(output.get("key"));
        }

        @Test
        void jsonInJsonIsFollowedEightLevelsDeepAsWeaveDoes() {
            ObjectNode output = Json.NODES.objectNode().put("eight", jsonInJson(8)).put("nine", jsonInJson(9));

            WeaveCall sanitized = sanitizer.sanitize(call("llm", null, json("{}"), output));

            assertThat(sanitized.output().get("eight").stringValue()).isEqualTo("[escaped] " + jsonInJson(8));
            assertThat(sanitized.output().get("nine").stringValue()).isEqualTo(jsonInJson(9));
            assertThat(listed(sanitized, "escaped")).isEqualTo("[\"output.eight\"]");
        }

        @Test
        void jsonThatMentionsARefInTheMiddleOfATextIsUntouched() {
            ObjectNode output = Json.NODES.objectNode()
                    .put("answer", "{\"text\": \"see weave:///entity/project/object/doc:1 for details\"}")
                    .put("prose", "Refs look like weave:///entity/project/object/doc:1.");
            WeaveCall original = call("llm", null, json("{\"q\":\"where?\"}"), output);
            byte[] before = WeaveJson.upsertItems("e/p", original);

            WeaveCall sanitized = sanitizer.sanitize(original, "e/p");

            assertThat(sanitized).isEqualTo(original);
            assertThat(sanitized.output()).isSameAs(output);
            assertThat(sanitized.upsertItems("e/p")).isEqualTo(before);
        }

        @Test
        void embeddedJsonNestedTooDeeplyForWeaveToDecodeSafelyIsEscaped() {
            String deep = "[".repeat(WeaveRefRule.MAX_EMBEDDED_NESTING + 1) + "\"see weave:///x\""
                    + "]".repeat(WeaveRefRule.MAX_EMBEDDED_NESTING + 1);
            WeaveCall sanitized = sanitizer.sanitize(call("llm", null, json("{}"),
                    Json.NODES.objectNode().put("deep", deep)));

            assertThat(sanitized.output().get("deep").stringValue()).isEqualTo("[escaped] " + deep);
        }
    }

    /** Weave answers 413 for a request nested deeper than 200 levels (C13). */
    @Nested
    class Depth {

        @Test
        void aPayload250LevelsDeepIsFlattenedBelowTheLimitAndListed() {
            JsonNode deep = nested(250, Json.NODES.stringNode("bottom"));
            ObjectNode inputs = Json.NODES.objectNode().put("query", "q");
            inputs.set("log", deep);
            WeaveCall original = call(attributesWithProvenance(), inputs, json("{\"answer\":\"a\"}"));
            assertThat(bodyDepth(original)).isGreaterThan(200);

            WeaveCall sanitized = sanitizer.sanitize(original);

            assertThat(bodyDepth(sanitized)).isLessThanOrEqualTo(CallCleaner.MAX_BODY_LEVELS);
            assertThat(sanitized.inputs().get("query").stringValue()).isEqualTo("q");
            String flattenedPath = listed(sanitized, "flattened");
            assertThat(flattenedPath).startsWith("[\"inputs.log.k[0].k[0]").endsWith("\"]");
            // the flattened value keeps the whole subtree as JSON text, after a visible marker
            JsonNode at = sanitized.inputs().get("log");
            while (at.isContainer()) {
                at = at.isArray() ? at.get(0) : at.get("k");
            }
            String text = at.stringValue();
            assertThat(text).startsWith(CallCleaner.FLATTEN_MARKER);
            JsonNode restored = Json.MAPPER.readTree(text.substring(CallCleaner.FLATTEN_MARKER.length()));
            // inputs are at level 6, log at 7: levels 7 to 190 stay, the 66 below are the text
            assertThat(restored).isEqualTo(nested(250 - 184, Json.NODES.stringNode("bottom")));
            assertThat(sanitized.attributes().path("backfill").path("truncated").isMissingNode()).isTrue();
        }

        @Test
        void aPayloadJustWithinTheLimitIsSentAsItIs() {
            // inputs are at level 6 of the body: 185 more levels make 190
            ObjectNode inputs = Json.NODES.objectNode();
            inputs.set("log", nested(184, Json.NODES.stringNode("bottom")));
            WeaveCall original = call(attributesWithProvenance(), inputs, null);
            assertThat(bodyDepth(original)).isEqualTo(CallCleaner.MAX_BODY_LEVELS);

            assertThat(sanitizer.sanitize(original)).isEqualTo(original);
        }
    }

    /** C13 counts UTF-8 bytes of the whole call, whatever its shape. */
    @Nested
    class SizeInBytes {

        private static final String CJK = "\u65e5\u672c\u8a9e\u306e\u6587\u7ae0\u3067\u3059\u3002\u4e2d\u6587";

        @Test
        void aHundredThousandShortCjkStringsFitInBytes() {
            ArrayNode messages = Json.NODES.arrayNode();
            ArrayNode answers = Json.NODES.arrayNode();
            for (int i = 0; i < 100_000; i++) {
                messages.add(CJK + i);
                answers.add(i + CJK);
            }
            WeaveCall original = call(attributesWithProvenance(), Json.NODES.objectNode().set("messages", messages),
                    Json.NODES.objectNode().set("answers", answers));
            assertThat(WeaveJson.callBytes(original)).isGreaterThan(2 * LIMIT);

            WeaveCall sanitized = sanitizer.sanitize(original);

            assertThat(sanitized.upsertItems(CallSanitizer.SIZING_PROJECT).length).isLessThanOrEqualTo((int) LIMIT)
                    .isGreaterThan((int) (LIMIT * 9 / 10));
            JsonNode keptMessages = sanitized.inputs().get("messages");
            JsonNode keptAnswers = sanitized.output().get("answers");
            assertThat(keptMessages.get(0).stringValue()).isEqualTo(CJK + 0);
            assertThat(keptAnswers.get(1000).stringValue()).isEqualTo(1000 + CJK);
            assertThat(keptMessages.get(keptMessages.size() - 1).stringValue()).contains("elements dropped");
            assertThat(keptAnswers.size()).as("both halves get their share").isGreaterThan(30_000);
            assertThat(keptMessages.size()).isGreaterThan(30_000);
            assertThat(listed(sanitized, "truncated")).isEqualTo("[\"inputs.messages\",\"output.answers\"]");
        }

        @Test
        void aTableKeepsItsNameAndItsFirstRows() {
            ArrayNode rows = Json.NODES.arrayNode();
            for (int i = 0; i < 300_000; i++) {
                rows.add(Json.NODES.arrayNode().add(i).add("row " + i));
            }
            ObjectNode table = Json.NODES.objectNode().put("table", "t");
            table.set("rows", rows);
            table.put("columns", 2);

            WeaveCall sanitized = sanitizer.sanitize(call(attributesWithProvenance(), json("{}"), table));

            assertThat(WeaveJson.callBytes(sanitized)).isLessThanOrEqualTo(LIMIT);
            assertThat(sanitized.output().get("table").stringValue()).isEqualTo("t");
            assertThat(sanitized.output().get("columns").intValue()).isEqualTo(2);
            JsonNode kept = sanitized.output().get("rows");
            int elements = kept.size() - 1;
            assertThat(elements).isGreaterThan(100_000);
            for (int i = 0; i < elements; i++) {
                assertThat(kept.get(i)).isSameAs(rows.get(i));
            }
            assertThat(kept.get(elements).stringValue())
                    .isEqualTo("\u2026[" + (300_000 - elements) + " of 300000 elements dropped by dify-weave-backfill]");
            assertThat(listed(sanitized, "truncated")).isEqualTo("[\"output.rows\"]");
        }

        @Test
        void bigInputsAndABigOutputShareTheCap() {
            WeaveCall original = call(attributesWithProvenance(),
                    Json.NODES.objectNode().put("document", "\u00e9".repeat(2_500_000)).put("lang", "fr"),
                    Json.NODES.objectNode().put("text", "a".repeat(5_000_000)));

            WeaveCall sanitized = sanitizer.sanitize(original);

            assertThat(WeaveJson.callBytes(sanitized)).isLessThanOrEqualTo(LIMIT).isGreaterThan(LIMIT - 64 * 1024);
            String document = sanitized.inputs().get("document").stringValue();
            String text = sanitized.output().get("text").stringValue();
            assertThat(JsonSize.ofString(document)).isBetween(LIMIT / 2 - 64 * 1024, LIMIT / 2);
            assertThat(JsonSize.ofString(text)).isBetween(LIMIT / 2 - 64 * 1024, LIMIT / 2);
            assertThat(document).endsWith("of 2500000 chars]");
            assertThat(sanitized.inputs().get("lang").stringValue()).isEqualTo("fr");
            assertThat(listed(sanitized, "truncated")).isEqualTo("[\"inputs.document\",\"output.text\"]");
        }

        @Test
        void bigAttributesAreCutLikeTheRestAndTheProvenanceStays() {
            ObjectNode attributes = attributesWithProvenance();
            attributes.put("node_type", "agent");
            ArrayNode agentLog = attributes.putArray("agent_log");
            for (int i = 0; i < 100_000; i++) {
                agentLog.add(Json.NODES.objectNode().put("id", i).put("thought", "\u601d\u8003".repeat(10)));
            }
            WeaveCall original = call(attributes, json("{\"q\":\"x\"}"),
                    Json.NODES.objectNode().put("answer", "b".repeat(4_000_000)));

            WeaveCall sanitized = sanitizer.sanitize(original);

            assertThat(WeaveJson.callBytes(sanitized)).isLessThanOrEqualTo(LIMIT);
            assertThat(sanitized.attributes().get("node_type").stringValue()).isEqualTo("agent");
            assertThat(sanitized.attributes().path("backfill").path("source").stringValue())
                    .isEqualTo("dify-weave-backfill");
            JsonNode log = sanitized.attributes().get("agent_log");
            assertThat(log.get(0)).isEqualTo(agentLog.get(0));
            assertThat(log.get(log.size() - 1).stringValue()).contains("elements dropped");
            assertThat(JsonSize.ofString(sanitized.output().get("answer").stringValue())).isGreaterThan(LIMIT / 3);
            assertThat(listed(sanitized, "truncated")).isEqualTo("[\"attributes.agent_log\",\"output.answer\"]");
            assertThat(str(sanitized.attributes()).indexOf("\"backfill\""))
                    .as("attributes keep their order").isLessThan(str(sanitized.attributes()).indexOf("node_type"));
        }

        @Test
        void anObjectWithTooManyMembersDropsTheLargestFirst() {
            ObjectNode wide = Json.NODES.objectNode();
            for (int i = 0; i < 120_000; i++) {
                wide.put("key" + i, i % 1000 == 0 ? "v".repeat(400) : "v");
            }
            CallSanitizer small = new CallSanitizer(64 * 1024);

            WeaveCall sanitized = small.sanitize(call(attributesWithProvenance(), wide, null));

            assertThat(WeaveJson.callBytes(sanitized)).isLessThanOrEqualTo(64 * 1024);
            JsonNode kept = sanitized.inputs();
            assertThat(kept.get("key1").stringValue()).isEqualTo("v");
            assertThat(kept.has("key0")).as("the largest members go first").isFalse();
            assertThat(kept.get(SizeCutter.DROPPED_KEY).stringValue())
                    .matches("\\[\\d+ of 120000 members dropped by dify-weave-backfill, largest first\\]");
            assertThat(listed(sanitized, "truncated")).isEqualTo("[\"inputs\"]");
        }

        @Test
        void manyEscapesAndCutsAreListedWithoutPushingTheCallOver() {
            ArrayNode links = Json.NODES.arrayNode();
            for (int i = 0; i < 150_000; i++) {
                links.add(Json.NODES.objectNode().put("url", "weave:///e/p/object/doc" + i + ":v1"));
            }
            WeaveCall sanitized = sanitizer.sanitize(call(attributesWithProvenance(),
                    Json.NODES.objectNode().set("links", links), null));

            assertThat(WeaveJson.callBytes(sanitized)).isLessThanOrEqualTo(LIMIT);
            assertThat(listed(sanitized, "escaped")).isEqualTo("[\"inputs.links\"]");
            assertThat(listed(sanitized, "truncated")).isEqualTo("[\"inputs.links\"]");
            assertThat(sanitized.inputs().get("links").get(0).get("url").stringValue())
                    .isEqualTo("[escaped] weave:///e/p/object/doc0:v1");
        }

        @Test
        void theSmallestConfigurableCapIsHonouredWithEverythingAtOnce() {
            CallSanitizer smallest = new CallSanitizer(16 * 1024);
            ObjectNode inputs = Json.NODES.objectNode();
            for (int i = 0; i < 500; i++) {
                inputs.put("ref" + i, "weave:///x" + i);
            }
            inputs.set("deep", nested(300, Json.NODES.stringNode("\uD83D\uDE00".repeat(10_000))));
            WeaveCall sanitized = smallest.sanitize(call("weave:///title", "x".repeat(100_000), inputs,
                    Json.NODES.stringNode(CJK.repeat(50_000))));

            assertThat(WeaveJson.callBytes(sanitized)).isLessThanOrEqualTo(16 * 1024);
            assertThat(bodyDepth(sanitized)).isLessThanOrEqualTo(CallCleaner.MAX_BODY_LEVELS);
            assertThat(sanitized.displayName()).isEqualTo("[escaped] weave:///title");
            assertThat(sanitized.attributes().path("backfill").path("source").stringValue())
                    .isEqualTo("dify-weave-backfill");
        }
    }
}
