package dev.difyweave.backfill.weave;

import java.time.Instant;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Weave call, start and end together, as the backfill sends it. {@code sourceKey} names the Dify
 * row it came from ({@code table:id}); it travels with the call into dead letters and never to Weave.
 */
public record WeaveCall(
        String id,
        String traceId,
        String parentId,
        String opName,
        String displayName,
        Instant startedAt,
        Instant endedAt,
        ObjectNode attributes,
        JsonNode inputs,
        JsonNode output,
        String exception,
        ObjectNode summary,
        String sourceKey,
        Encoded encoded) {

    /** The call serialised once as upsert items for one project, so batching never serialises it again. */
    public record Encoded(String projectId, byte[] upsertItems) {
    }

    public WeaveCall(String id, String traceId, String parentId, String opName, String displayName, Instant startedAt,
            Instant endedAt, ObjectNode attributes, JsonNode inputs, JsonNode output, String exception,
            ObjectNode summary, String sourceKey) {
        this(id, traceId, parentId, opName, displayName, startedAt, endedAt, attributes, inputs, output, exception,
                summary, sourceKey, null);
    }

    public WeaveCall withPayload(ObjectNode attributes, JsonNode inputs, JsonNode output) {
        return new WeaveCall(id, traceId, parentId, opName, displayName, startedAt, endedAt, attributes, inputs,
                output, exception, summary, sourceKey, null);
    }

    public WeaveCall withEncoded(String projectId, byte[] upsertItems) {
        return new WeaveCall(id, traceId, parentId, opName, displayName, startedAt, endedAt, attributes, inputs,
                output, exception, summary, sourceKey, new Encoded(projectId, upsertItems));
    }

    /** The upsert items of this call for a project: the cached bytes when they were made for it. */
    public byte[] upsertItems(String projectId) {
        if (encoded != null && encoded.projectId().equals(projectId)) {
            return encoded.upsertItems();
        }
        return WeaveJson.upsertItems(projectId, this);
    }

    public boolean isRoot() {
        return parentId == null;
    }
}
