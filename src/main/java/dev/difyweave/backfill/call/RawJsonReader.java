package dev.difyweave.backfill.call;

import java.io.ByteArrayOutputStream;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a JSON object of Dify's text for a value the mapping passes on without looking inside (a node's or a
 * run's inputs and outputs): its members are read one by one, scalars as tree nodes, objects and arrays
 * streamed straight into the compact bytes {@link WeaveJson} would write for them ({@link RawJsonNode}),
 * without building their trees (issue 15). The result writes the very same bytes as
 * {@code Json.MAPPER.readTree(text)}; wherever that could differ it gives up and returns {@code null}, and
 * the caller parses the text the usual way: text that is not one JSON object, a repeated key, a number that
 * is not a finite double, trailing text, nesting beyond {@link Json#MAX_NESTING_DEPTH}.
 */
public final class RawJsonReader {

    private static final ObjectReader STRICT = Json.MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    /** One buffer per thread for the bytes of a member; each member's bytes are then copied once, exactly. */
    private static final ThreadLocal<ByteArrayOutputStream> BUFFER =
            ThreadLocal.withInitial(() -> new ByteArrayOutputStream(4096));

    private RawJsonReader() {
    }

    /** {@code text} as an object whose containers are raw bytes, or {@code null} when it cannot promise the same bytes. */
    public static ObjectNode readObject(String text) {
        try (JsonParser p = STRICT.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode result = Json.NODES.objectNode();
            for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
                String name = p.currentName();
                if (p.nextToken() == null || result.has(name)) {
                    return null;
                }
                if (!put(result, name, p)) {
                    return null;
                }
            }
            return p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null ? result : null;
        } catch (JacksonException doubtful) {
            return null;
        }
    }

    /** Puts the value at the parser under {@code name} as the tree deserializer would; false for a doubtful number. */
    private static boolean put(ObjectNode target, String name, JsonParser p) {
        switch (p.currentToken()) {
            case START_OBJECT, START_ARRAY -> target.set(name, new RawJsonNode(copyStructure(p)));
            case VALUE_STRING -> target.put(name, p.getString());
            case VALUE_TRUE -> target.put(name, true);
            case VALUE_FALSE -> target.put(name, false);
            case VALUE_NULL -> target.putNull(name);
            case VALUE_NUMBER_INT -> {
                switch (p.getNumberType()) {
                    case INT -> target.put(name, p.getIntValue());
                    case LONG -> target.put(name, p.getLongValue());
                    default -> target.put(name, p.getBigIntegerValue());
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                double value = p.getDoubleValue();
                if (!Double.isFinite(value)) {
                    return false;
                }
                target.put(name, value);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The container at the parser, token by token into compact UTF-8; floats must be finite doubles. */
    private static byte[] copyStructure(JsonParser p) {
        ByteArrayOutputStream out = BUFFER.get();
        out.reset();
        try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
            int depth = 0;
            do {
                JsonToken t = p.currentToken();
                if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                    double value = p.getDoubleValue();
                    if (!Double.isFinite(value)) {
                        throw new DoubtfulNumber();
                    }
                    g.writeNumber(value);
                } else {
                    g.copyCurrentEvent(p);
                    if (t.isStructStart()) {
                        depth++;
                    } else if (t.isStructEnd()) {
                        depth--;
                    }
                }
            } while (depth > 0 && p.nextToken() != null);
        }
        byte[] bytes = out.toByteArray();
        if (out.size() > 1024 * 1024) {
            BUFFER.remove(); // do not keep a huge buffer for the thread's small values
        }
        return bytes;
    }

    /** A float the tree would hold differently from a finite double: the caller parses the tree. */
    private static final class DoubtfulNumber extends JacksonException {

        private static final long serialVersionUID = 1L;

        DoubtfulNumber() {
            super("not a finite double");
        }
    }
}
