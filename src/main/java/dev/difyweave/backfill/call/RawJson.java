package dev.difyweave.backfill.call;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * A JSON value of Dify's that is sent as it is, kept as the exact bytes the generator would write for its
 * tree (see {@link StreamedJson}) and written into a request as raw JSON: no tree is built for it. It
 * remembers what {@link CheckingGenerator} noted when it was copied: how deeply it nests and whether a
 * string or name in it holds a ref prefix or a lone surrogate. Code that reads or changes values gets the
 * tree ({@link #treeOf}): the cleaning, cutting and content modes, which only rare calls need.
 * Sits in a tree as the value of a {@link POJONode}.
 */
public final class RawJson extends JacksonSerializable.Base {

    private final byte[] utf8;
    private final int levels;
    private final boolean suspicious;

    RawJson(byte[] utf8, int levels, boolean suspicious) {
        this.utf8 = utf8;
        this.levels = levels;
        this.suspicious = suspicious;
    }

    /** Containers nested in the value: 0 for a string, 1 for {@code {}} or {@code [1]}. */
    int levels() {
        return levels;
    }

    boolean suspicious() {
        return suspicious;
    }

    /** The value's bytes, as written; not to be changed. */
    byte[] utf8() {
        return utf8;
    }

    SerializableString text() {
        return new Text(utf8);
    }

    /** The value as a tree, parsed as a value read from Dify's bytes is ({@link StreamedJson#tree}). */
    private JsonNode tree() {
        return StreamedJson.tree(JsonText.ofUtf8(utf8));
    }

    /**
     * {@code value} with every {@link RawJson} in it, as the value or as a member of an object value (where
     * {@link StreamedJson} puts them), parsed into a tree; {@code value} itself when it holds none.
     */
    public static JsonNode treeOf(JsonNode value) {
        RawJson raw = rawOf(value);
        if (raw != null) {
            return raw.tree();
        }
        if (value == null || !value.isObject() || value.valueStream().allMatch(member -> rawOf(member) == null)) {
            return value;
        }
        ObjectNode copy = Json.NODES.objectNode();
        for (var entry : value.properties()) {
            copy.set(entry.getKey(), treeOf(entry.getValue()));
        }
        return copy;
    }

    private static RawJson rawOf(JsonNode value) {
        return value instanceof POJONode pojo && pojo.getPojo() instanceof RawJson raw ? raw : null;
    }

    @Override
    public void serialize(JsonGenerator g, SerializationContext context) {
        if (g instanceof CheckingGenerator checking) {
            checking.writeChecked(this);
        } else {
            g.writeRawValue(text());
        }
    }

    @Override
    public void serializeWithType(JsonGenerator g, SerializationContext context, TypeSerializer typeSerializer) {
        serialize(g, context);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawJson raw && Arrays.equals(utf8, raw.utf8);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(utf8);
    }

    @Override
    public String toString() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** The bytes as Jackson's raw text: only the unquoted forms are ever asked for. */
    private static final class Text implements SerializableString {

        private final byte[] utf8;
        private String value;

        Text(byte[] utf8) {
            this.utf8 = utf8;
        }

        @Override
        public String getValue() {
            if (value == null) {
                value = new String(utf8, StandardCharsets.UTF_8);
            }
            return value;
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return utf8;
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + utf8.length > buffer.length) {
                return -1;
            }
            System.arraycopy(utf8, 0, buffer, offset, utf8.length);
            return utf8.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            String text = getValue();
            if (offset + text.length() > buffer.length) {
                return -1;
            }
            text.getChars(0, text.length(), buffer, offset);
            return text.length();
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(utf8);
            return utf8.length;
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            if (utf8.length > buffer.remaining()) {
                return -1;
            }
            buffer.put(utf8);
            return utf8.length;
        }

        @Override
        public char[] asQuotedChars() {
            throw quoted();
        }

        @Override
        public byte[] asQuotedUTF8() {
            throw quoted();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            throw quoted();
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            throw quoted();
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) {
            throw quoted();
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            throw quoted();
        }

        private static UnsupportedOperationException quoted() {
            return new UnsupportedOperationException("raw JSON is written as it is, never as a quoted string");
        }
    }
}
