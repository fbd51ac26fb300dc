package dev.difyweave.backfill.call;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.node.POJONode;

/**
 * A JSON object or array of Dify's text kept as bytes instead of a tree: the compact UTF-8 that
 * {@link WeaveJson} would write for its tree, copied into a request as it is ({@link RawJsonReader} makes
 * them). Code that looks inside a value gets the tree: {@link Json#materialize} (and {@link WeaveCall}'s
 * accessors) parse the bytes again, so only the writer of the wire format sees this node.
 */
public final class RawJsonNode extends POJONode {

    public RawJsonNode(byte[] utf8) {
        super(new Utf8(utf8));
    }

    /** The value's compact JSON, exactly as the generator writes its tree. */
    public byte[] utf8() {
        return ((Utf8) _value).bytes;
    }

    /**
     * The value as a tree, parsed anew at each call from text, like Dify's column was (the byte parser refuses
     * an escaped lone surrogate in a key, which the text parser reads).
     */
    public JsonNode tree() {
        return Json.MAPPER.readTree(toString());
    }

    @Override
    public String toString() {
        return new String(utf8(), StandardCharsets.UTF_8);
    }

    /** The bytes as a raw value for any generator: copied as they are into a UTF-8 one. */
    private static final class Utf8 implements JacksonSerializable, SerializableString {

        private final byte[] bytes;
        private SerializedString text;

        Utf8(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void serialize(JsonGenerator g, SerializationContext context) {
            g.writeRawValue(this);
        }

        @Override
        public void serializeWithType(JsonGenerator g, SerializationContext context, TypeSerializer typeSer) {
            serialize(g, context);
        }

        private SerializedString text() {
            if (text == null) {
                text = new SerializedString(new String(bytes, StandardCharsets.UTF_8));
            }
            return text;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Utf8 u && Arrays.equals(bytes, u.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String getValue() {
            return text().getValue();
        }

        @Override
        public int charLength() {
            return text().charLength();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return bytes;
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (buffer.length - offset < bytes.length) {
                return -1;
            }
            System.arraycopy(bytes, 0, buffer, offset, bytes.length);
            return bytes.length;
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(bytes);
            return bytes.length;
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            if (buffer.remaining() < bytes.length) {
                return -1;
            }
            buffer.put(bytes);
            return bytes.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            return text().appendUnquoted(buffer, offset);
        }

        @Override
        public char[] asQuotedChars() {
            return text().asQuotedChars();
        }

        @Override
        public byte[] asQuotedUTF8() {
            return text().asQuotedUTF8();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            return text().appendQuotedUTF8(buffer, offset);
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            return text().appendQuoted(buffer, offset);
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) throws IOException {
            return text().writeQuotedUTF8(out);
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
            return text().putQuotedUTF8(buffer);
        }
    }
}
