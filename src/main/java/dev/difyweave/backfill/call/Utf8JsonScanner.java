package dev.difyweave.backfill.call;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What {@link JsonBytesCopy} and {@link JsonBytesTree} share: a position in strictly-JSON UTF-8 bytes and
 * the reading of its small pieces (whitespace, literals, escapes, characters, numbers), declining
 * ({@link Declined}) whatever they leave to Jackson's parser: not strictly JSON (bytes that are not UTF-8,
 * a leading zero), an escaped lone surrogate, an integer of more than {@value #MAX_INTEGER_DIGITS} digits or
 * {@code -0}, a decimal number beyond a double or of more than {@value #MAX_NUMBER_CHARS} characters, more
 * than {@value #MAX_LEVELS} levels. An index past the end of the bytes (a text that ends too soon) declines
 * too: callers catch {@link ArrayIndexOutOfBoundsException} with {@link Declined}.
 */
abstract class Utf8JsonScanner {

    static final int MAX_LEVELS = 64;
    static final int MAX_INTEGER_DIGITS = 18;
    static final int MAX_NUMBER_CHARS = 64;

    private static final int NAME_SLOTS = 1024;
    private static final int MAX_KEPT_NAME_BYTES = 64;

    static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    static final byte[] NULL = {'n', 'u', 'l', 'l'};

    /** Thrown where the reading declines; the caller gets {@code null} and Jackson's parser reads the text. */
    static final class Declined extends RuntimeException {
        static final Declined INSTANCE = new Declined();

        private Declined() {
            super(null, null, false, false);
        }
    }

    byte[] in;
    int pos;

    /**
     * Names read before, by their bytes: the same name is the same string each time, as Jackson's parser
     * gives it, so the generator's cache of names safe to write ({@link CheckingGenerator}) finds it by
     * identity and its hash is computed once.
     */
    private final byte[][] nameBytes = new byte[NAME_SLOTS][];
    private final String[] names = new String[NAME_SLOTS];

    void start(byte[] utf8) {
        in = utf8;
        pos = 0;
    }

    void done() {
        in = null;
    }

    /** The name whose UTF-8 is {@code bytes[from, to)} (no escape in it): the string made the last time, if any. */
    String name(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length > MAX_KEPT_NAME_BYTES) {
            return new String(bytes, from, length, StandardCharsets.UTF_8);
        }
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + bytes[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (NAME_SLOTS - 1);
        byte[] known = nameBytes[slot];
        if (known != null && Arrays.equals(known, 0, known.length, bytes, from, to)) {
            return names[slot];
        }
        String name = new String(bytes, from, length, StandardCharsets.UTF_8);
        nameBytes[slot] = Arrays.copyOfRange(bytes, from, to);
        names[slot] = name;
        return name;
    }

    static void checkLevel(int level) {
        if (level > MAX_LEVELS) {
            throw Declined.INSTANCE;
        }
    }

    void skipWhitespace() {
        byte[] in = this.in;
        int p = pos;
        while (p < in.length) {
            byte b = in[p];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                break;
            }
            p++;
        }
        pos = p;
    }

    /** Declines unless only whitespace is left. */
    void expectEnd() {
        skipWhitespace();
        if (pos != in.length) {
            throw Declined.INSTANCE;
        }
    }

    void expect(char c) {
        if (in[pos] != c) {
            throw Declined.INSTANCE;
        }
        pos++;
    }

    /** After a value in a container: {@code true} at its end, {@code false} at a comma (both consumed). */
    boolean endsAfterValue(char end) {
        skipWhitespace();
        byte next = in[pos++];
        if (next == end) {
            return true;
        }
        if (next != ',') {
            throw Declined.INSTANCE;
        }
        skipWhitespace();
        return false;
    }

    void skipLiteral(byte[] word) {
        for (int i = 0; i < word.length; i++) {
            if (in[pos + i] != word[i]) {
                throw Declined.INSTANCE;
            }
        }
        pos += word.length;
    }

    /**
     * The length of the character of two to four bytes at {@link #pos}, strictly UTF-8 (no overlong form, no
     * surrogate, nothing beyond U+10FFFF); {@link #pos} stays.
     */
    int utf8Length() {
        int b0 = in[pos] & 0xFF;
        int length;
        int min2 = 0x80;
        int max2 = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            length = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            length = 3;
            if (b0 == 0xE0) {
                min2 = 0xA0;
            } else if (b0 == 0xED) {
                max2 = 0x9F;
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            length = 4;
            if (b0 == 0xF0) {
                min2 = 0x90;
            } else if (b0 == 0xF4) {
                max2 = 0x8F;
            }
        } else {
            throw Declined.INSTANCE;
        }
        int b1 = in[pos + 1] & 0xFF;
        if (b1 < min2 || b1 > max2) {
            throw Declined.INSTANCE;
        }
        for (int i = 2; i < length; i++) {
            int b = in[pos + i] & 0xFF;
            if (b < 0x80 || b > 0xBF) {
                throw Declined.INSTANCE;
            }
        }
        return length;
    }

    /**
     * The code point of the escape at {@link #pos} (its backslash), which it moves past: a surrogate pair
     * escaped as two {@code \\u} is one code point; a lone surrogate declines.
     */
    int escapedChar() {
        byte kind = in[pos + 1];
        pos += 2;
        int c;
        switch (kind) {
            case '"' -> c = '"';
            case '\\' -> c = '\\';
            case '/' -> c = '/';
            case 'b' -> c = '\b';
            case 'f' -> c = '\f';
            case 'n' -> c = '\n';
            case 'r' -> c = '\r';
            case 't' -> c = '\t';
            case 'u' -> c = hex4();
            default -> throw Declined.INSTANCE;
        }
        if (Character.isHighSurrogate((char) c)) {
            if (in[pos] != '\\' || in[pos + 1] != 'u') {
                throw Declined.INSTANCE;
            }
            pos += 2;
            int low = hex4();
            if (!Character.isLowSurrogate((char) low)) {
                throw Declined.INSTANCE;
            }
            return Character.toCodePoint((char) c, (char) low);
        }
        if (Character.isLowSurrogate((char) c)) {
            throw Declined.INSTANCE;
        }
        return c;
    }

    private int hex4() {
        int c = 0;
        for (int i = 0; i < 4; i++) {
            int b = in[pos++];
            int digit;
            if (b >= '0' && b <= '9') {
                digit = b - '0';
            } else if (b >= 'a' && b <= 'f') {
                digit = b - 'a' + 10;
            } else if (b >= 'A' && b <= 'F') {
                digit = b - 'A' + 10;
            } else {
                throw Declined.INSTANCE;
            }
            c = (c << 4) | digit;
        }
        return c;
    }

    /**
     * Moves past the number at {@link #pos}; {@code true} for a decimal number (a fraction or an exponent),
     * {@code false} for an integer of at most {@value #MAX_INTEGER_DIGITS} digits (not {@code -0}).
     */
    boolean scanNumber() {
        int start = pos;
        if (in[pos] == '-') {
            pos++;
        }
        int digitsFrom = pos;
        if (in[pos] == '0') {
            pos++;
        } else {
            digits();
        }
        int integerDigits = pos - digitsFrom;
        boolean decimal = false;
        if (pos < in.length && in[pos] == '.') {
            pos++;
            digits();
            decimal = true;
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (in[pos] == '+' || in[pos] == '-') {
                pos++;
            }
            digits();
            decimal = true;
        }
        if (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            throw Declined.INSTANCE; // a leading zero
        }
        if (decimal ? pos - start > MAX_NUMBER_CHARS
                : integerDigits > MAX_INTEGER_DIGITS || (in[start] == '-' && in[digitsFrom] == '0')) {
            throw Declined.INSTANCE;
        }
        return decimal;
    }

    /** The decimal number from {@code start} to {@link #pos} (just scanned), which a double holds. */
    double decimalValue(int start) {
        double value = DecimalBytes.value(in, start, pos);
        if (Double.isInfinite(value)) {
            throw Declined.INSTANCE;
        }
        return value;
    }

    /** The integer from {@code start} to {@link #pos} (just scanned). */
    long integerValue(int start) {
        int p = start;
        boolean negative = in[p] == '-';
        if (negative) {
            p++;
        }
        long value = 0;
        for (; p < pos; p++) {
            value = value * 10 + (in[p] - '0');
        }
        return negative ? -value : value;
    }

    /** One digit or more. */
    private void digits() {
        int from = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        if (pos == from) {
            throw Declined.INSTANCE;
        }
    }
}
