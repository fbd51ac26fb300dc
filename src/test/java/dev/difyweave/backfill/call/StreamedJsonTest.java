package dev.difyweave.backfill.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.POJONode;

/** Dify's JSON text read by streaming: the same tree, bytes and errors as {@code readTree}, members kept raw. */
class StreamedJsonTest {

    /** Python's {@code json.dumps} as Dify writes its columns: spaces after separators, escapes of its own. */
    private static final String DIFY_TEXT = "{\"query\": \"caf\\u00e9 \\ud83d\\ude00\", \"n\": 1.0, \"e\": 1e-05, "
            + "\"big\": 123456789012345678901234567890, \"list\": [1, {\"a\": null, \"b\": true}], \"s\": \"a\\u001fb\", "
            + "\"empty\": {}, \"numbers\": [-0, -0.0, 1E2, 1e-400, 0.1000000000000000055511151231257827, 2.5e+300], "
            + "\"last\": \"\\\"quoted\\\" and \\\\ \\/\"}";

    @Test
    void membersAreRawJsonWithTheBytesTheirTreeIsWrittenAs() {
        JsonNode streamed = read(DIFY_TEXT);
        JsonNode tree = Json.MAPPER.readTree(DIFY_TEXT);

        assertThat(streamed.get("list")).isInstanceOf(POJONode.class);
        assertThat(streamed.get("list").toString()).isEqualTo("[1,{\"a\":null,\"b\":true}]");
        assertThat(Json.MAPPER.writeValueAsString(streamed)).isEqualTo(Json.MAPPER.writeValueAsString(tree));
        assertThat(new String(Json.MAPPER.writeValueAsBytes(streamed), StandardCharsets.UTF_8))
                .isEqualTo(new String(Json.MAPPER.writeValueAsBytes(tree), StandardCharsets.UTF_8));
        assertThat(RawJson.treeOf(streamed)).isEqualTo(tree);
        assertThat(streamed.propertyNames()).containsExactlyElementsOf(tree.propertyNames());
    }

    /** A tree keeps the last of a repeated name where it first stood; a copy would keep both. */
    @Test
    void aNameRepeatedInsideAMemberGivesTheTreesBytes() {
        String text = "{\"a\": {\"x\": 1, \"y\": [{\"z\": 1, \"z\": 2}], \"x\": 3}, \"b\": 1, \"a\": 2}";
        assertThat(Json.MAPPER.writeValueAsString(read(text)))
                .isEqualTo(Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(text)))
                .isEqualTo("{\"a\":2,\"b\":1}");
        String inner = "{\"a\": {\"x\": 1, \"y\": [{\"z\": 1, \"z\": 2}], \"x\": 3}, \"b\": 1}";
        assertThat(Json.MAPPER.writeValueAsString(read(inner)))
                .isEqualTo(Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(inner)))
                .isEqualTo("{\"a\":{\"x\":3,\"y\":[{\"z\":2}]},\"b\":1}");
    }

    /**
     * Repeats are found in wide objects (past the parser's first names, which it keeps apart from its set), in
     * deep ones, and only within one object: the same name in sibling or nested objects is no repeat, and such
     * a text is streamed.
     */
    @Test
    void aNameRepeatedInAWideOrDeepObjectGivesTheTreesBytesAndOnlyThere() {
        StringBuilder wide = new StringBuilder("{\"m\": {");
        for (int i = 0; i < 20; i++) {
            wide.append("\"k").append(i).append("\": ").append(i).append(", ");
        }
        String repeatedLate = wide + "\"k3\": \"again\"}}";
        String repeatedDeep = "{\"m\": " + "[{\"a\": ".repeat(12) + "1, \"b\": 2, \"b\": 3" + "}]".repeat(12) + "}";
        String notRepeated = "{\"m\": [{\"a\": 1, \"b\": {\"a\": 2, \"b\": {\"a\": 3}}},"
                + " {\"a\": 4, \"b\": 5}], \"a\": 6}";
        for (String text : new String[] {repeatedLate, repeatedDeep, notRepeated, wide + "\"k20\": 20}}"}) {
            JsonNode streamed = read(text);
            assertThat(Json.MAPPER.writeValueAsString(streamed)).as(text)
                    .isEqualTo(Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(text)));
            boolean repeated = text == repeatedLate || text == repeatedDeep;
            assertThat(streamed.get("m") instanceof POJONode).as(text).isEqualTo(!repeated);
        }
    }

    @Test
    void whatIsNotAnObjectIsTheUsualTree() {
        for (String text : new String[] {"[1, 2]", "\"text\"", "12", "null", " {\"a\": 1e400}", "{\"a\": [1e999]}"}) {
            JsonNode streamed = read(text);
            assertThat(streamed).as(text).isEqualTo(Json.MAPPER.readTree(text));
            assertThat(RawJson.treeOf(streamed)).as(text).isSameAs(streamed);
        }
    }

    @Test
    void malformedTextFailsWithTheUsualError() {
        for (String text : new String[] {"{\"a\": [1, 2}", "{\"a\": 1} trailing", "{\"a\": tru}", "{\"a\" 1}", "{"}) {
            String usual = messageOf(() -> Json.MAPPER.readTree(text));
            assertThatThrownBy(() -> StreamedJson.read(JsonText.of(text))).as(text).isInstanceOf(JacksonException.class)
                    .hasMessage(usual);
            assertThatThrownBy(() -> StreamedJson.read(bytesOf(text))).as(text).isInstanceOf(JacksonException.class)
                    .hasMessage(usual);
        }
    }

    @Test
    void refsSurrogatesAndDepthAreNotedPerMember() {
        JsonNode streamed = read("{\"plain\": \"weave is fine\", \"ref\": [\"see weave:///e/p/object/o:1\"],"
                + " \"lone\": \"x\\ud800\", \"pair\": \"\\ud83d\\ude00\", \"deep\": [[[{\"a\": []}]]]}");
        assertThat(raw(streamed, "plain").suspicious()).isFalse();
        assertThat(raw(streamed, "ref").suspicious()).isTrue();
        assertThat(raw(streamed, "lone").suspicious()).isTrue();
        assertThat(raw(streamed, "pair").suspicious()).isFalse();
        assertThat(raw(streamed, "plain").levels()).isZero();
        assertThat(raw(streamed, "ref").levels()).isEqualTo(1);
        assertThat(raw(streamed, "deep").levels()).isEqualTo(5);
    }

    /** Escapes and marks that the parser of bytes and the parser of text treat apart: the text's reading holds. */
    @Test
    void bytesReadAsTheirTextIsRead() {
        for (String text : new String[] {"{\"\\ud800\": 1, \"b\": [2]}", "{\"a\": \"caf\u00e9 \ud83d\ude00\"}",
                "{\"\u00e9\": {\"\ud83d\ude00\": []}}"}) {
            assertThat(read(text)).as(text).isNotNull();
        }
        assertThatThrownBy(() -> StreamedJson.read(bytesOf("\ufeff{\"a\": 1}"))).isInstanceOf(JacksonException.class)
                .hasMessage(messageOf(() -> Json.MAPPER.readTree("\ufeff{\"a\": 1}")));
        byte[] notUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};
        String decoded = new String(notUtf8, StandardCharsets.UTF_8);
        assertThat(Json.MAPPER.writeValueAsString(StreamedJson.read(JsonText.ofUtf8(notUtf8))))
                .isEqualTo(Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(decoded)));
    }

    /** Strings of every kind, read from bytes and from text: written as the generator writes their tree. */
    @Test
    void stringsOfEveryKindAreWrittenAsTheirTreeIs() {
        String text = "{\"a\": \"plain text, 100% (ok)!\", \"b\":[\"x\",\"\",{\"c\":\"d e\"},\"f/g\"], \"h\": \"tab\\there\","
                + " \"i\": \"caf\u00e9\", \"j\": \"\\u00e9\", \"k\": \"del\u007f\", \"l\": \"q\\\"q\", \"m\":\"weave:///e/p/o\","
                + " \"n\": \"\ud83d\ude00\", \"o\": [\"\", \" \"], \"p\": \"~`{}[]:,\"}";
        JsonNode streamed = read(text);
        assertThat(raw(streamed, "a").toString()).isEqualTo("\"plain text, 100% (ok)!\"");
        assertThat(raw(streamed, "b").toString()).isEqualTo("[\"x\",\"\",{\"c\":\"d e\"},\"f/g\"]");
        assertThat(raw(streamed, "a").suspicious()).isFalse();
        assertThat(raw(streamed, "m").suspicious()).isTrue();
        assertThat(raw(streamed, "o").toString()).isEqualTo("[\"\",\" \"]");
    }

    /**
     * {@code text} read as the driver's bytes and as a string, each written (as UTF-8, as on the wire) as the
     * tree of the text is: the value read from the bytes.
     */
    private static JsonNode read(String text) {
        JsonNode fromBytes = StreamedJson.read(bytesOf(text));
        JsonNode fromText = StreamedJson.read(JsonText.of(text));
        byte[] asTree = Json.MAPPER.writeValueAsBytes(Json.MAPPER.readTree(text));
        assertThat(Json.MAPPER.writeValueAsBytes(fromBytes)).as(text).isEqualTo(asTree);
        assertThat(Json.MAPPER.writeValueAsBytes(fromText)).as(text).isEqualTo(asTree);
        return fromBytes;
    }

    private static JsonText bytesOf(String text) {
        return JsonText.ofUtf8(text.getBytes(StandardCharsets.UTF_8));
    }

    private static RawJson raw(JsonNode object, String name) {
        return (RawJson) ((POJONode) object.get(name)).getPojo();
    }

    private static String messageOf(Runnable read) {
        try {
            read.run();
        } catch (JacksonException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the usual parse to fail");
    }
}
