package dev.difyweave.backfill.testsupport;

/**
 * How many emoji a string holds, as the Python {@code emoji} package's {@code emoji_count} sees it (Weave
 * requires exactly one in a reaction): other characters do not count, and a sequence counts once (an emoji
 * with its variation selector, skin tone and tags, a ZWJ sequence, a flag made of two regional indicators,
 * a keycap). Emoji are recognised by their Unicode blocks, which is close enough for the fake.
 */
final class EmojiCount {

    private EmojiCount() {
    }

    static int of(String text) {
        int count = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (isKeycapBase(cp) && keycapEnd(text, next) > 0) {
                count++;
                i = keycapEnd(text, next);
            } else if (isRegionalIndicator(cp)) {
                count++;
                i = next < text.length() && isRegionalIndicator(text.codePointAt(next)) ? next + 2 : next;
            } else if (isEmoji(cp)) {
                count++;
                i = sequenceEnd(text, next);
            } else {
                i = next;
            }
        }
        return count;
    }

    /** After an emoji: its modifiers, and any {@code ZWJ emoji} that continue the sequence. */
    private static int sequenceEnd(String text, int at) {
        int i = at;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (cp == 0xFE0F || cp >= 0x1F3FB && cp <= 0x1F3FF || cp >= 0xE0020 && cp <= 0xE007F) {
                i += Character.charCount(cp);
            } else if (cp == 0x200D && i + 1 < text.length() && isEmoji(text.codePointAt(i + 1))) {
                i += 1 + Character.charCount(text.codePointAt(i + 1));
            } else {
                break;
            }
        }
        return i;
    }

    /** The end of {@code [FE0F] 20E3} after a keycap base, or 0 when it is not a keycap. */
    private static int keycapEnd(String text, int at) {
        int i = at < text.length() && text.charAt(at) == '\uFE0F' ? at + 1 : at;
        return i < text.length() && text.charAt(i) == '\u20E3' ? i + 1 : 0;
    }

    private static boolean isKeycapBase(int cp) {
        return cp >= '0' && cp <= '9' || cp == '#' || cp == '*';
    }

    private static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }

    static boolean isEmoji(int cp) {
        return cp >= 0x1F000 && cp <= 0x1FAFF && !(cp >= 0x1F3FB && cp <= 0x1F3FF)
                || cp >= 0x2600 && cp <= 0x27BF
                || cp >= 0x2B05 && cp <= 0x2B55
                || cp >= 0x231A && cp <= 0x23FF
                || cp == 0x00A9 || cp == 0x00AE || cp == 0x203C || cp == 0x2049 || cp == 0x2122 || cp == 0x2139
                || cp >= 0x2194 && cp <= 0x21AA || cp == 0x24C2 || cp == 0x3030 || cp == 0x303D || cp == 0x3297
                || cp == 0x3299;
    }
}
