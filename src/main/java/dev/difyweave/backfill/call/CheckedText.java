package dev.difyweave.backfill.call;

/**
 * A string's characters looked at for what makes a call need {@link CallCleaner}'s walk (a ref prefix
 * anywhere, a surrogate not in a pair) and written as {@link Json#MAPPER}'s generator writes them inside a
 * string, for {@link CheckingGenerator}.
 */
final class CheckedText {

    /** The most a character of a string takes written: {@code \\u001f}. */
    static final int MAX_BYTES_PER_CHAR = 6;

    private static final String REF = WeaveRefRule.REF_PREFIX;
    private static final String INTERNAL_REF = WeaveRefRule.INTERNAL_REF_PREFIX;

    private CheckedText() {
    }

    /**
     * Writes {@code chars[from, to)} into {@code utf8} as the generator writes them inside a string (its
     * escapes for ASCII, UTF-8 for the rest, a surrogate pair as one character): the number of bytes, or
     * {@code -1} as soon as a ref prefix or a lone surrogate shows (then nothing written counts).
     * {@code utf8} holds {@value #MAX_BYTES_PER_CHAR} bytes per character (a control character's escape).
     */
    static int encode(char[] chars, int from, int to, byte[] utf8) {
        return encode(chars, from, to, utf8, 0);
    }

    /**
     * {@link #encode(char[], int, int, byte[])} written from {@code utf8[at]} on: the index after the last byte
     * written, or {@code -1}. {@code utf8} holds {@value #MAX_BYTES_PER_CHAR} bytes per character from {@code at}.
     */
    static int encode(char[] chars, int from, int to, byte[] utf8, int at) {
        boolean[] plain = WrittenAscii.PLAIN;
        int n = at;
        for (int i = from; i < to; i++) {
            char c = chars[i];
            if (c < 0x80) {
                if (plain[c]) {
                    utf8[n++] = (byte) c;
                } else if (c == 'w') {
                    if (startsWith(chars, i, to, REF) || startsWith(chars, i, to, INTERNAL_REF)) {
                        return -1;
                    }
                    utf8[n++] = 'w';
                } else {
                    byte[] escaped = WrittenAscii.ESCAPED[c];
                    if (escaped == null) {
                        utf8[n++] = (byte) c;
                    } else {
                        for (byte b : escaped) {
                            utf8[n++] = b;
                        }
                    }
                }
            } else if (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE) {
                n = utf8(c, utf8, n);
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(chars[i + 1])) {
                n = utf8(Character.toCodePoint(c, chars[++i]), utf8, n);
            } else {
                return -1;
            }
        }
        return n;
    }

    /**
     * Writes a code point from U+0080 up (not a surrogate) at {@code at} in UTF-8, as the generator writes
     * non-ASCII characters; returns the index after it.
     */
    static int utf8(int codePoint, byte[] out, int at) {
        int n = at;
        if (codePoint < 0x800) {
            out[n++] = (byte) (0xC0 | (codePoint >> 6));
        } else if (codePoint < 0x10000) {
            out[n++] = (byte) (0xE0 | (codePoint >> 12));
            out[n++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
        } else {
            out[n++] = (byte) (0xF0 | (codePoint >> 18));
            out[n++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
            out[n++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
        }
        out[n++] = (byte) (0x80 | (codePoint & 0x3F));
        return n;
    }

    /** A ref prefix anywhere, or a surrogate not in a pair. */
    static boolean isSuspicious(char[] text, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            char c = text[i];
            if (c < Character.MIN_SURROGATE ? c != 'w' : c > Character.MAX_SURROGATE) {
                continue; // nearly every character: one comparison and one branch
            }
            if (c == 'w') {
                if (startsWith(text, i, end, REF) || startsWith(text, i, end, INTERNAL_REF)) {
                    return true;
                }
            } else if (Character.isLowSurrogate(c) || i + 1 == end || !Character.isLowSurrogate(text[i + 1])) {
                return true;
            } else {
                i++;
            }
        }
        return false;
    }

    private static boolean startsWith(char[] text, int at, int end, String prefix) {
        if (end - at < prefix.length()) {
            return false;
        }
        for (int j = 1; j < prefix.length(); j++) {
            if (text[at + j] != prefix.charAt(j)) {
                return false;
            }
        }
        return true;
    }
}
