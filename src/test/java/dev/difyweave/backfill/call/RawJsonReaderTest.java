package dev.difyweave.backfill.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Dify's JSON text read without trees ({@link RawJsonReader}) must write the very bytes the tree did, and give
 * the same tree back to code that looks inside; where it cannot promise that it must step aside ({@code null}).
 */
class RawJsonReaderTest {

    private static byte[] written(JsonNode node) {
        return Json.MAPPER.writeValueAsBytes(node);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"query\": \"Hi\", \"sys.files\": [], \"sys.timestamp\": 1794703721, \"nested\": {\"a\": [1, 2.5, null, true]}}",
        "{\"a\":{\"b\":{\"c\":[{\"d\":\"\\u00e9\\u4e2d\\ud83d\\ude00\"}]}}}",
        "{\"lone\": [\"\\ud800 alone\", \"\\udfff\"], \"key\\ud800\": {\"\\udc00\": 1}}",
        "{\"ref\": [\"weave:///entity/project/object/x:1\", \"{\\\"a\\\": \\\"weave:///x\\\"}\"]}",
        "{\"escapes\": [\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\\u007f\\u2028\"]}",
        "{\"numbers\": [0, -0, 1.0, 1.10, 1e5, 1E+2, -0.0, 0.1, 1e-7, 123456789.123456789, 2147483648, -9223372036854775809, 123456789012345678901234567890, 4.9e-324, 1.7976931348623157e308]}",
        "{\"top\": 1.10, \"big\": 123456789012345678901234567890, \"long\": 9007199254740993, \"neg\": -0.0}",
        "{ \"spaced\" :\t[ 1 ,\n 2 ] , \"o\" : { } , \"e\" : [ ] }",
    })
    void writesWhatTheTreeWritesAndGivesTheSameTreeBack(String text) {
        ObjectNode raw = RawJsonReader.readObject(text);
        JsonNode tree = Json.MAPPER.readTree(text);

        assertThat(raw).as("read without a tree").isNotNull();
        assertThat(new String(written(raw), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(written(tree), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Json.materialize(raw)).isEqualTo(tree);
    }

    @Test
    void objectsAndArraysBecomeBytesScalarsStayNodes() {
        ObjectNode raw = RawJsonReader.readObject("{\"s\": \"x\", \"n\": 1, \"o\": {\"a\": 1}, \"l\": [1]}");

        assertThat(raw.get("s").isString()).isTrue();
        assertThat(raw.get("n").isInt()).isTrue();
        assertThat(raw.get("o")).isInstanceOf(RawJsonNode.class);
        assertThat(((RawJsonNode) raw.get("l")).utf8()).isEqualTo("[1]".getBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[1, 2]", "\"text\"", "42", "null", "not json", "{\"a\": 1", "{\"a\": 1} trailing", "{\"a\": 1}{\"b\": 2}",
        "{\"a\": 1, \"a\": 2}", "{\"a\": {\"b\": 1, \"b\": 2}}", "{\"a\": NaN}", "{\"a\": [1e400]}", "{\"a\": -1e400}",
        "{'a': 1}", "{\"a\": [1,]}",
    })
    void stepsAsideWhereTheTreeMightDiffer(String text) {
        assertThat(RawJsonReader.readObject(text)).isNull();
    }

    @Test
    void stepsAsideBeyondTheNestingLimitLikeTheTree() {
        String deep = "{\"a\": " + "[".repeat(Json.MAX_NESTING_DEPTH) + "]".repeat(Json.MAX_NESTING_DEPTH) + "}";
        String fits = "{\"a\": " + "[".repeat(Json.MAX_NESTING_DEPTH - 2) + "]".repeat(Json.MAX_NESTING_DEPTH - 2) + "}";

        assertThat(RawJsonReader.readObject(deep)).isNull();
        assertThat(written(RawJsonReader.readObject(fits))).isEqualTo(written(Json.MAPPER.readTree(fits)));
    }

    static LongStream seeds() {
        long base = System.nanoTime();
        return LongStream.range(0, 30).map(i -> base + i * 0x9E3779B97F4A7C15L);
    }

    /**
     * Whole calls of random payloads (refs, lone surrogates, deep nesting, bulk past the cap): a call whose inputs
     * and output were read without trees is sanitised, cut and written to exactly the bytes of the same call read
     * into trees.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aCallOfRawValuesIsSanitisedToTheSameBytes(long seed) {
        RandomCalls random = new RandomCalls(seed);
        long cap = random.cap();
        WeaveCall call = random.call();
        String inputs = WeaveJson.toJson(call.inputs());
        String output = WeaveJson.toJson(call.output());
        ObjectNode rawInputs = RawJsonReader.readObject(inputs);
        ObjectNode rawOutput = RawJsonReader.readObject(output);
        assertThat(rawInputs).as("inputs read without trees").isNotNull();
        WeaveCall asTrees = call.withPayload(call.attributes(), Json.MAPPER.readTree(inputs), Json.MAPPER.readTree(output));
        WeaveCall asRaw = call.withPayload(call.attributes(), rawInputs,
                rawOutput != null ? rawOutput : Json.MAPPER.readTree(output));

        CallSanitizer sanitizer = new CallSanitizer(cap);
        byte[] expected = sanitizer.sanitize(asTrees, RandomCalls.PROJECT).upsertItems(RandomCalls.PROJECT);
        byte[] actual = sanitizer.sanitize(asRaw, RandomCalls.PROJECT).upsertItems(RandomCalls.PROJECT);

        assertThat(actual).isEqualTo(expected);
        assertThat(asRaw).isEqualTo(asTrees);
    }
}
