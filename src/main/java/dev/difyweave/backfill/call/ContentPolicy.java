package dev.difyweave.backfill.call;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.List;
import java.util.function.UnaryOperator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a {@link ContentMode} to a call, before it is sanitised. Pure: no I/O, the call given is not
 * changed.
 * <ul>
 * <li>{@code keep}: the call as it is (only {@code attributes.backfill.content} is set).</li>
 * <li>{@code drop}: {@code inputs} become {@code {}}, {@code output} {@code null}, the content
 * attributes ({@link #CONTENT_ATTRIBUTES}) are removed, and an exception message becomes
 * {@value #DROPPED_EXCEPTION} (the call still failed).</li>
 * <li>{@code hash}: every string value in {@code inputs}, {@code output}, the content attributes and the
 * exception message becomes {@code "sha256:" + the first 16 hex digits of SHA-256(UTF-8 value)}, so equal
 * values stay comparable; object keys, numbers, booleans and nulls stay as they are.</li>
 * </ul>
 * Ids, trace ids, parent ids, op names, display names, timestamps, {@code summary} (status counts,
 * latency, token usage) and every other attribute (ids, model names, node titles, statuses, tags,
 * provenance) are never changed: they are the structure of the trace, not what was said in it.
 */
public final class ContentPolicy {

    /**
     * Where content ends up in {@code attributes}: a tool call's arguments (also in
     * {@code tool_config.tool_parameters}), result and error message, a moderation's preset response, a
     * node's agent log and loop variables, and execution metadata that was not an object.
     */
    public static final List<List<String>> CONTENT_ATTRIBUTES = List.of(List.of("tool_inputs"),
            List.of("tool_outputs"), List.of("error"), List.of("tool_config", "tool_parameters"),
            List.of("preset_response"), List.of("agent_log"), List.of("loop_variable_map"),
            List.of("execution_metadata"));

    public static final String DROPPED_EXCEPTION = "[content dropped]";
    public static final String HASH_PREFIX = "sha256:";

    private final ContentMode mode;

    public ContentPolicy(ContentMode mode) {
        this.mode = mode;
    }

    public ContentMode mode() {
        return mode;
    }

    public WeaveCall apply(WeaveCall call) {
        if (mode == ContentMode.KEEP && call.attributes() != null
                && mode.parameter().equals(call.attributes().path("backfill").path("content").stringValue(null))) {
            return call; // the common case: the mapper's provenance already says keep, nothing to copy
        }
        // a shallow copy: the children replaced below are new nodes, the others are shared, never changed
        ObjectNode attributes = Json.NODES.objectNode();
        if (call.attributes() != null) {
            attributes.setAll(call.attributes());
        }
        JsonNode inputs = call.inputs();
        JsonNode output = call.output();
        String exception = call.exception();
        switch (mode) {
            case KEEP -> {
            }
            case DROP -> {
                inputs = Json.NODES.objectNode();
                output = null;
                exception = exception == null ? null : DROPPED_EXCEPTION;
                CONTENT_ATTRIBUTES.forEach(path -> replace(attributes, path, value -> null));
            }
            case HASH -> {
                inputs = hashStrings(inputs);
                output = hashStrings(output);
                exception = exception == null ? null : hash(exception);
                CONTENT_ATTRIBUTES.forEach(path -> replace(attributes, path, ContentPolicy::hashStrings));
            }
        }
        JsonNode backfill = attributes.get("backfill");
        ObjectNode provenance = backfill instanceof ObjectNode o ? o.deepCopy() : Json.NODES.objectNode();
        provenance.put("content", mode.parameter());
        attributes.set("backfill", provenance);
        return call.withValues(call.opName(), call.displayName(), attributes, inputs, output, exception,
                call.summary());
    }

    /**
     * A text of feedback (a comment, an annotation's question or answer, who gave it) under this mode: as
     * it is ({@code keep}), {@code null} ({@code drop}) or {@link #hash} of it ({@code hash}); {@code null}
     * stays {@code null}.
     */
    public String text(String value) {
        if (value == null) {
            return null;
        }
        return switch (mode) {
            case KEEP -> value;
            case DROP -> null;
            case HASH -> hash(value);
        };
    }

    /**
     * Replaces the value at {@code path} below {@code node} by {@code change} of it (removed when that is
     * {@code null}); the objects on the way are copied first, so nothing shared is changed.
     */
    private static void replace(ObjectNode node, List<String> path, UnaryOperator<JsonNode> change) {
        String key = path.get(0);
        JsonNode value = node.get(key);
        if (value == null) {
            return;
        }
        if (path.size() > 1) {
            if (value instanceof ObjectNode child) {
                ObjectNode copy = Json.NODES.objectNode();
                copy.setAll(child);
                replace(copy, path.subList(1, path.size()), change);
                node.set(key, copy);
            }
            return;
        }
        JsonNode changed = change.apply(value);
        if (changed == null) {
            node.remove(key);
        } else {
            node.set(key, changed);
        }
    }

    /** {@code "sha256:"} and the first 16 hex digits of the SHA-256 of the value's UTF-8 bytes. */
    public static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HASH_PREFIX + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** A copy of {@code node} with every string value hashed; keys and non-string scalars as they are. */
    static JsonNode hashStrings(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            return Json.NODES.stringNode(hash(node.stringValue()));
        }
        if (node.isObject()) {
            ObjectNode copy = Json.NODES.objectNode();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                copy.set(entry.getKey(), hashStrings(entry.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.NODES.arrayNode();
            for (JsonNode item : node) {
                copy.add(hashStrings(item));
            }
            return copy;
        }
        return node;
    }
}
