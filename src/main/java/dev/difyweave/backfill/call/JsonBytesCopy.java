package dev.difyweave.backfill.call;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import tools.jackson.core.io.NumberOutput;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link StreamedJson}'s quick way: Dify's JSON bytes turned straight into the bytes the generator writes for
 * them, in one loop over the bytes, without tokens, strings or a generator. Whitespace is dropped, a string's
 * plain bytes are copied as they stand, an escape becomes what the generator writes for its character, an
 * integer's digits are copied and a decimal number is read and written as the double it is. Refs and depth
 * are noted on the way, as {@link CheckingGenerator} notes them.
 * <p>It declines ({@code null}) whatever it could not copy exactly so, and {@link StreamedJson} then reads the
 * text token by token as before: not an object, a name repeated in its object or among more than
 * {@value #MAX_NAMES} names, and what {@link Utf8JsonScanner} declines. Dify writes its payloads with Python's
 * {@code json.dumps}, which none of that is.
 */
final class JsonBytesCopy extends Utf8JsonScanner {

    static final int MAX_NAMES = 64;

    private static final byte[][] ASCII_OUT = WrittenAscii.ESCAPED;
    private static final boolean[] PLAIN = WrittenAscii.PLAIN;

    private static final int KEPT_BYTES = 64 * 1024;
    private static final ThreadLocal<JsonBytesCopy> COPIES = ThreadLocal.withInitial(JsonBytesCopy::new);

    private byte[] out = new byte[1024];
    private int size;
    private int deepest;
    private boolean suspicious;
    /** [start, end) in {@link #out} of the names of the objects being copied, the innermost object's last. */
    private final int[] nameRanges = new int[2 * MAX_NAMES * 4];
    private int nameCount;

    private JsonBytesCopy() {
    }

    /**
     * The object {@code utf8} holds, its members' values as {@link RawJson} in the generator's bytes, as
     * {@link StreamedJson} reads it token by token; {@code null} when the copy declines.
     */
    static ObjectNode objectOfRawMembers(byte[] utf8) {
        if (!WrittenAscii.REF_CHARACTERS_PLAIN) {
            return null;
        }
        JsonBytesCopy copy = COPIES.get();
        try {
            return copy.object(utf8);
        } catch (Declined | ArrayIndexOutOfBoundsException e) {
            return null; // an index past the end: the text ended too soon
        } finally {
            copy.done();
            if (copy.out.length > KEPT_BYTES) {
                copy.out = new byte[1024];
            }
        }
    }

    private ObjectNode object(byte[] utf8) {
        start(utf8);
        size = 0;
        nameCount = 0;
        skipWhitespace();
        expect('{');
        ObjectNode object = Json.NODES.objectNode();
        skipWhitespace();
        if (in[pos] == '}') {
            pos++;
        } else {
            while (true) {
                String name = topLevelName();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                int from = size;
                deepest = 0;
                suspicious = false;
                value(0);
                object.set(name, Json.NODES.pojoNode(new RawJson(Arrays.copyOfRange(out, from, size), deepest,
                        suspicious)));
                if (endsAfterValue('}')) {
                    break;
                }
            }
        }
        expectEnd();
        return object;
    }

    /** A member name of the top-level object, as a string; its bytes in {@link #out} stay for the repeat check. */
    private String topLevelName() {
        int start = name(0);
        if (hasBackslash(start + 1, size - 1)) { // an escape the generator writes too (a quote, a control character)
            return Json.MAPPER.readTree(Arrays.copyOfRange(out, start, size)).asString();
        }
        return name(out, start + 1, size - 1);
    }

    /** Copies the value at {@link #pos}, at {@code level} containers below the member's value. */
    private void value(int level) {
        byte b = in[pos];
        switch (b) {
            case '{' -> object(level + 1);
            case '[' -> array(level + 1);
            case '"' -> string();
            case 't' -> literal(TRUE);
            case 'f' -> literal(FALSE);
            case 'n' -> literal(NULL);
            default -> {
                if (b == '-' || (b >= '0' && b <= '9')) {
                    number();
                } else {
                    throw Declined.INSTANCE;
                }
            }
        }
    }

    private void object(int level) {
        opened(level);
        pos++;
        write('{');
        int firstName = nameCount;
        skipWhitespace();
        if (in[pos] == '}') {
            pos++;
        } else {
            while (true) {
                name(firstName);
                skipWhitespace();
                expect(':');
                write(':');
                skipWhitespace();
                value(level);
                if (endsAfterValue('}')) {
                    break;
                }
                write(',');
            }
        }
        nameCount = firstName;
        write('}');
    }

    private void array(int level) {
        opened(level);
        pos++;
        write('[');
        skipWhitespace();
        if (in[pos] == ']') {
            pos++;
        } else {
            while (true) {
                value(level);
                if (endsAfterValue(']')) {
                    break;
                }
                write(',');
            }
        }
        write(']');
    }

    private void opened(int level) {
        checkLevel(level);
        deepest = Math.max(deepest, level);
    }

    /**
     * Copies a name and checks it against the other names of its object (the same text is the same bytes
     * here: the generator writes a text one way only); returns where its bytes start.
     */
    private int name(int firstOfObject) {
        if (in[pos] != '"' || nameCount - firstOfObject == MAX_NAMES || nameCount == nameRanges.length / 2) {
            throw Declined.INSTANCE;
        }
        int start = size;
        string();
        int length = size - start;
        for (int i = firstOfObject; i < nameCount; i++) {
            int from = nameRanges[2 * i];
            int to = nameRanges[2 * i + 1];
            if (to - from == length && Arrays.equals(out, from, to, out, start, size)) {
                throw Declined.INSTANCE;
            }
        }
        nameRanges[2 * nameCount] = start;
        nameRanges[2 * nameCount + 1] = size;
        nameCount++;
        return start;
    }

    /**
     * Copies a string. Runs of plain bytes (ASCII the generator writes as it is) are copied at once; a
     * {@code w} in them is checked for a ref prefix where it stands. A string with an escape is checked for
     * refs in what was written, where the escapes are undone.
     */
    private void string() {
        byte[] in = this.in;
        int start = size;
        int p = pos + 1;
        boolean escaped = false;
        write('"');
        while (true) {
            int run = p;
            byte b = in[p];
            while (b >= 0 && PLAIN[b]) {
                b = in[++p];
            }
            if (p > run) {
                write(in, run, p - run);
            }
            if (b == '"') {
                p++;
                break;
            }
            pos = p;
            if (b == 'w') {
                if (!suspicious && WeaveRefRule.prefixAt(in, p)) {
                    suspicious = true;
                }
                write(b);
                pos++;
            } else if (b == '\\') {
                escape();
                escaped = true;
            } else if (b >= 0x20) {
                write(ASCII_OUT[b]); // a character the generator escapes
                pos++;
            } else if (b >= 0) {
                throw Declined.INSTANCE; // a control character as it stands: not JSON
            } else {
                utf8Sequence();
            }
            p = pos;
        }
        pos = p;
        write('"');
        if (escaped && !suspicious) {
            suspicious = WeaveRefRule.holdsPrefix(out, start + 1, size - 1);
        }
    }

    /** One character of two to four bytes, strictly UTF-8, copied. */
    private void utf8Sequence() {
        int length = utf8Length();
        write(in, pos, length);
        pos += length;
    }

    private void escape() {
        int c = escapedChar();
        if (c < 0x80) {
            byte[] written = ASCII_OUT[c];
            if (written == null) {
                write((byte) c);
            } else {
                write(written);
            }
        } else {
            ensure(4);
            size = CheckedText.utf8(c, out, size);
        }
    }

    private void number() {
        int start = pos;
        if (!scanNumber()) {
            write(in, start, pos - start);
            return;
        }
        String written = NumberOutput.toString(decimalValue(start), true);
        ensure(written.length());
        for (int i = 0; i < written.length(); i++) {
            out[size++] = (byte) written.charAt(i);
        }
    }

    private void literal(byte[] word) {
        skipLiteral(word);
        write(word);
    }

    private boolean hasBackslash(int from, int to) {
        for (int i = from; i < to; i++) {
            if (out[i] == '\\') {
                return true;
            }
        }
        return false;
    }

    private void write(char c) {
        write((byte) c);
    }

    private void write(byte b) {
        ensure(1);
        out[size++] = b;
    }

    private void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    private void write(byte[] bytes, int from, int length) {
        ensure(length);
        System.arraycopy(bytes, from, out, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(size + more, 2 * out.length));
        }
    }
}
