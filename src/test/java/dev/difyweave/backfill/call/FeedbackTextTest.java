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

    @Test
    void aNoteOfExactlyTheLimitIsKeptAndOneCodePointMoreIsCut() {
        assertThat(FeedbackText.note("a".repeat(1024))).isEqualTo("a".repeat(1024));
        assertThat(FeedbackText.noteIsCut("a".repeat(1024))).isFalse();
        assertThat(FeedbackText.noteIsCut("a".repeat(1025))).isTrue();
        assertThat(FeedbackText.noteIsCut(null)).isFalse();
        // 1024 emoji are 2048 chars but 1024 code points
        assertThat(FeedbackText.note("\uD83D\uDE00".repeat(1024))).isEqualTo("\uD83D\uDE00".repeat(1024));
    }

    /** The marker of "kept 965 of 2000" is 59 code points, one fewer than that of "kept 1024 of 2000". */
    @Test
    void aCutNoteFillsTheLimitExactlyWithTheShorterMarker() {
        String note = FeedbackText.note("a".repeat(2000));

        assertThat(note).isEqualTo("a".repeat(965) + "…[truncated by dify-weave-backfill: kept 965 of 2000 chars]");
        assertThat(note.codePointCount(0, note.length())).isEqualTo(1024);
        assertThat(FeedbackText.note("\uD83D\uDE00".repeat(1025)))
                .isEqualTo("\uD83D\uDE00".repeat(965) + "…[truncated by dify-weave-backfill: kept 965 of 1025 chars]");
    }

    /** json.dumps writes the marker's … as \\u2026: "kept 100 of 100" takes 65 characters with the quotes. */
    @Test
    void aPythonLengthCutKeepsExactlyWhatFits() {
        assertThat(FeedbackText.fitPythonLength("abc", 5)).isEqualTo("abc");
        assertThat(FeedbackText.fitPythonLength("abc", 4)).isEqualTo("…[truncated by dify-weave-backfill: kept 0 of 3 chars]");
        String cut = FeedbackText.fitPythonLength("a".repeat(100), 80);
        assertThat(cut).isEqualTo("a".repeat(15) + "…[truncated by dify-weave-backfill: kept 15 of 100 chars]");
        assertThat(PythonJsonLength.ofString(cut)).isEqualTo(79);
    }
}
