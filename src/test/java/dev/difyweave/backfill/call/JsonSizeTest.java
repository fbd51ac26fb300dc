package dev.difyweave.backfill.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** The size model against what the generator really writes, and the longest prefix that fits. */
class JsonSizeTest {

    private static long written(JsonNode node) {
        return Json.MAPPER.writeValueAsBytes(node).length;
    }

    @Test
    void scalarsTakeTheirWrittenBytes() {
        JsonSize sizes = new JsonSize();
        assertThat(sizes.of(null)).isEqualTo(4);
        assertThat(sizes.of(Json.NODES.nullNode())).isEqualTo(4);
        assertThat(sizes.of(Json.NODES.booleanNode(true))).isEqualTo(4);
        assertThat(sizes.of(Json.NODES.booleanNode(false))).isEqualTo(5);
        assertThat(sizes.of(Json.NODES.numberNode(12345))).isEqualTo(5);
        assertThat(sizes.of(Json.NODES.numberNode(-7L))).isEqualTo(2);
        assertThat(sizes.of(Json.NODES.numberNode(BigInteger.TEN.pow(30)))).isEqualTo(31);
        assertThat(sizes.of(Json.NODES.numberNode(1.5))).isEqualTo(3);
        assertThat(sizes.of(Json.NODES.numberNode(3.0))).isEqualTo(3);
        assertThat(sizes.of(Json.NODES.numberNode(-1.0E20))).isEqualTo(written(Json.NODES.numberNode(-1.0E20)));
        for (JsonNode node : List.of(Json.NODES.numberNode(1.0E-7), Json.NODES.numberNode(Long.MIN_VALUE),
                Json.NODES.numberNode(new java.math.BigDecimal("123.4500")), Json.NODES.stringNode("é\"\\"))) {
            assertThat(sizes.of(node)).as(node.toString()).isEqualTo(written(node));
        }
    }

    @Test
    void containersTakeTheirBracketsCommasKeysAndColons() {
        JsonSize sizes = new JsonSize();
        assertThat(sizes.of(Json.NODES.arrayNode())).isEqualTo(2);
        assertThat(sizes.of(Json.NODES.objectNode())).isEqualTo(2);
        assertThat(sizes.of(Json.MAPPER.readTree("[1,2,3]"))).isEqualTo(7);
        assertThat(sizes.of(Json.MAPPER.readTree("{\"a\":1,\"b\":[true]}"))).isEqualTo(18);
        JsonNode mixed = Json.MAPPER.readTree("{\"k\\u00e9\":[null,{\"x\":\"\\u0001\"}],\"n\":-0.25,\"t\":\"\\t\"}");
        assertThat(sizes.of(mixed)).isEqualTo(written(mixed));
    }

    /** Every class of char the generator writes differently, on both sides of each boundary. */
    @Test
    void stringsCountEscapesAndUtf8LikeTheGenerator() {
        String[] samples = {"\u0000", "\u0007", "\b", "\t", "\n", "\f", "\r", "\u001f", " ", "\"", "\\", "/", "~",
            "\u007f", "\u0080", "é", "\u07ff", "\u0800", "\u65e5", "\uffff", "\uD83D\uDE00"};
        for (String sample : samples) {
            JsonNode node = Json.NODES.stringNode(sample);
            assertThat(JsonSize.ofString(sample)).as("U+%04X", (int) sample.charAt(0)).isEqualTo(written(node));
        }
        assertThat(JsonSize.ofString("\u001f")).isEqualTo(8);
        assertThat(JsonSize.ofString(" ")).isEqualTo(3);
        assertThat(JsonSize.ofString("\u007f")).isEqualTo(3);
        assertThat(JsonSize.ofString("\u0080")).isEqualTo(4);
        assertThat(JsonSize.ofString("\u07ff")).isEqualTo(4);
        assertThat(JsonSize.ofString("\u0800")).isEqualTo(5);
        assertThat(JsonSize.ofString("\uD83D\uDE00")).isEqualTo(6);
        assertThat(JsonSize.contentBytes("a\u00e9\u65e5", 1, 3)).isEqualTo(5);
    }

    @Test
    void theFittingPrefixEndsOnACodePoint() {
        assertThat(JsonSize.fittingPrefix("abc", 0)).isZero();
        assertThat(JsonSize.fittingPrefix("abc", 2)).isEqualTo(2);
        assertThat(JsonSize.fittingPrefix("abc", 3)).isEqualTo(3);
        assertThat(JsonSize.fittingPrefix("abc", 100)).isEqualTo(3);
        String emoji = "\uD83D\uDE00".repeat(2);
        assertThat(JsonSize.fittingPrefix(emoji, 3)).isZero();
        assertThat(JsonSize.fittingPrefix(emoji, 4)).isEqualTo(2);
        assertThat(JsonSize.fittingPrefix(emoji, 7)).isEqualTo(2);
        assertThat(JsonSize.fittingPrefix(emoji, 8)).isEqualTo(4);
        assertThat(JsonSize.fittingPrefix("é\n", 3)).isEqualTo(1);
        assertThat(JsonSize.fittingPrefix("é\n", 4)).isEqualTo(2);
    }

    /** A lone surrogate is written as a 6-byte escape; the model counts it as 2 like half a pair, never more. */
    @Test
    void aLoneHighSurrogateAtTheEndOrBeforeAnotherCharIsOneChar() {
        assertThat(JsonSize.fittingPrefix("a\uD83D", 3)).isEqualTo(2);
        assertThat(JsonSize.fittingPrefix("\uD83Dx", 2)).isEqualTo(1);
        assertThat(JsonSize.fittingPrefix("\uD83Dx", 3)).isEqualTo(2);
    }

    /**
     * One model measures one tree that is not changed while it is cut: a container of 4096 bytes or more is
     * measured once and remembered, a smaller one is measured again each time.
     */
    @Test
    void bigContainersAreMeasuredOnce() {
        JsonSize sizes = new JsonSize();
        ArrayNode big = Json.NODES.arrayNode().add("x".repeat(4092)); // 2 + 4094 = 4096
        ArrayNode small = Json.NODES.arrayNode().add("x".repeat(4091)); // 4095
        assertThat(sizes.of(big)).isEqualTo(4096);
        assertThat(sizes.of(small)).isEqualTo(4095);

        big.add(1);
        small.add(1);

        assertThat(sizes.of(big)).as("remembered").isEqualTo(4096);
        assertThat(sizes.of(small)).as("measured again").isEqualTo(4097);
        assertThat(new JsonSize().of(big)).isEqualTo(4098);
    }

    @Test
    void pythonJsonDumpsLengthOfAStringValue() {
        // len(json.dumps("é")) == 8: ensure_ascii writes "\u00e9"
        assertThat(PythonJsonLength.of(Json.NODES.stringNode("é"))).isEqualTo(8);
        assertThat(PythonJsonLength.of(Json.NODES.stringNode("a"))).isEqualTo(3);
        assertThat(PythonJsonLength.of(null)).isEqualTo(4);
        // json.dumps(True) == "true", json.dumps(False) == "false"
        assertThat(PythonJsonLength.of(Json.NODES.booleanNode(true))).isEqualTo(4);
        assertThat(PythonJsonLength.of(Json.NODES.booleanNode(false))).isEqualTo(5);
    }
}
