package dev.difyweave.backfill.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Weave's feedback text limits, counted as its Python server counts them. */
class FeedbackTextTest {

    @Test
    void pythonJsonLengthMatchesJsonDumpsWithItsDefaults() {
        // len(json.dumps({"note": "\U0001F600\u6f22a\"\n\u0001\u007f~ \\"})) == 51 in CPython 3
        assertThat(PythonJsonLength.of(Json.MAPPER.readTree(
                "{\"note\":\"\uD83D\uDE00\u6F22a\\\"\\n\\u0001\\u007f~ \\\\\"}"))).isEqualTo(51);
        // len(json.dumps({"question": None, "answer": "x", "n": [1, True, False, {"k": "\u00e9"}]})) == 73
        assertThat(PythonJsonLength.of(Json.MAPPER.readTree(
                "{\"question\":null,\"answer\":\"x\",\"n\":[1,true,false,{\"k\":\"\u00E9\"}]}"))).isEqualTo(73);
    }

    @Test
    void noCommentOrAnEmptyOneIsNoNote() {
        assertThat(FeedbackText.note(null)).isNull();
        assertThat(FeedbackText.note("")).isNull();
        assertThat(FeedbackText.note(" ")).isEqualTo(" ");
    }

    @Test
    void aLoneSurrogateInANoteBecomesTheReplacementCharacter() {
        assertThat(FeedbackText.note("a\uD83Db")).isEqualTo("a\uFFFDb");
    }

    @Test
    void aTextCutToAPythonLengthKeepsWholeCodePointsAndFits() {
        String text = "\uD83D\uDE00".repeat(1000); // 12 characters each once escaped

        String cut = FeedbackText.fitPythonLength(text, 500);

        assertThat(PythonJsonLength.ofString(cut)).isLessThanOrEqualTo(500).isGreaterThan(500 - 12);
        assertThat(cut).startsWith("\uD83D\uDE00").contains("…[truncated by dify-weave-backfill: kept ")
                .endsWith(" of 1000 chars]");
        String kept = cut.substring(0, cut.indexOf('…'));
        assertThat(kept).isEqualTo("\uD83D\uDE00".repeat(kept.length() / 2));
        assertThat(FeedbackText.fitPythonLength("short", 500)).isEqualTo("short");
    }
}
