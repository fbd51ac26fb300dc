package dev.difyweave.backfill.call;

import java.nio.charset.StandardCharsets;

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
 * reads the text as before. A string without an escape is a {@link SourcedString}: its bytes are written
 * again as they are.
 */
final class JsonBytesTree extends Utf8JsonScanner {

    private static final JsonNodeFactory NODES = Json.NODES;
    private static final ThreadLocal<JsonBytesTree> READERS = ThreadLocal.withInitial(JsonBytesTree::new);

    /** A builder for strings with escapes; one that grew past this is not kept (a payload may be 10 MB). */
    private static final int KEPT_CHARS = 64 * 1024;

    private StringBuilder escaped = new StringBuilder();
    /** Whether the string last read had an escape. */
    private boolean hadEscape;

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
            if (reader.escaped.capacity() > KEPT_CHARS) {
                reader.escaped = new StringBuilder();
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

    /** A string value; one without an escape keeps where its bytes are ({@link SourcedString}). */
    private JsonNode stringNode() {
        int from = pos + 1;
        hadEscape = false;
        String text = string(false);
        if (hadEscape || text.isEmpty() || !WrittenAscii.SOURCE_BYTES_AS_WRITTEN) {
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

    /** The rest of a string that has an escape at {@link #pos}; its plain text so far starts at {@code from}. */
    private String escapedString(int from) {
        hadEscape = true;
        StringBuilder text = escaped;
        text.setLength(0);
        int plainFrom = from;
        while (true) {
            byte b = in[pos];
            if (b == '"' || b == '\\') {
                if (pos > plainFrom) {
                    text.append(new String(in, plainFrom, pos - plainFrom, StandardCharsets.UTF_8));
                }
                if (b == '"') {
                    pos++;
                    return text.toString();
                }
                text.appendCodePoint(escapedChar());
                plainFrom = pos;
            } else if (b >= 0x20) {
                pos++;
            } else if (b >= 0) {
                throw Declined.INSTANCE;
            } else {
                pos += utf8Length();
            }
        }
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
