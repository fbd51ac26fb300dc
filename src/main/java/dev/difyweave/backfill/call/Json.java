package dev.difyweave.backfill.call;

import java.util.Map;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON mapper of the process. Limits are wide enough for Dify's largest payloads (a 10 MB
 * node output is a single string) but keep a hard nesting limit: deeper documents are treated as
 * malformed and sent as raw text.
 */
public final class Json {

    public static final int MAX_NESTING_DEPTH = 500;

    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(512 * 1024 * 1024)
                            .maxDocumentLength(-1)
                            .build())
                    .streamWriteConstraints(StreamWriteConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH + 16)
                            .build())
                    .build())
            .build();

    public static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    /**
     * {@code node} as a tree all through: the same node when it holds no {@link RawJsonNode}, else a copy in
     * which each raw value is parsed (the containers on the way to one are copied, the rest is shared).
     */
    public static JsonNode materialize(JsonNode node) {
        if (node instanceof RawJsonNode raw) {
            return raw.tree();
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = null;
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                JsonNode value = materialize(member.getValue());
                if (value != member.getValue() && copy == null) {
                    copy = NODES.objectNode();
                    copy.setAll(object);
                }
                if (copy != null) {
                    copy.set(member.getKey(), value);
                }
            }
            return copy == null ? node : copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = null;
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = materialize(array.get(i));
                if (value != array.get(i) && copy == null) {
                    copy = NODES.arrayNode();
                    copy.addAll(array);
                }
                if (copy != null) {
                    copy.set(i, value);
                }
            }
            return copy == null ? node : copy;
        }
        return node;
    }

    private Json() {
    }
}
