package dev.difyweave.backfill.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/** The byte reader gives {@code readTree}'s tree, node for node, or declines: on thousands of random texts. */
class JsonBytesTreeTest {

    @Test
    void randomTextsGiveTheTreeReadTreeGives() {
        int parsed = 0;
        int read = 0;
        for (int seed = 0; seed < 3000; seed++) {
            Random random = new Random(seed);
            boolean flawed = seed % 3 == 0;
            byte[] text = RandomJsonTexts.document(random, flawed);
            if (seed % 5 == 1) { // a value other than an object at the top
                text = ("[" + new String(text, StandardCharsets.UTF_8) + ", 1, \"s\"]").getBytes(StandardCharsets.UTF_8);
            }
            boolean readByBytes = compare(text);
            if (readByBytes) {
                read++;
            }
            if (readTreeOrNull(text) != null) {
                parsed++;
            }
            if (!flawed) {
                assertThat(readByBytes).as("declined: %s", new String(text, StandardCharsets.UTF_8)).isTrue();
            }
        }
        assertThat(parsed).isGreaterThan(2000);
        assertThat(read).isGreaterThan(parsed * 3 / 4);
    }

    @Test
    void numbersAndScalarsAreTheNodesReadTreeMakes() {
        for (String text : new String[] {"0", "-7", "2147483647", "2147483648", "-2147483648", "-2147483649",
                "123456789012345678", "1.0", "-0.0", "1e-400", "2.5E+300", "\"caf\\u00e9 \\ud83d\\ude00\"", "true",
                "null", " [ ] ", "{}", "{\"a\": {\"b\": [1, 2.5, \"x\\ny\"]}}"}) {
            assertThat(compare(text.getBytes(StandardCharsets.UTF_8))).as(text).isTrue();
        }
        for (String text : new String[] {"-0", "1234567890123456789", "1e400", "{\"a\": 1, \"a\": 2}", "\"\\udc00\"",
                "", "[1] 2", "[" + "[".repeat(70) + "]".repeat(71)}) {
            assertThat(JsonBytesTree.read(text.getBytes(StandardCharsets.UTF_8))).as(text).isNull();
        }
    }

    /** Decimal numbers, read quickly where they can be (few digits, a small power of ten), are the JDK's doubles. */
    @Test
    void decimalsAreTheDoublesTheJdkParses() {
        Random random = new Random(15);
        List<String> texts = new ArrayList<>(List.of("0.1", "-0.0", "0e500", "0.000123", "1e22", "1e23", "9e-22",
                "123456789012345e-22", "123456789012345.6", "9007199254740993.0", "1.00e2", "5e-324", "1.7976931348623157e308",
                "2.2250738585072014E-308", "-1.5E+3", "100000000000000000000000.0"));
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
            int digits = 1 + random.nextInt(18);
            int point = random.nextInt(digits + 1);
            for (int d = 0; d < digits; d++) {
                if (d == point && d > 0) {
                    text.append('.');
                }
                text.append(d == 0 && digits > 1 && point != 1 ? (char) ('1' + random.nextInt(9))
                        : (char) ('0' + random.nextInt(10)));
            }
            if (point == 0 || point == digits || random.nextBoolean()) {
                text.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : random.nextBoolean() ? "+" : "")
                        .append(random.nextInt(random.nextBoolean() ? 30 : 400));
            }
            texts.add(text.toString());
        }
        int shortPlain = 0;
        for (String text : texts) {
            JsonNode read = JsonBytesTree.read(text.getBytes(StandardCharsets.US_ASCII));
            double expected = Double.parseDouble(text);
            if (Double.isInfinite(expected)) {
                assertThat(read).as(text).isNull();
                continue;
            }
            assertThat(read).as(text).isNotNull();
            assertThat(Double.doubleToRawLongBits(read.doubleValue())).as(text)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
            if (text.length() < 12 && !text.contains("e") && !text.contains("E")) {
                shortPlain++;
            }
        }
        assertThat(shortPlain).as("short decimals without an exponent among those tried").isGreaterThan(2_000);
    }

    /** Whether the bytes were read; when they were, the same tree as {@code readTree}'s, node class for class. */
    private static boolean compare(byte[] text) {
        JsonNode read = JsonBytesTree.read(text);
        if (read == null) {
            return false;
        }
        String shown = new String(text, StandardCharsets.UTF_8);
        JsonNode expected = readTreeOrNull(text);
        assertThat(expected).as("read what readTree refuses: %s", shown).isNotNull();
        assertThat(read).as(shown).isEqualTo(expected);
        assertSameClasses(read, expected, shown);
        assertThat(Json.MAPPER.writeValueAsBytes(read)).as(shown).isEqualTo(Json.MAPPER.writeValueAsBytes(expected));
        return true;
    }

    /** Where a string is a {@link SourcedString}, the bytes it keeps are those the generator writes for it. */
    private static void assertSameClasses(JsonNode actual, JsonNode expected, String shown) {
        if (actual instanceof SourcedString sourced) {
            assertThat(expected.getClass()).as(shown).isEqualTo(StringNode.class);
            byte[] written = Json.MAPPER.writeValueAsBytes(expected);
            assertThat(Arrays.copyOfRange(sourced.utf8(), sourced.from(), sourced.from() + sourced.length()))
                    .as(shown).isEqualTo(Arrays.copyOfRange(written, 1, written.length - 1));
            return;
        }
        assertThat(actual.getClass()).as(shown).isEqualTo(expected.getClass());
        if (expected.isObject()) {
            for (Map.Entry<String, JsonNode> member : expected.properties()) {
                assertSameClasses(actual.get(member.getKey()), member.getValue(), shown);
            }
        } else if (expected.isArray()) {
            Iterator<JsonNode> items = actual.values().iterator();
            for (JsonNode item : expected.values()) {
                assertSameClasses(items.next(), item, shown);
            }
        }
    }

    private static JsonNode readTreeOrNull(byte[] text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }
}
