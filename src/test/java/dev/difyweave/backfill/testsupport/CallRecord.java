package dev.difyweave.backfill.testsupport;

import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The mutable merge target for all parts of one stored row (one {@code calls_merged} id or one complete row). */
final class CallRecord {

    private final String projectId;
    private final String id;
    private final String table;
    private final ObjectNode fields = JsonNodeFactory.instance.objectNode();
    private Instant startedAt;
    private Instant endedAt;
    private Instant deletedAt;

    CallRecord(String projectId, String id, String table) {
        this.projectId = projectId;
        this.id = id;
        this.table = table;
    }

    /** {@code any()} per field: a value already stored wins over a later one; nulls never win. */
    void merge(CallPart part) {
        for (Map.Entry<String, JsonNode> field : part.fields().properties()) {
            JsonNode current = fields.get(field.getKey());
            if (current == null || current.isNull()) {
                fields.set(field.getKey(), field.getValue());
            }
        }
        startedAt = instant("started_at");
        endedAt = instant("ended_at");
    }

    /** {@code argMax} semantics for the one updatable field. */
    void updateDisplayName(String displayName) {
        fields.put("display_name", displayName);
    }

    void markDeleted(Instant at) {
        if (deletedAt == null) {
            deletedAt = at;
        }
    }

    String id() {
        return id;
    }

    boolean hasStart() {
        return startedAt != null;
    }

    boolean hasEnd() {
        return endedAt != null;
    }

    String parentId() {
        return text("parent_id");
    }

    StoredCall snapshot(int partsReceived) {
        ObjectNode copy = fields.deepCopy();
        return new StoredCall(projectId, id, text("trace_id"), text("parent_id"), text("op_name"),
                text("display_name"), startedAt, endedAt, json(copy, "attributes"), json(copy, "inputs"),
                json(copy, "output"), text("exception"), json(copy, "summary"), deletedAt, partsReceived, table,
                copy);
    }

    private Instant instant(String key) {
        JsonNode value = fields.get(key);
        return value == null || value.isNull() ? null : WeaveTimestamps.parse(value);
    }

    private String text(String key) {
        JsonNode value = fields.get(key);
        return value == null || !value.isString() ? null : value.stringValue();
    }

    private static JsonNode json(ObjectNode source, String key) {
        JsonNode value = source.get(key);
        return value == null || value.isNull() ? null : value;
    }
}
