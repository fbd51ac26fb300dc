package dev.difyweave.backfill.call;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link StreamedJson#tree}'s quick way: the tree {@link Json#MAPPER}'s {@code readTree} gives for Dify's
 * JSON bytes, read in one loop over them (the parser and the tree deserializer, as the quick compiler
 * compiles them, were 8 % of a dry run's CPU). The same nodes: an integer is an int node when an {@code int}
 * holds it, else a long node; a decimal number a double node; a string its decoded text. It declines
 * ({@code null}) a name repeated in its object and what {@link Utf8JsonScanner} declines; the parser then
 * reads the text as before. A string whose bytes are those the generator writes (no escape, or escapes such as
 * {@code \n} written the same way) is a {@link SourcedString}: its bytes are written again as they are.
 */
final class JsonBytesTree extends Utf8JsonScanner {

    private static final JsonNodeFactory NODES = Json.NODES;
    private static final ThreadLocal<JsonBytesTree> READERS = ThreadLocal.withInitial(JsonBytesTree::new);

    /** The characters of a string with escapes; a buffer that grew past this is not kept (a payload may be 10 MB). */
    private static final int KEPT_CHARS = 64 * 1024;
    private static final byte[][] ESCAPED = WrittenAscii.ESCAPED;

    private char[] chars = new char[256];
    /** Whether the bytes of the string last read are those the generator writes for its text. */
    private boolean asWritten;

    private JsonBytesTree() {
    }

    /** The tree of {@code utf8}, or {@code null} when the reading declines. */
    static JsonNode read(byte[] utf8) {
        JsonBytesTree reader = READERS.get();
        try {
            reader.start(utf8);
            reader.skipWhitespace();
            JsonNode value = reader.value(0);
            reader.expectEnd();
            return value;
        } catch (Declined | ArrayIndexOutOfBoundsException e) {
            return null; // an index past the end: the text ended too soon
        } finally {
            reader.done();
            if (reader.chars.length > KEPT_CHARS) {
                reader.chars = new char[256];
            }
        }
    }

    private JsonNode value(int level) {
        byte b = in[pos];
        switch (b) {
            case '{' -> {
                return object(level + 1);
            }
            case '[' -> {
                return array(level + 1);
            }
            case '"' -> {
                return stringNode();
            }
            case 't' -> {
                skipLiteral(TRUE);
                return NODES.booleanNode(true);
            }
            case 'f' -> {
                skipLiteral(FALSE);
                return NODES.booleanNode(false);
            }
            case 'n' -> {
                skipLiteral(NULL);
                return NODES.nullNode();
            }
            default -> {
                if (b == '-' || (b >= '0' && b <= '9')) {
                    return number();
                }
                throw Declined.INSTANCE;
            }
        }
    }

    private ObjectNode object(int level) {
        checkLevel(level);
        pos++;
        ObjectNode object = NODES.objectNode();
        skipWhitespace();
        if (in[pos] == '}') {
            pos++;
            return object;
        }
        do {
            if (in[pos] != '"') {
                throw Declined.INSTANCE;
            }
            String name = string(true);
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (object.replace(name, value(level)) != null) {
                throw Declined.INSTANCE; // a repeated name
            }
        } while (!endsAfterValue('}'));
        return object;
    }

    private ArrayNode array(int level) {
        checkLevel(level);
        pos++;
        ArrayNode array = NODES.arrayNode();
        skipWhitespace();
        if (in[pos] == ']') {
            pos++;
            return array;
        }
        do {
            array.add(value(level));
        } while (!endsAfterValue(']'));
        return array;
    }

    /**
     * A string value; one whose bytes are what the generator writes for it (no escape, or only escapes written
     * as the generator writes them, such as {@code \n}) keeps where they are ({@link SourcedString}).
     */
    private JsonNode stringNode() {
        int from = pos + 1;
        asWritten = true;
        String text = string(false);
        if (!asWritten || text.isEmpty() || !WrittenAscii.SOURCE_BYTES_AS_WRITTEN) {
            return NODES.stringNode(text);
        }
        return new SourcedString(text, in, from, pos - 1 - from);
    }

    /**
     * The string at {@link #pos}, decoded; plain text (no escape) is decoded at once by the JDK, or, for a
     * {@code name}, is the string made for the same bytes before.
     */
    private String string(boolean name) {
        byte[] in = this.in;
        int from = pos + 1;
        int p = from;
        boolean ascii = true;
        while (true) {
            byte b = in[p];
            if (b == '"') {
                pos = p + 1;
                if (name) {
                    return name(in, from, p);
                }
                return new String(in, from, p - from, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            }
            if (b == '\\') {
                pos = p;
                return escapedString(from);
            }
            if (b >= 0x20) {
                p++;
            } else if (b >= 0) {
                throw Declined.INSTANCE; // a control character as it stands: not JSON
            } else {
                pos = p;
                p += utf8Length();
                ascii = false;
            }
        }
    }

    /**
     * The string from {@code from} on, which has an escape at {@link #pos}: decoded in one loop into the
     * thread's characters; notes whether each escape is written as the generator writes its character.
     */
    private String escapedString(int from) {
        byte[] in = this.in;
        char[] chars = this.chars;
        int n = 0;
        int p = from;
        while (true) {
            if (n + 2 > chars.length) {
                chars = Arrays.copyOf(chars, 2 * chars.length);
                this.chars = chars;
            }
            byte b = in[p];
            if (b == '"') {
                pos = p + 1;
                return new String(chars, 0, n);
            }
            if (b == '\\') {
                pos = p;
                int c = escapedChar();
                if (asWritten) {
                    asWritten = c < 128 && ESCAPED[c] != null
                            && Arrays.equals(in, p, pos, ESCAPED[c], 0, ESCAPED[c].length);
                }
                n = Character.toChars(c, chars, n) + n;
                p = pos;
            } else if (b >= 0x20) {
                chars[n++] = (char) b;
                p++;
            } else if (b >= 0) {
                throw Declined.INSTANCE; // a control character as it stands: not JSON
            } else {
                pos = p;
                int length = utf8Length();
                n = Character.toChars(codePoint(in, p, length), chars, n) + n;
                p += length;
            }
        }
    }

    /** The code point of the well-formed UTF-8 sequence of {@code length} bytes at {@code at}. */
    private static int codePoint(byte[] in, int at, int length) {
        int b0 = in[at];
        int rest = 0;
        for (int i = 1; i < length; i++) {
            rest = (rest << 6) | (in[at + i] & 0x3F);
        }
        int lead = length == 2 ? b0 & 0x1F : length == 3 ? b0 & 0x0F : b0 & 0x07;
        return (lead << (6 * (length - 1))) | rest;
    }

    private JsonNode number() {
        int start = pos;
        if (scanNumber()) {
            return NODES.numberNode(decimalValue(start));
        }
        long value = integerValue(start);
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }
}
