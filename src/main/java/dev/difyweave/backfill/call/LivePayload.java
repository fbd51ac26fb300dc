package dev.difyweave.backfill.call;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The inputs/outputs rewriting of Dify's live {@code WeaveTraceModel} (docs/reference/dify-source.md §3.2),
 * replicated exactly: objects get {@code usage_metadata} and {@code file_list} added, strings become
 * {@code {"messages": ...}} / {@code {"choices": ...}}, prompt lists get {@code text} renamed to
 * {@code content}, other lists become Python reprs; {@code null} and {@code {}} stay as they are.
 */
public final class LivePayload {

    /** Dify's {@code usage_metadata}; unset counts are {@code null}, not 0. */
    public record TokenUsage(Long inputTokens, Long outputTokens, Long totalTokens) {

        public static TokenUsage total(Long totalTokens) {
            return new TokenUsage(null, null, totalTokens);
        }

        public static TokenUsage none() {
            return new TokenUsage(null, null, null);
        }

        ObjectNode toNode() {
            ObjectNode node = Json.NODES.objectNode();
            putNullable(node, "input_tokens", inputTokens);
            putNullable(node, "output_tokens", outputTokens);
            putNullable(node, "total_tokens", totalTokens);
            return node;
        }

        private static void putNullable(ObjectNode node, String key, Long value) {
            if (value == null) {
                node.putNull(key);
            } else {
                node.put(key, value.longValue());
            }
        }
    }

    private LivePayload() {
    }

    public static JsonNode inputs(JsonNode value, TokenUsage usage, List<String> fileList) {
        return transform(value, usage, fileList, true);
    }

    public static JsonNode outputs(JsonNode value, TokenUsage usage, List<String> fileList) {
        return transform(value, usage, fileList, false);
    }

    /** What {@code start_call} makes of transformed inputs: {@code None} is {@code {}}, a non-dict is wrapped. */
    public static ObjectNode startInputs(JsonNode transformed) {
        if (transformed == null || transformed.isNull()) {
            return Json.NODES.objectNode();
        }
        if (transformed.isObject()) {
            return (ObjectNode) transformed;
        }
        ObjectNode wrapped = Json.NODES.objectNode();
        wrapped.put("inputs", transformed.isString() ? transformed.stringValue() : PythonRepr.of(transformed));
        return wrapped;
    }

    private static JsonNode transform(JsonNode value, TokenUsage usage, List<String> fileList, boolean isInput) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return value == null || value.isMissingNode() ? Json.NODES.nullNode() : value;
        }
        if (value.isObject()) {
            if (value.isEmpty()) {
                return value;
            }
            // shallow: the values are shared with the source row's tree, which nothing changes
            ObjectNode copy = Json.NODES.objectNode();
            copy.setAll((ObjectNode) value);
            addKeys(copy, usage, fileList);
            return copy;
        }
        if (value.isString()) {
            ObjectNode message = Json.NODES.objectNode();
            message.put("role", isInput ? "user" : "ai");
            message.put("content", value.stringValue());
            addKeys(message, usage, fileList);
            return wrap(isInput ? "messages" : "choices", message);
        }
        if (value.isArray()) {
            if (!value.isEmpty() && value.get(0).isObject()) {
                ArrayNode renamed = Json.NODES.arrayNode();
                for (JsonNode element : value) {
                    renamed.add(renameTextToContent(element));
                }
                if (isInput) {
                    for (JsonNode element : renamed) {
                        if (element.isObject()) {
                            addKeys((ObjectNode) element, usage, fileList);
                        }
                    }
                    return wrap("messages", renamed);
                }
                ObjectNode choice = Json.NODES.objectNode();
                choice.put("role", "ai");
                choice.set("content", renamed);
                addKeys(choice, usage, fileList);
                return wrap("choices", choice);
            }
            ObjectNode message = Json.NODES.objectNode();
            message.put("role", isInput ? "user" : "ai");
            message.put("content", PythonRepr.of(value));
            addKeys(message, usage, fileList);
            return wrap("choices", message);
        }
        return value;
    }

    /**
     * Recursively renames every {@code text} key to {@code content} (a deep copy); like Dify's
     * {@code replace_text_with_content}, the value of a {@code text} key itself is not descended into.
     */
    static JsonNode renameTextToContent(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = Json.NODES.objectNode();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                // as Dify's replace_text_with_content: the value under "text" is copied, not descended into
                if ("text".equals(entry.getKey())) {
                    copy.set("content", entry.getValue().deepCopy());
                } else {
                    copy.set(entry.getKey(), renameTextToContent(entry.getValue()));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.NODES.arrayNode();
            for (JsonNode element : node) {
                copy.add(renameTextToContent(element));
            }
            return copy;
        }
        return node;
    }

    private static void addKeys(ObjectNode target, TokenUsage usage, List<String> fileList) {
        target.set("usage_metadata", usage.toNode());
        if (fileList == null) {
            target.putNull("file_list");
        } else {
            ArrayNode files = target.putArray("file_list");
            fileList.forEach(files::add);
        }
    }

    private static ObjectNode wrap(String key, JsonNode value) {
        ObjectNode wrapper = Json.NODES.objectNode();
        wrapper.set(key, value);
        return wrapper;
    }
}
