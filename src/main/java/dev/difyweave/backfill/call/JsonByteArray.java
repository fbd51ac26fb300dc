package dev.difyweave.backfill.call;

import java.time.Instant;
import java.util.Arrays;

import tools.jackson.core.io.NumberOutput;

/**
 * The byte array {@link CallBytes} writes a call into, reused by its thread: it grows as a call needs and is
 * given back after a huge one. Text goes in as {@link Json#MAPPER}'s generator writes it: strings checked and
 * encoded by {@link CheckedText#encode}, longs by {@link NumberOutput}, timestamps by {@link WeaveJson#timestamp}.
 */
final class JsonByteArray {

    static final int INITIAL = 64 * 1024;
    /** Gives back memory a huge call made the array take (C13 allows 3 MiB per call). */
    private static final int KEPT = 4 * 1024 * 1024;
    /**
     * Strings are encoded from a copy of their characters, with room for their longest escapes; a longer one
     * than this is left to the generator (whose memory use for such strings the limits in docs/operations.md
     * were measured with).
     */
    static final int LONGEST_STRING = 64 * 1024;

    private byte[] out = new byte[INITIAL];
    private char[] chars = new char[1024];
    private int size;

    int size() {
        return size;
    }

    void put(int b) {
        ensure(1);
        out[size++] = (byte) b;
    }

    void bytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, out, size, bytes.length);
        size += bytes.length;
    }

    /** A text of ASCII characters only (a number's), as it is. */
    void ascii(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            out[size++] = (byte) text.charAt(i);
        }
    }

    void number(long value) {
        ensure(20);
        size = NumberOutput.outputLong(value, out, size);
    }

    /** A timestamp's text (ASCII, nothing to escape), quoted. */
    void timestamp(Instant instant) {
        put('"');
        ensure(WeaveJson.TIMESTAMP_BYTES);
        int end = WeaveJson.timestamp(instant, out, size);
        if (end == -1) {
            ascii(WeaveJson.timestamp(instant));
        } else {
            size = end;
        }
        put('"');
    }

    /**
     * {@code text} quoted, checked and encoded; {@code false} (nothing counted) when it holds a ref prefix or a
     * lone surrogate, or is longer than {@value #LONGEST_STRING} characters.
     */
    boolean checkedString(String text) {
        int length = text.length();
        if (length > LONGEST_STRING) {
            return false;
        }
        char[] copy = chars;
        if (copy.length < length) {
            copy = new char[Math.max(length, Math.min(2 * copy.length, LONGEST_STRING))];
            chars = copy;
        }
        text.getChars(0, length, copy, 0); // a loop over an array is cheaper than charAt, even in C1
        ensure(2 + CheckedText.MAX_BYTES_PER_CHAR * length);
        out[size] = '"';
        int end = CheckedText.encode(copy, 0, length, out, size + 1);
        if (end < 0) {
            return false;
        }
        out[end] = '"';
        size = end + 1;
        return true;
    }

    /**
     * A string read as the generator writes it, quoted: its source bytes as they are ({@link SourcedString});
     * {@code false} (nothing counted) when it holds a ref prefix or is longer than {@value #LONGEST_STRING}
     * characters, as {@link #checkedString}. (Well-formed UTF-8 holds no lone surrogate.)
     */
    boolean sourcedString(SourcedString string) {
        if (string.stringValue().length() > LONGEST_STRING) {
            return false;
        }
        byte[] source = string.utf8();
        int from = string.from();
        int length = string.length();
        int to = from + length;
        if (WeaveRefRule.holdsPrefix(source, from, to)) {
            return false;
        }
        ensure(length + 2);
        out[size] = '"';
        System.arraycopy(source, from, out, size + 1, length);
        size += length + 2;
        out[size - 1] = '"';
        return true;
    }

    /** The {@code length} bytes written from {@code from} on, written again. */
    void again(int from, int length) {
        ensure(length);
        System.arraycopy(out, from, out, size, length);
        size += length;
    }

    byte[] copyOfRange(int from, int to) {
        return Arrays.copyOfRange(out, from, to);
    }

    /** What was written, in an array of its own. */
    byte[] copy() {
        return Arrays.copyOf(out, size);
    }

    /** Empty, and no larger than {@link #KEPT}. */
    void cleared() {
        if (out.length > KEPT) {
            out = new byte[INITIAL];
        }
        size = 0;
    }

    private void ensure(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(size + more, 2 * out.length));
        }
    }
}
