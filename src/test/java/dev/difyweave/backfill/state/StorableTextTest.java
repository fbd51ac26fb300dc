package dev.difyweave.backfill.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void aStorableTextIsReturnedAsItIs() {
        String text = "workflow_node_executions:ok 😀";
        assertThat(StorableText.of(text, 100)).isSameAs(text);
        assertThat(StorableText.key(text, 100)).isSameAs(text);
        assertThat(StorableText.of(null, 10)).isNull();
        assertThat(StorableText.required(null, 10)).isEmpty();
    }

    @Test
    void nulIsRemovedAndALoneSurrogateBecomesAReplacementCharacter() {
        assertThat(StorableText.of("bad\u0000key", 100)).isEqualTo("badkey");
        assertThat(StorableText.of("lone \ud800 high, lone \udc00 low, pair \ud83d\ude00", 100))
                .isEqualTo("lone \uFFFD high, lone \uFFFD low, pair \ud83d\ude00");
        assertThat(StorableText.of("ends high \ud83d", 100)).isEqualTo("ends high \uFFFD");
    }

    @Test
    void aLongTextIsCutBetweenCodePointsWithAVisibleMarker() {
        assertThat(StorableText.of("x".repeat(301), 300)).hasSize(300).isEqualTo("x".repeat(299) + "…");
        String emoji = "😀".repeat(400);
        String cut = StorableText.of(emoji, 300);
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(300);
        assertThat(cut).isEqualTo("😀".repeat(299) + "…");
        assertThat(StorableText.of("😀".repeat(300), 300)).as("300 characters fit 300").isEqualTo("😀".repeat(300));
    }

    @Test
    void aKeyThatDoesNotFitStaysDistinctAndTheSameEveryTime() {
        String a = "scope|apps=" + "a".repeat(600);
        String b = "scope|apps=" + "a".repeat(599) + "b";
        String keyA = StorableText.key(a, 500);

        assertThat(keyA.codePointCount(0, keyA.length())).isEqualTo(500);
        assertThat(keyA).startsWith("scope|apps=aaa").contains("…");
        assertThat(StorableText.key(a, 500)).isEqualTo(keyA);
        assertThat(StorableText.key(b, 500)).isNotEqualTo(keyA).hasSize(500);
        assertThat(StorableText.key("a\u0000b", 500)).isNotEqualTo(StorableText.key("ab", 500)).doesNotContain("\u0000");
    }
}
