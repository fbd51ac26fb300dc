package dev.difyweave.demo.generator;

import java.util.List;

/**
 * Comments end users and operators leave with a rating, and the texts of annotations. Some comments
 * are CJK or carry emoji (astral code points, a skin-tone modifier, a flag), and one per workspace is
 * far longer than the 1,024 characters Weave accepts in a note, so a backfill's cutting is exercised
 * on text whose UTF-16 length differs from its code point count.
 */
final class FeedbackTexts {

    /** Code points in {@link #longComment()}. */
    static final int LONG_COMMENT_CODE_POINTS = 1_500;

    private static final List<String> LIKE_COMMENTS = List.of(
            "Exactly what I needed, thanks!", "Clear and quick answer.", "That solved it.",
            "Helpful, the link was spot on.", "Great, works now.");
    private static final List<String> DISLIKE_COMMENTS = List.of(
            "Wrong plan mentioned.", "This did not answer my question.", "Too long, I just needed the steps.",
            "The link is outdated.", "It made up a setting that does not exist.");
    private static final List<String> LIKE_CJK_COMMENTS = List.of(
            "回答很有帮助，谢谢！", "説明が分かりやすかったです。", "답변이 정확했어요, 감사합니다.");
    private static final List<String> DISLIKE_CJK_COMMENTS = List.of(
            "这个答案不对，请再检查一下。", "答えが質問と合っていません。", "링크가 작동하지 않아요.");
    private static final List<String> LIKE_EMOJI_COMMENTS = List.of("👍🏽 perfect", "😀😀", "🎉 fixed, thanks!");
    private static final List<String> DISLIKE_EMOJI_COMMENTS = List.of("not helpful 😞", "🤔 half right", "🇯🇵 wrong region");
    /** Repeated (by code point) to make the long comment. */
    private static final String LONG_PATTERN = "这个回答解决了我的问题，但是步骤三的说明还不够清楚😀。"
            + "設定画面のスクリーンショットがあると助かります👍🏽。다음에도 잘 부탁해요🎉 ";

    private static final List<String> CORRECTION_OPENERS = List.of(
            "The correct answer: ", "Please answer like this: ", "Updated policy: ", "");
    private static final List<String[]> IMPORTED = List.of(
            new String[] {"How do I reset my password?",
                    "Open the sign-in page, choose \"Forgot password\" and follow the link we email you within five "
                            + "minutes. Check the spam folder if it does not arrive."},
            new String[] {"Do you offer refunds?",
                    "Yes: within 30 days of a charge we refund in full, afterwards as a credit on the next invoice."},
            new String[] {"Where can I download my invoices?",
                    "Settings → Billing → Invoices; every invoice can be exported as PDF or CSV."},
            new String[] {"支持哪些付款方式？", "我们支持信用卡、PayPal 和银行转账。"});

    private FeedbackTexts() {
    }

    /**
     * A short comment fitting the rating, the {@code ordinal}-th of its workspace: the first three are
     * English, CJK and emoji; later ones English mostly, some CJK and some emoji.
     */
    static String comment(boolean like, int ordinal, SeededRandom random) {
        double kind = switch (ordinal) {
            case 0 -> 0.0;
            case 1 -> 0.7;
            case 2 -> 0.9;
            default -> random.between(0.0, 1.0);
        };
        if (kind < 0.6) {
            return random.pick(like ? LIKE_COMMENTS : DISLIKE_COMMENTS);
        }
        if (kind < 0.8) {
            return random.pick(like ? LIKE_CJK_COMMENTS : DISLIKE_CJK_COMMENTS);
        }
        return random.pick(like ? LIKE_EMOJI_COMMENTS : DISLIKE_EMOJI_COMMENTS);
    }

    /** {@value #LONG_COMMENT_CODE_POINTS} code points of CJK, Hangul and emoji (some outside the BMP). */
    static String longComment() {
        int[] pattern = LONG_PATTERN.codePoints().toArray();
        StringBuilder out = new StringBuilder(LONG_COMMENT_CODE_POINTS * 2);
        for (int i = 0; i < LONG_COMMENT_CODE_POINTS; i++) {
            out.appendCodePoint(pattern[i % pattern.length]);
        }
        return out.toString();
    }

    /** An operator's corrected answer. */
    static String correctedAnswer(SeededRandom random) {
        return random.pick(CORRECTION_OPENERS) + TextFaker.text(random, random.between(80, 240));
    }

    /** Question and answer of imported annotation {@code index}. */
    static String[] imported(int index) {
        return IMPORTED.get(index % IMPORTED.size());
    }
}
