package dev.difyweave.backfill.call;

import static dev.difyweave.backfill.testsupport.ColumnText.asRead;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link CallBytes} writes a call's upsert items byte for byte as the generator does
 * ({@link WeaveJson#encodeByGenerator}), offsets included, and declines what the generator notes for the cleaning
 * walk or what it does not write itself. Random calls: {@link CallBytesPropertiesTest}.
 */
class CallBytesTest {

    private static final String PROJECT = RandomCalls.PROJECT;

    @Test
    void writesAPlainCallWithEveryKindOfValueAsTheGeneratorDoes() {
        ObjectNode attributes = Json.NODES.objectNode();
        attributes.put("int", 42).put("negative", -7).put("long", Long.MIN_VALUE).put("max", Integer.MAX_VALUE);
        attributes.put("double", 0.1).put("big", 4.638667336359909E16).put("tiny", 1e-300).put("zero", -0.0);
        attributes.put("true", true).put("false", false).putNull("none");
        attributes.put("escapes", "quote \" backslash \\ slash / tab \t newline \n nul \u0000 del \u007f \u2028");
        attributes.put("unicode", "caf\u00e9 \u6771\u4eac \uD83D\uDE00 \uFEFF");
        attributes.put("na\u00efve \"key\"\n", "value");
        attributes.putArray("empty");
        attributes.putObject("nested").putArray("list").add(1).add("two").addObject().put("three", 3.5);
        attributes.put("id again", "0b7e7d43-6b8e-4f5e-9a51-3c1f0d2a9e11");
        ObjectNode inputs = Json.NODES.objectNode().put("query", "hi");
        WeaveCall call = call(attributes, inputs, Json.NODES.stringNode("answer"), "boom");

        WeaveCall.Encoded written = CallBytes.encode(PROJECT, call);

        assertThat(written).isNotNull();
        assertSame(written, WeaveJson.encodeByGenerator(PROJECT, call));
        assertThat(WeaveJson.encode(PROJECT, call).upsertItems()).isEqualTo(written.upsertItems());
    }

    @Test
    void writesStreamedPayloadsAndANullIdAsTheGeneratorDoes() {
        WeaveCall call = call(Json.NODES.objectNode().put("k", "v"),
                StreamedJson.read(asRead("{\"a\": [1, 2.50, \"\\u00e9\"], \"b\": {\"c\": null}}")),
                StreamedJson.read(asRead("{\"text\": \"\\ud83d\\ude00 done\"}")), null);
        WeaveCall nullId = new WeaveCall(null, call.traceId(), null, call.opName(), null, call.startedAt(),
                call.endedAt(), call.attributes(), call.inputsAsStored(), call.outputAsStored(), null, call.summary(),
                call.kind(), call.sourceKey(), null);

        for (WeaveCall each : new WeaveCall[] {call, nullId}) {
            WeaveCall.Encoded written = CallBytes.encode(PROJECT, each);
            assertThat(written).isNotNull();
            assertSame(written, WeaveJson.encodeByGenerator(PROJECT, each));
        }
    }

    @Test
    void declinesWhatTheGeneratorWritesForTheWalkOrItselfAlone() {
        String ref = "see weave:///entity/project/object/x:1";
        ObjectNode deep = Json.NODES.objectNode();
        deep.set("deep", RandomCalls.nested(WeaveJson.MAX_ITEM_LEVELS, Json.NODES.stringNode("x")));
        JsonNode[] attributes = {
            Json.NODES.objectNode().put("text", ref),
            Json.NODES.objectNode().put(ref, 1),
            Json.NODES.objectNode().put("lone", "a\uD800b"),
            Json.NODES.objectNode().put("nan", Double.NaN),
            Json.NODES.objectNode().put("infinite", Double.POSITIVE_INFINITY),
            Json.NODES.objectNode().put("big integer", BigInteger.TEN.pow(30)),
            Json.NODES.objectNode().put("decimal", new BigDecimal("1.50")),
            Json.NODES.objectNode().put("float", 1.5f),
            Json.NODES.objectNode().set("binary", Json.NODES.binaryNode(new byte[] {1, 2})),
            Json.NODES.objectNode().put("long", "x".repeat(JsonByteArray.LONGEST_STRING + 1)),
            deep,
        };
        for (JsonNode each : attributes) {
            WeaveCall call = call((ObjectNode) each, Json.NODES.objectNode(), null, null);
            assertThat(CallBytes.encode(PROJECT, call)).as("declines %s", each).isNull();
            WeaveCall.Encoded encoded = WeaveJson.encode(PROJECT, call);
            assertThat(encoded.upsertItems()).as("the generator writes it")
                    .isEqualTo(WeaveJson.encodeByGenerator(PROJECT, call).upsertItems());
        }
        WeaveCall refInRaw = call(Json.NODES.objectNode(), StreamedJson.read(asRead("{\"q\": \"" + ref + "\"}")),
                null, null);
        assertThat(CallBytes.encode(PROJECT, refInRaw)).isNull();
        assertThat(WeaveJson.encode(PROJECT, refInRaw).needsCleaning()).isTrue();
    }

    /**
     * Strings read from JSON bytes that are what the generator writes keep them ({@link SourcedString}), which are
     * copied: ASCII, two-, three- and four-byte UTF-8, escapes the generator writes the same way, a {@code w} that
     * starts no ref, a prefix cut by the string's end. One with an escape the generator writes otherwise (a
     * slash, a letter or a newline by its hex code) is an ordinary string node; one holding a ref
     * prefix, or longer than the array takes strings, is declined as any other.
     */
    @Test
    void copiesStringsReadAsTheGeneratorWritesThemAndDeclinesThoseHoldingARef() {
        String text = "{\"a\": \"plain w text\", \"b\": \"caf\u00e9 \u6771\u4eac \uD83D\uDE00\", \"c\": [\"weave:/\", \"w\"],"
                + " \"d\": \"tab\\there \\n new \\\"q\\\" \\\\ back\", \"e\": \"\", \"f\": {\"g\": \"ends with weave-trace-internal:/\"},"
                + " \"h\": \"caf\\u00e9\", \"i\": \"\\/ slash\", \"j\": \"\\u0001 \\uD83D\\uDE00 \\u0041\","
                + " \"k\": \"line\\u000Aend\"}";
        JsonNode parsed = StreamedJson.tree(asRead(text));
        assertThat(parsed.get("a")).isInstanceOf(SourcedString.class).isEqualTo(Json.NODES.stringNode("plain w text"));
        assertThat(parsed.get("b")).isInstanceOf(SourcedString.class);
        assertThat(parsed.get("d")).isInstanceOf(SourcedString.class)
                .isEqualTo(Json.NODES.stringNode("tab\there \n new \"q\" \\ back"));
        assertThat(parsed.get("h")).isNotInstanceOf(SourcedString.class).isEqualTo(Json.NODES.stringNode("caf\u00e9"));
        assertThat(parsed.get("i")).isNotInstanceOf(SourcedString.class);
        assertThat(parsed.get("j")).isNotInstanceOf(SourcedString.class);
        assertThat(parsed.get("k")).as("a newline escaped by its hex code").isNotInstanceOf(SourcedString.class);
        assertThat(parsed).isEqualTo(Json.MAPPER.readTree(text));
        WeaveCall call = call((ObjectNode) parsed, (ObjectNode) parsed.get("f"), parsed.get("c"), null);

        WeaveCall.Encoded written = CallBytes.encode(PROJECT, call);

        assertThat(written).isNotNull();
        assertSame(written, WeaveJson.encodeByGenerator(PROJECT, call));

        String[] declined = {"see weave:///entity/project/object/x:1", "weave-trace-internal:///x", "ends in weave:///",
            "x".repeat(JsonByteArray.LONGEST_STRING + 1)};
        for (String each : declined) {
            JsonNode value = StreamedJson.tree(asRead("{\"q\": \"" + each + "\"}"));
            assertThat(value.get("q")).isInstanceOf(SourcedString.class);
            WeaveCall holding = call((ObjectNode) value, Json.NODES.objectNode(), null, null);
            assertThat(CallBytes.encode(PROJECT, holding)).as("declines %.40s", each).isNull();
            assertThat(WeaveJson.encode(PROJECT, holding).upsertItems())
                    .isEqualTo(WeaveJson.encodeByGenerator(PROJECT, holding).upsertItems());
        }
    }

    @Test
    void writesATimestampBeyondYear9999AsTheFormatterDoes() {
        WeaveCall base = call(Json.NODES.objectNode(), Json.NODES.objectNode(), null, null);
        WeaveCall call = new WeaveCall(base.id(), base.traceId(), null, base.opName(), null,
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59.5Z"), base.attributes(),
                base.inputsAsStored(), null, null, base.summary(), base.kind(), base.sourceKey(), null);

        WeaveCall.Encoded written = CallBytes.encode(PROJECT, call);

        assertThat(written).isNotNull();
        assertSame(written, WeaveJson.encodeByGenerator(PROJECT, call));
    }

    /**
     * The array grows at every byte of a call's items: a raw input the array's second size long, give or take
     * the items around it, puts the end item's fields and their timestamp across the array's end in turn.
     */
    @Test
    void writesCallsOfEveryLengthAcrossTheArraysGrowth() {
        int around = 2 * JsonByteArray.INITIAL - 200;
        for (int length = around - 300; length < around + 100; length++) {
            JsonNode inputs = StreamedJson.read(asRead("{\"q\": \"" + "x".repeat(length) + "\"}"));
            WeaveCall call = call(Json.NODES.objectNode().put("k", "v"), inputs, Json.NODES.stringNode("a"), "e");

            WeaveCall.Encoded written = CallBytes.encode(PROJECT, call);

            assertThat(written).isNotNull();
            assertSame(written, WeaveJson.encodeByGenerator(PROJECT, call));
        }
    }

    static void assertSame(WeaveCall.Encoded written, WeaveCall.Encoded byGenerator) {
        assertThat(new String(written.upsertItems(), StandardCharsets.UTF_8))
                .isEqualTo(new String(byGenerator.upsertItems(), StandardCharsets.UTF_8));
        assertThat(written.upsertItems()).isEqualTo(byGenerator.upsertItems());
        assertThat(new int[] {written.startFrom(), written.startTo(), written.endFrom(), written.endTo()})
                .isEqualTo(new int[] {byGenerator.startFrom(), byGenerator.startTo(), byGenerator.endFrom(),
                    byGenerator.endTo()});
        assertThat(written.projectId()).isEqualTo(byGenerator.projectId());
        assertThat(written.needsCleaning()).isFalse();
        assertThat(written.released()).isFalse();
    }

    private static WeaveCall call(ObjectNode attributes, JsonNode inputs, JsonNode output, String exception) {
        String id = "0b7e7d43-6b8e-4f5e-9a51-3c1f0d2a9e11";
        ObjectNode summary = Json.NODES.objectNode();
        summary.putObject("weave").put("status", "success").put("latency_ms", 1500);
        return new WeaveCall(id, id, "6f1c2a9e-0000-4000-8000-000000000001", "node:llm", "Draft \"answer\"",
                Instant.parse("2025-11-20T08:15:02.123456Z"), Instant.parse("2025-11-20T08:15:04Z"), attributes, inputs,
                output, exception, summary, TraceKind.WORKFLOW, RootKind.WORKFLOW_RUNS.key(UUID.fromString(id)));
    }

}
