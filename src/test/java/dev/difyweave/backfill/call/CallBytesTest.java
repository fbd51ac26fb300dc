package dev.difyweave.backfill.call;

import static dev.difyweave.backfill.testsupport.ColumnText.asRead;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link CallBytes} writes a call's upsert items byte for byte as the generator does
 * ({@link WeaveJson#encodeByGenerator}), offsets included, for every call that needs no cleaning walk, and declines
 * every call the generator notes for the walk. Random calls from {@link RandomCalls}, once as they come (refs, lone
 * surrogates, deep nesting: mostly declined) and once made plain (each then written by {@link CallBytes}), both
 * as trees and with payloads streamed as raw JSON; rerun one seed with {@code -Dcallbytes.seed=<seed>}.
 */
class CallBytesTest {

    private static final String PROJECT = RandomCalls.PROJECT;
    private static final int TRIES = 40;

    static LongStream seeds() {
        String fixed = System.getProperty("callbytes.seed");
        if (fixed != null) {
            return LongStream.of(Long.parseLong(fixed));
        }
        long base = System.nanoTime();
        return LongStream.range(0, TRIES).map(i -> base + i * 0x9E3779B97F4A7C15L);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void writesWhatTheGeneratorWritesOrDeclines(long seed) {
        WeaveCall call = new RandomCalls(seed).call();
        for (WeaveCall variant : new WeaveCall[] {call, streamed(call), plain(call), streamed(plain(call))}) {
            WeaveCall.Encoded byGenerator = WeaveJson.encodeByGenerator(PROJECT, variant);
            WeaveCall.Encoded written = CallBytes.encode(PROJECT, variant);
            if (byGenerator.needsCleaning()) {
                assertThat(written).as("declined: the generator noted it for the cleaning walk").isNull();
            } else if (longestString(variant) > CallBytes.LONGEST_STRING) {
                assertThat(written).as("declined: a string left to the generator").isNull();
            } else {
                assertThat(written).as("a call that needs no walk is written").isNotNull();
                assertSame(written, byGenerator);
            }
        }
    }

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
            Json.NODES.objectNode().put("long", "x".repeat(CallBytes.LONGEST_STRING + 1)),
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

    private static int longestString(WeaveCall call) {
        int longest = Math.max(length(call.opName()), Math.max(length(call.displayName()), length(call.exception())));
        for (JsonNode value : new JsonNode[] {call.attributes(), LivePayload.startInputs(call.inputsAsStored()),
            call.outputAsStored(), call.summary()}) {
            longest = Math.max(longest, longestString(value));
        }
        return longest;
    }

    /** The longest string or name in the value; raw JSON is copied as it is, whatever it holds. */
    private static int longestString(JsonNode node) {
        if (node == null) {
            return 0;
        }
        if (node.isString()) {
            return node.stringValue().length();
        }
        int longest = 0;
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                longest = Math.max(longest, Math.max(member.getKey().length(), longestString(member.getValue())));
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                longest = Math.max(longest, longestString(element));
            }
        }
        return longest;
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    private static void assertSame(WeaveCall.Encoded written, WeaveCall.Encoded byGenerator) {
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

    /** The call with its inputs and output read from their JSON text as Dify's payloads are: members as raw JSON. */
    private static WeaveCall streamed(WeaveCall call) {
        return call.withPayload(call.attributes(), streamedValue(call.inputs()), streamedValue(call.output()));
    }

    private static JsonNode streamedValue(JsonNode value) {
        return value == null ? null : StreamedJson.read(asRead(WeaveJson.toJson(value)));
    }

    /** The call without what makes the generator note it: refs become "w-eave", lone surrogates U+FFFD. */
    private static WeaveCall plain(WeaveCall call) {
        WeaveCall plain = new WeaveCall(call.id(), call.traceId(), call.parentId(), plain(call.opName()),
                plain(call.displayName()), call.startedAt(), call.endedAt(), (ObjectNode) plain(call.attributes()),
                plain(call.inputs()), plain(call.output()), plain(call.exception()), (ObjectNode) plain(call.summary()),
                call.kind(), call.sourceKey(), null);
        return plain;
    }

    private static JsonNode plain(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            return Json.NODES.stringNode(plain(node.stringValue()));
        }
        if (node.isObject()) {
            ObjectNode copy = Json.NODES.objectNode();
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                copy.set(plain(member.getKey()), plain(member.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.NODES.arrayNode();
            node.forEach(element -> copy.add(plain(element)));
            return copy;
        }
        return node;
    }

    private static String plain(String text) {
        return text == null ? null : CallCleaner.replaceLoneSurrogates(text).replace("weave", "w-eave");
    }
}
