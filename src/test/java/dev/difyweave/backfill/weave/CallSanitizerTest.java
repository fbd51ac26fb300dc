package dev.difyweave.backfill.weave;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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
                attributes, inputs, output, null, summary, "workflow_runs:0b7e7d43-6b8e-4f5e-9a51-3c1f0d2a9e11");
    }

    private static ObjectNode attributesWithProvenance() {
        return object("{\"tags\":[\"dify_workflow\"],\"backfill\":{\"source\":\"dify-weave-backfill\","
                + "\"version\":\"0.1.0\",\"job\":\"j\",\"approximated\":[]}}");
    }

    private static String str(JsonNode node) {
        return WeaveJson.toJson(node);
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

        @Test
        void attributesAreNotEscaped() {
            ObjectNode attributes = attributesWithProvenance();
            attributes.put("ref", "weave:///entity/project/op/x:1");
            WeaveCall sanitized = sanitizer.sanitize(call(attributes, json("{\"a\":1}"), null));
            assertThat(sanitized.attributes().get("ref").stringValue()).isEqualTo("weave:///entity/project/op/x:1");
            assertThat(sanitized.attributes().path("backfill").has("escaped")).isFalse();
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
        void aHugeStructureWithoutLargeStringsFallsBackToATruncatedJsonSummary() {
            ArrayNode items = Json.NODES.arrayNode();
            for (int i = 0; i < 200_000; i++) {
                items.add(Json.NODES.objectNode().put("i", i).put("v", "item"));
            }
            ObjectNode inputs = Json.NODES.objectNode();
            inputs.set("items", items);
            WeaveCall original = call(attributesWithProvenance(), inputs, json("{\"ok\":true}"));
            assertThat(WeaveJson.callBytes(original)).isGreaterThan(LIMIT);

            WeaveCall sanitized = sanitizer.sanitize(original);

            assertThat(WeaveJson.callBytes(sanitized)).isLessThanOrEqualTo(LIMIT);
            String summary = sanitized.inputs().path("truncated_json").stringValue();
            assertThat(summary).startsWith("{\"items\":[{\"i\":0,\"v\":\"item\"}").contains(MARKER);
            assertThat(sanitized.attributes().path("backfill").path("truncated").toString()).contains("\"inputs\"");
        }

        @Test
        void theFallbackLeavesASmallOutputAlone() {
            ArrayNode items = Json.NODES.arrayNode();
            for (int i = 0; i < 200_000; i++) {
                items.add(Json.NODES.objectNode().put("i", i).put("v", "item"));
            }
            WeaveCall original = call(attributesWithProvenance(), Json.NODES.objectNode().set("items", items),
                    json("{\"answer\":\"42\"}"));

            WeaveCall sanitized = sanitizer.sanitize(original);

            assertThat(str(sanitized.output())).isEqualTo("{\"answer\":\"42\"}");
            assertThat(str(sanitized.attributes().path("backfill").path("truncated"))).isEqualTo("[\"inputs\"]");
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
}
