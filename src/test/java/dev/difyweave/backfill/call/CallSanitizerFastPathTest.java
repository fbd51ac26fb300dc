package dev.difyweave.backfill.call;

import static dev.difyweave.backfill.testsupport.ColumnText.asRead;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;

import org.junit.jupiter.api.Test;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * What the generator notes while writing, which lets clean calls skip the fixing walk: it must never miss
 * what the walk fixes. Each JSON text is written both ways a call's values are: token by token, as a tree
 * is, and as the {@link RawJson} a streamed value is; both must note the same, and the same as the scan of
 * the written bytes ({@link NeedsCleaningByteScan}).
 */
class CallSanitizerFastPathTest {

    private static boolean needsCleaning(String json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean written;
        try (JsonParser p = Json.MAPPER.createParser(json);
                CheckingGenerator g = new CheckingGenerator(Json.MAPPER.createGenerator(out))) {
            p.nextToken();
            g.copyCurrentStructure(p);
            g.flush();
            written = g.suspicious() || g.deepest() > WeaveJson.MAX_ITEM_LEVELS;
        }
        boolean scanned = NeedsCleaningByteScan.needsCleaning(out.toByteArray());
        boolean streamed = streamed(json);
        assertThat(streamed).as("noted for the raw value of " + json).isEqualTo(written);
        assertThat(scanned).as("found in the bytes written for " + json).isEqualTo(written);
        return written;
    }

    private static boolean streamed(String json) {
        JsonNode value = StreamedJson.read(asRead("{\"v\":" + json + "}")).get("v");
        RawJson raw = (RawJson) ((POJONode) value).getPojo();
        try (CheckingGenerator g = new CheckingGenerator(Json.MAPPER.createGenerator(new ByteArrayOutputStream()))) {
            g.writeChecked(raw);
            return g.suspicious() || g.deepest() > WeaveJson.MAX_ITEM_LEVELS;
        }
    }

    private static boolean written(JsonNode tree) {
        try (CheckingGenerator g = new CheckingGenerator(Json.MAPPER.createGenerator(new ByteArrayOutputStream()))) {
            g.writeTree(tree);
            return g.suspicious() || g.deepest() > WeaveJson.MAX_ITEM_LEVELS;
        }
    }

    @Test
    void ordinaryJsonNeedsNothing() {
        assertThat(needsCleaning("{\"a\":\"weave is fine\",\"b\":\"see weave: //x later\",\"c\":\"\\n\\u00e9\"}")).isFalse();
        assertThat(needsCleaning("{\"emoji\":\"\uD83D\uDE00\"}")).as("a valid pair is written as UTF-8").isFalse();
        assertThat(needsCleaning("{\"a\":\"\\\\uD800 is text after an escaped backslash\"}")).isFalse();
    }

    @Test
    void aRefStringOrAnEscapedLoneSurrogateIsCaught() {
        assertThat(needsCleaning("{\"a\":\"weave:///entity/project/object/x\"}")).isTrue();
        assertThat(needsCleaning("{\"weave:///key\":1}")).isTrue();
        assertThat(needsCleaning("{\"a\":\"x\\uD800y\"}")).isTrue();
        assertThat(needsCleaning("{\"a\":\"x\\udfffy\"}")).isTrue();
        assertThat(needsCleaning("{\"a\":\"\\\\\\uDC00\"}")).as("a backslash, then a lone surrogate").isTrue();
    }

    /** Weave decodes a string holding a prefix anywhere as JSON (an answer that is JSON text): the walk must see it. */
    @Test
    void aRefPrefixAnywhereInAStringIsCaught() {
        assertThat(needsCleaning("{\"b\":\"see weave:///x later\"}")).isTrue();
        assertThat(needsCleaning("{\"b\":\"{\\\"url\\\": \\\"weave:///x\\\"}\"}")).isTrue();
        assertThat(needsCleaning("{\"a\":\"weave-trace-internal:///p/object/x:1\"}")).isTrue();
        assertThat(needsCleaning("{\"a\":\"text weave-trace-internal:///p\"}")).isTrue();
    }

    /** Upsert items sit two levels into the body: 188 levels of items are 190 of the body, the most allowed. */
    @Test
    void nestingDeeperThanWeaveAcceptsIsCaught() {
        assertThat(needsCleaning("[".repeat(188) + "]".repeat(188))).isFalse();
        assertThat(needsCleaning("[".repeat(189) + "]".repeat(189))).isTrue();
        assertThat(needsCleaning("{\"a\":\"" + "[".repeat(300) + "\"}")).as("brackets inside a string").isFalse();
        assertThat(needsCleaning("{\"a\":\"\\\"" + "[".repeat(300) + "\"}")).as("an escaped quote does not end a string")
                .isFalse();
    }

    @Test
    void whatTheGeneratorWritesForALoneSurrogateIsCaught() {
        ObjectNode inputs = Json.NODES.objectNode();
        inputs.put("query", "broken \uD800 text");
        assertThat(written(inputs)).isTrue();
        assertThat(NeedsCleaningByteScan.needsCleaning(Json.MAPPER.writeValueAsBytes(inputs))).isTrue();
        ObjectNode key = Json.NODES.objectNode();
        key.put("\uDC01", 1);
        assertThat(written(key)).isTrue();
        assertThat(NeedsCleaningByteScan.needsCleaning(Json.MAPPER.writeValueAsBytes(key))).isTrue();
    }

    /** \\uD800 to \\uDFFF, in either case, are the surrogates; \\uD7FF and \\uD000 are ordinary characters. */
    @Test
    void everySurrogateEscapeIsCaughtAndNothingElse() {
        for (String escape : new String[] {"D800", "D9AB", "DA00", "DBFF", "DC00", "DF00", "DFFF", "da00", "db7f", "df00",
            "dfff"}) {
            assertThat(needsCleaning("{\"a\":\"\\u" + escape + "\"}")).as(escape).isTrue();
        }
        for (String escape : new String[] {"D7FF", "D000", "d7ff", "00D8", "E000"}) {
            assertThat(needsCleaning("{\"a\":\"\\u" + escape + "\"}")).as(escape).isFalse();
        }
    }

    @Test
    void siblingContainersDoNotAddUp() {
        assertThat(needsCleaning("[" + "[],".repeat(300) + "{}]")).isFalse();
        assertThat(needsCleaning("{\"a\":".repeat(188) + "1" + "}".repeat(188))).isFalse();
        assertThat(needsCleaning("{\"a\":".repeat(189) + "1" + "}".repeat(189))).isTrue();
        assertThat(needsCleaning("[{\"a\":".repeat(95) + "1" + "}]".repeat(95))).isTrue();
    }

    /** Safe names are remembered by identity across generators; a suspicious one is caught every time. */
    @Test
    void namesAreCheckedEveryTimeTheyCouldBeSuspicious() {
        String safe = new String("tool_name".toCharArray());
        String ref = new String("weave:///e/p/object/o:1".toCharArray());
        for (int i = 0; i < 3; i++) {
            ObjectNode withSafe = Json.NODES.objectNode();
            withSafe.put(safe, 1);
            assertThat(written(withSafe)).isFalse();
            ObjectNode withRef = Json.NODES.objectNode();
            withRef.put(ref, 1);
            assertThat(written(withRef)).as("try %d", i).isTrue();
            ObjectNode withLone = Json.NODES.objectNode();
            withLone.put(new String(new char[] {'k', '\uDC00'}), 1);
            assertThat(written(withLone)).as("try %d", i).isTrue();
        }
    }

    @Test
    void aStringEndingJustAfterAWOrAnEscapeIsReadWithinItsBytes() {
        assertThat(needsCleaning("{\"a\":\"w\"}")).isFalse();
        assertThat(needsCleaning("{\"a\":\"weave:/\"}")).isFalse();
    }
}
