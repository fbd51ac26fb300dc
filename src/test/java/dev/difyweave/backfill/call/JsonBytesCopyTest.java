package dev.difyweave.backfill.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.POJONode;

/**
 * The byte copy gives what the token-by-token reading gives (names, each member's bytes, depth, refs), or
 * declines: on thousands of random texts in Python's {@code json.dumps} forms and with every kind of flaw.
 */
class JsonBytesCopyTest {

    @Test
    void randomTextsCopyAsTheyAreReadByTokens() {
        int streamable = 0;
        int copied = 0;
        for (int seed = 0; seed < 3000; seed++) {
            Random random = new Random(seed);
            boolean flawed = seed % 3 == 0;
            byte[] text = RandomJsonTexts.document(random, flawed);
            Outcome outcome = compare(text);
            if (outcome.streamedByTokens) {
                streamable++;
                if (outcome.copied) {
                    copied++;
                }
            }
            if (!flawed) {
                assertThat(outcome.copied).as("declined: %s", new String(text, StandardCharsets.UTF_8)).isTrue();
            }
        }
        assertThat(streamable).isGreaterThan(2000);
        assertThat(copied).isGreaterThan(streamable * 3 / 4);
    }

    @Test
    void declinesWhatItDoesNotCopyExactly() {
        String[] declined = {"[1]", "\"a\"", "{\"a\": 1} x", "{\"a\": 1,}", "{\"a\": 01}", "{\"a\": -0}",
                "{\"a\": 1234567890123456789}", "{\"a\": 1e400}", "{\"a\": \"\\ud800\"}", "{\"a\": \"x\u0001\"}",
                "{\"a\": 1, \"a\": 2}", "{\"m\": {\"b\": 1, \"b\": 2}}", "{\"a\": NaN}",
                "{\"a\": tru}", "{\"a\": [1, 2}", "{\"a\": " + "[".repeat(70) + "]".repeat(70) + "}", ""};
        for (String text : declined) {
            assertThat(JsonBytesCopy.objectOfRawMembers(text.getBytes(StandardCharsets.UTF_8))).as(text).isNull();
        }
        byte[][] notUtf8 = {{'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'},
                {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0x80, '"', '}'},
                {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},
                {'{', '"', 'a', '"', ':', '"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"', '}'}};
        for (byte[] text : notUtf8) {
            assertThat(JsonBytesCopy.objectOfRawMembers(text)).isNull();
        }
    }

    /** Python's {@code json.dumps} with and without {@code ensure_ascii}, as Dify writes its columns. */
    @Test
    void copiesPythonsJson() {
        String ascii = "{\"query\": \"caf\\u00e9 \\u4e2d \\ud83d\\ude00\", \"n\": 1.0, \"list\": [1, {\"a\": null,"
                + " \"b\": true}], \"text\": \"line\\nnext \\\"q\\\" \\\\\", \"empty\": {}, \"e\": []}";
        String unicode = "{\"query\": \"caf\u00e9 \u4e2d \ud83d\ude00\", \"files\": [], \"sys.user_id\": \"u-1\"}";
        for (String text : new String[] {ascii, unicode}) {
            Outcome outcome = compare(text.getBytes(StandardCharsets.UTF_8));
            assertThat(outcome.copied).as(text).isTrue();
        }
        JsonNode copied = JsonBytesCopy.objectOfRawMembers(ascii.getBytes(StandardCharsets.UTF_8));
        assertThat(copied.get("query").toString()).isEqualTo("\"caf\u00e9 \u4e2d \ud83d\ude00\"");
        assertThat(copied.get("list").toString()).isEqualTo("[1,{\"a\":null,\"b\":true}]");
    }

    private record Outcome(boolean streamedByTokens, boolean copied) {
    }

    /** Both readings of {@code text}; when the copy does not decline, the same members, bytes and notes. */
    private static Outcome compare(byte[] text) {
        JsonNode byTokens;
        try {
            byTokens = StreamedJson.readByTokens(JsonText.ofUtf8(text));
        } catch (JacksonException e) {
            byTokens = null;
        }
        boolean streamed = byTokens != null && byTokens.isObject() && allRaw(byTokens);
        JsonNode copied = JsonBytesCopy.objectOfRawMembers(text);
        String shown = new String(text, StandardCharsets.UTF_8);
        if (copied != null) {
            assertThat(streamed).as("copied what the tokens do not stream: %s", shown).isTrue();
            assertThat(copied.propertyNames()).as(shown).containsExactlyElementsOf(byTokens.propertyNames());
            for (Map.Entry<String, JsonNode> member : byTokens.properties()) {
                RawJson expected = raw(member.getValue());
                RawJson actual = raw(copied.get(member.getKey()));
                assertThat(actual.toString()).as(shown).isEqualTo(expected.toString());
                assertThat(actual.levels()).as(shown).isEqualTo(expected.levels());
                assertThat(actual.suspicious()).as(shown).isEqualTo(expected.suspicious());
            }
            assertThat(Json.MAPPER.writeValueAsBytes(copied)).as(shown)
                    .isEqualTo(Json.MAPPER.writeValueAsBytes(byTokens));
        }
        return new Outcome(streamed, copied != null);
    }

    private static boolean allRaw(JsonNode object) {
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            if (!(member.getValue() instanceof POJONode)) {
                return false;
            }
        }
        return true;
    }

    private static RawJson raw(JsonNode node) {
        return (RawJson) ((POJONode) node).getPojo();
    }
}
