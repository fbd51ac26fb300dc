package dev.difyweave.backfill.call;

import static dev.difyweave.backfill.testsupport.ColumnText.asRead;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link CallBytes} over random calls from {@link RandomCalls}: each is written byte for byte and offset for offset
 * as the generator writes it ({@link WeaveJson#encodeByGenerator}), or declined when the generator notes it for the
 * cleaning walk or holds a string {@link CallBytes} leaves to it. Each call is tried as it comes (refs, lone
 * surrogates, deep nesting: mostly declined) and made plain (then written by {@link CallBytes} unless too deep or
 * holding a long string), as trees, as trees read back from their JSON bytes (strings read as the generator
 * writes them then keep their bytes: {@link SourcedString}) and with its payloads streamed as raw JSON. Each try is one seed, from
 * the clock (shown in the test name); rerun one with {@code -Dcallbytes.seed=<seed>}.
 */
class CallBytesPropertiesTest {

    private static final String PROJECT = RandomCalls.PROJECT;
    private static final int TRIES = 40;

    static LongStream seeds() {
        return RandomCalls.seeds("callbytes.seed", TRIES);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void writesWhatTheGeneratorWritesOrDeclines(long seed) {
        WeaveCall call = new RandomCalls(seed).call();
        for (WeaveCall variant : new WeaveCall[] {call, streamed(call), parsed(call), plain(call),
            streamed(plain(call)), parsed(plain(call))}) {
            WeaveCall.Encoded byGenerator = WeaveJson.encodeByGenerator(PROJECT, variant);
            WeaveCall.Encoded written = CallBytes.encode(PROJECT, variant);
            if (byGenerator.needsCleaning()) {
                assertThat(written).as("declined: the generator noted it for the cleaning walk").isNull();
            } else if (longestString(variant) > JsonByteArray.LONGEST_STRING) {
                assertThat(written).as("declined: a string left to the generator").isNull();
            } else {
                assertThat(written).as("a call that needs no walk is written").isNotNull();
                CallBytesTest.assertSame(written, byGenerator);
            }
        }
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

    /** The call with its inputs and output read from their JSON text as Dify's payloads are: members as raw JSON. */
    private static WeaveCall streamed(WeaveCall call) {
        return call.withPayload(call.attributes(), streamedValue(call.inputs()), streamedValue(call.output()));
    }

    private static JsonNode streamedValue(JsonNode value) {
        return value == null ? null : StreamedJson.read(asRead(WeaveJson.toJson(value)));
    }

    /** The call with its attributes, inputs and output read back from their JSON bytes as trees: strings keep their bytes. */
    private static WeaveCall parsed(WeaveCall call) {
        return call.withPayload((ObjectNode) parsedValue(call.attributes()), parsedValue(call.inputs()),
                parsedValue(call.output()));
    }

    private static JsonNode parsedValue(JsonNode value) {
        return value == null ? null : StreamedJson.tree(asRead(WeaveJson.toJson(value)));
    }

    /** The call without what makes the generator note it: refs become "w-eave", lone surrogates U+FFFD. */
    private static WeaveCall plain(WeaveCall call) {
        return new WeaveCall(call.id(), call.traceId(), call.parentId(), plain(call.opName()),
                plain(call.displayName()), call.startedAt(), call.endedAt(), (ObjectNode) plain(call.attributes()),
                plain(call.inputs()), plain(call.output()), plain(call.exception()), (ObjectNode) plain(call.summary()),
                call.kind(), call.sourceKey(), null);
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
