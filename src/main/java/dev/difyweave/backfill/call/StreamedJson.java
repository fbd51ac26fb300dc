package dev.difyweave.backfill.call;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads Dify's JSON text for values that go to Weave as they are (a node's inputs and outputs, a run's): one
 * streaming pass that checks the text, writes each member of the top-level object in the exact form the
 * generator gives its tree, and notes refs, lone surrogates and depth on the way ({@link RawJson}). Bytes
 * from the driver are copied by {@link JsonBytesCopy} where it can; else token by token, by the parser. Only
 * the top-level object is a tree, because the live integration adds keys to it ({@link LivePayload}).
 * Anything else (not an object, not JSON, a number beyond a double, a repeated name) is read as {@link Json#MAPPER}'s
 * {@code readTree} reads it, with the same result or the same error. Dify's bytes are parsed as they came from
 * the driver ({@link JsonText}).
 */
public final class StreamedJson {

    /**
     * The mapper's factory (its limits) that also refuses a name repeated in an object: a tree keeps the
     * last value, a copy would keep both, so such a text is read as a tree instead.
     */
    private static final JsonFactory FACTORY = ((JsonFactory) Json.MAPPER.tokenStreamFactory()).rebuild()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StreamedJson() {
    }

    /** The value of {@code json} as {@code readTree} gives it, but with the members of an object as raw JSON. */
    public static JsonNode read(JsonText json) {
        if (json.readsBytes()) {
            ObjectNode copied = JsonBytesCopy.objectOfRawMembers(json.utf8());
            if (copied != null) {
                return copied;
            }
        }
        return readByTokens(json);
    }

    /** {@link #read} without {@link JsonBytesCopy}: the text token by token, or as a tree. */
    static JsonNode readByTokens(JsonText json) {
        if (json.readsBytes()) {
            try (JsonParser p = json.bytesParser(FACTORY)) {
                ObjectNode streamed = objectOfRawMembers(p);
                return streamed != null ? streamed : tree(json);
            } catch (JacksonException | NotStreamable e) {
                // the text is read below, as it was before bytes were
            }
        }
        try (JsonParser p = json.textParser(FACTORY)) {
            ObjectNode streamed = objectOfRawMembers(p);
            if (streamed != null) {
                return streamed;
            }
        } catch (JacksonException | NotStreamable e) {
            // read below as before: the same tree, or the same error for the problem report
        }
        return Json.MAPPER.readTree(json.text());
    }

    /**
     * The value of {@code json} as {@link Json#MAPPER}'s {@code readTree} gives it for the text: the same tree
     * from the bytes when they parse ({@link JsonBytesTree} where it can), else the text's own tree or error.
     */
    public static JsonNode tree(JsonText json) {
        if (json.readsBytes()) {
            JsonNode read = JsonBytesTree.read(json.utf8());
            if (read != null) {
                return read;
            }
            try {
                return Json.MAPPER.readTree(json.utf8());
            } catch (JacksonException e) {
                // the text's parse below decides, and gives the error the problem report has always had
            }
        }
        return Json.MAPPER.readTree(json.text());
    }

    /** {@code null} when the text is not an object. */
    private static ObjectNode objectOfRawMembers(JsonParser p) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        return KeptGenerator.use(kept -> {
            CheckingGenerator g = kept.generator();
            ObjectNode object = Json.NODES.objectNode();
            g.writeStartObject();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                g.writeName(name);
                p.nextToken();
                int from = kept.size() + 1; // the value's bytes start after the ':' written with it
                g.startValue();
                copyValue(p, g);
                RawJson value = new RawJson(kept.bytesFrom(from), g.deepest() - g.level(), g.suspicious());
                object.set(name, Json.NODES.pojoNode(value));
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new NotStreamable();
            }
            g.writeEndObject();
            return object;
        });
    }

    /** The value at the parser's current token, copied to {@code g} token by token. */
    private static void copyValue(JsonParser p, CheckingGenerator g) {
        int depth = 0;
        do {
            JsonToken token = p.currentToken();
            switch (token) {
                case START_OBJECT -> {
                    g.writeStartObject();
                    depth++;
                }
                case START_ARRAY -> {
                    g.writeStartArray();
                    depth++;
                }
                case END_OBJECT -> {
                    g.writeEndObject();
                    depth--;
                }
                case END_ARRAY -> {
                    g.writeEndArray();
                    depth--;
                }
                case PROPERTY_NAME -> g.writeName(p.currentName());
                case VALUE_STRING -> g.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                case VALUE_NUMBER_INT -> {
                    switch (p.getNumberType()) {
                        case INT -> g.writeNumber(p.getIntValue());
                        case LONG -> g.writeNumber(p.getLongValue());
                        default -> g.writeNumber(p.getBigIntegerValue());
                    }
                }
                case VALUE_NUMBER_FLOAT -> {
                    double value = p.getDoubleValue();
                    if (Double.isInfinite(value) || Double.isNaN(value)) {
                        throw new NotStreamable(); // what the tree makes of it is the tree's business
                    }
                    g.writeNumber(value);
                }
                case VALUE_TRUE -> g.writeBoolean(true);
                case VALUE_FALSE -> g.writeBoolean(false);
                case VALUE_NULL -> g.writeNull();
                default -> throw new NotStreamable();
            }
        } while (depth > 0 && p.nextToken() != null);
        if (depth > 0) {
            throw new NotStreamable();
        }
    }

    /** The text is read the usual way instead. */
    private static final class NotStreamable extends RuntimeException {
        NotStreamable() {
            super(null, null, false, false);
        }
    }
}
