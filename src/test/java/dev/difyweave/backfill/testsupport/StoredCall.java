package dev.difyweave.backfill.testsupport;

import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A snapshot of one stored call as the fake holds it: the merge of every part received for it (first non-null
 * value per field, like ClickHouse's {@code any()}). JSON values are copies; absent or JSON-null values are Java null.
 *
 * @param table          {@code "calls_merged"} (v1 parts) or {@code "calls_complete"} (v2 complete rows)
 * @param partsReceived  how many parts (starts, ends, complete rows) were stored for this id, re-sends included
 * @param fields         every stored wire field of the merged call ({@code wb_run_id}, {@code thread_id}, ...)
 */
public record StoredCall(
        String projectId,
        String id,
        String traceId,
        String parentId,
        String opName,
        String displayName,
        Instant startedAt,
        Instant endedAt,
        JsonNode attributes,
        JsonNode inputs,
        JsonNode output,
        String exception,
        JsonNode summary,
        Instant deletedAt,
        int partsReceived,
        String table,
        ObjectNode fields) {

    /** Whether a start part has arrived (only such calls are visible to queries). */
    public boolean hasStart() {
        return startedAt != null;
    }

    /** Whether an end part (or a complete row) has arrived. */
    public boolean hasEnd() {
        return endedAt != null;
    }

    /** The status the server derives on read: error, descendant_error, running or success. */
    public String status() {
        return CallSchemaRenderer.status(this);
    }
}
