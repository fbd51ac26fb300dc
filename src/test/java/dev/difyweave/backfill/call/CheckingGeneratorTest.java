package dev.difyweave.backfill.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

/**
 * The checking generator writes what the mapper's plain generator writes (strings from the copy they were
 * checked in), names included when they are known safe, and notes what makes a call need the cleaning walk.
 */
class CheckingGeneratorTest {

    private static final List<String> TEXTS = List.of("plain", "with space", "naïve", "tab\there", "quote\"d",
            "back\\slash", "ctl\u0001\u001f", "bell\u0007", "emoji\uD83D\uDE00", "日本語", "slash/</script>", "",
            "x".repeat(70_000));

    @Test
    void namesAndStringsOfEveryKindAreWrittenAsThePlainGeneratorWritesThem() {
        ObjectNode tree = Json.NODES.objectNode();
        for (String text : TEXTS) {
            tree.put(text, text + " \u00e9 " + text);
        }
        String expected = Json.MAPPER.writeValueAsString(tree);

        for (int time = 1; time <= 3; time++) { // then known safe, and from the second time on written from their bytes
            String written = KeptGenerator.use(kept -> {
                kept.generator().writeTree(tree);
                assertThat(kept.generator().suspicious()).isFalse();
                return new String(kept.bytesFrom(0), StandardCharsets.UTF_8);
            });
            assertThat(written).as("written the %d. time", time).isEqualTo(expected);
        }
    }

    @Test
    void aSuspiciousNameOrStringIsNotedAndWrittenAsThePlainGeneratorWritesIt() {
        for (String text : List.of("weave:///e/p/object/o:1", "lone \uD800 surrogate", "x \uDC00")) {
            ObjectNode asName = Json.NODES.objectNode().put(text, 1);
            ObjectNode asValue = Json.NODES.objectNode().put("k", text);
            for (ObjectNode tree : List.of(asName, asValue)) {
                String written = KeptGenerator.use(kept -> {
                    kept.generator().writeTree(tree);
                    assertThat(kept.generator().suspicious()).as(text).isTrue();
                    return new String(kept.bytesFrom(0), StandardCharsets.UTF_8);
                });
                assertThat(written).isEqualTo(new String(Json.MAPPER.writeValueAsBytes(tree), StandardCharsets.UTF_8));
            }
        }
    }

    /** Every character but a surrogate, and every kind of surrogate pair, alone and amid text: the plain bytes. */
    @Test
    void everyCharacterIsWrittenAsThePlainGeneratorWritesIt() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < Character.MIN_SURROGATE; c++) {
            all.append(c);
        }
        for (int c = Character.MAX_SURROGATE + 1; c <= 0xFFFF; c++) {
            all.append((char) c);
        }
        all.append("\uD800\uDC00 \uDBFF\uDFFF \uD83D\uDE00w weave: weave-trace");
        for (String text : List.of(all.toString(), "\u0000", "\uD83D\uDE00", "w", "\u007f\u0080\u07ff\u0800")) {
            ObjectNode tree = Json.NODES.objectNode().put("k", text);
            String written = KeptGenerator.use(kept -> {
                kept.generator().writeTree(tree);
                assertThat(kept.generator().suspicious()).isFalse();
                return new String(kept.bytesFrom(0), StandardCharsets.UTF_8);
            });
            assertThat(written).isEqualTo(new String(Json.MAPPER.writeValueAsBytes(tree), StandardCharsets.UTF_8));
        }
    }
}
