package dev.difyweave.backfill.testsupport;

import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Renders a stored call as the read-side CallSchema, with the server-derived {@code summary.weave}. */
final class CallSchemaRenderer {

    /** CallSchema's fields, in the server's order. */
    static final List<String> FIELDS = List.of("id", "project_id", "op_name", "display_name", "trace_id",
            "parent_id", "thread_id", "turn_id", "started_at", "attributes", "inputs", "ended_at", "exception",
            "output", "summary", "wb_user_id", "wb_run_id", "wb_run_step", "wb_run_step_end", "deleted_at",
            "storage_size_bytes", "total_storage_size_bytes");

    /** Returned whatever {@code columns} asks for ({@code REQUIRED_CALL_COLUMNS}). */
    static final List<String> REQUIRED_COLUMNS = List.of("id", "project_id", "trace_id", "op_name", "started_at");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    ObjectNode render(StoredCall call) {
        ObjectNode row = NODES.objectNode();
        ObjectNode stored = call.fields();
        for (String field : FIELDS) {
            JsonNode value = stored.get(field);
            row.set(field, value == null ? NODES.nullNode() : value.deepCopy());
        }
        row.put("project_id", call.projectId());
        row.put("started_at", WeaveTimestamps.format(call.startedAt()));
        if (call.endedAt() != null) {
            row.put("ended_at", WeaveTimestamps.format(call.endedAt()));
        }
        if (call.deletedAt() != null) {
            row.put("deleted_at", WeaveTimestamps.format(call.deletedAt()));
        }
        row.set("summary", summaryWithWeave(call));
        return row;
    }

    /**
     * Keeps only the requested columns plus the required ones; the others come back as null
     * ({@code attributes}/{@code inputs} as {@code {}}), as the server's CallSchema defaults do.
     */
    ObjectNode restrict(ObjectNode row, List<String> columns) {
        ObjectNode restricted = NODES.objectNode();
        for (String field : FIELDS) {
            boolean selected = REQUIRED_COLUMNS.contains(field)
                    || columns.stream().anyMatch(column -> column.equals(field) || column.startsWith(field + "."));
            if (selected) {
                restricted.set(field, row.get(field));
            } else if (field.equals("attributes") || field.equals("inputs")) {
                restricted.set(field, NODES.objectNode());
            } else {
                restricted.putNull(field);
            }
        }
        return restricted;
    }

    private static ObjectNode summaryWithWeave(StoredCall call) {
        ObjectNode summary = call.summary() instanceof ObjectNode stored ? stored.deepCopy() : NODES.objectNode();
        ObjectNode weave = summary.get("weave") instanceof ObjectNode existing ? existing : NODES.objectNode();
        weave.put("status", status(call));
        if (call.startedAt() != null && call.endedAt() != null) {
            weave.put("latency_ms", Duration.between(call.startedAt(), call.endedAt()).toMillis());
        }
        weave.put("trace_name", call.displayName() != null && !call.displayName().isEmpty()
                ? call.displayName()
                : WeaveRefs.displayOpName(call.opName()));
        summary.set("weave", weave);
        return summary;
    }

    /** error if exception set; descendant_error if status_counts.error > 0; running if not ended; else success. */
    static String status(StoredCall call) {
        if (call.exception() != null) {
            return "error";
        }
        JsonNode errors = call.summary() == null ? null : call.summary().path("status_counts").path("error");
        if (errors != null && errors.isNumber() && errors.doubleValue() > 0) {
            return "descendant_error";
        }
        return call.endedAt() == null ? "running" : "success";
    }
}
