package dev.difyweave.backfill.testsupport;

import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One validated write: a start part, an end part (v1, {@code call_parts}) or a completed call (v2,
 * {@code calls_complete}). {@code fields} holds only the schema's known keys (unknown keys are dropped, as
 * pydantic does for the inner models), with datetimes already normalized to UTC strings.
 */
record CallPart(Kind kind, String projectId, String id, ObjectNode fields) {

    enum Kind { START, END, COMPLETE }

    boolean carriesStart() {
        return kind != Kind.END;
    }

    boolean carriesEnd() {
        return kind != Kind.START;
    }

    String traceId() {
        return text("trace_id");
    }

    Instant startedAt() {
        JsonNode value = fields.get("started_at");
        return value == null || value.isNull() ? null : WeaveTimestamps.parse(value);
    }

    String text(String key) {
        JsonNode value = fields.get(key);
        return value == null || value.isNull() ? null : value.stringValue();
    }
}
