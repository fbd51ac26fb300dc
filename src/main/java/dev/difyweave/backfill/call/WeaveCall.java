package dev.difyweave.backfill.call;

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

    /** This call with every value Weave reads replaced (what the sanitizer changes). */
    public WeaveCall withValues(String opName, String displayName, ObjectNode attributes, JsonNode inputs,
            JsonNode output, String exception, ObjectNode summary) {
        return new WeaveCall(id, traceId, parentId, opName, displayName, startedAt, endedAt, attributes, inputs,
                output, exception, summary, sourceKey, null);
    }

    public WeaveCall withEncoded(String projectId, byte[] upsertItems) {
        return new WeaveCall(id, traceId, parentId, opName, displayName, startedAt, endedAt, attributes, inputs,
                output, exception, summary, sourceKey, new Encoded(projectId, upsertItems));
    }

    /** Equal calls are equal whether or not their bytes were cached: {@code encoded} is a cache, not a value. */
    @Override
    public boolean equals(Object other) {
        return other instanceof WeaveCall c && java.util.Objects.equals(id, c.id) && java.util.Objects.equals(traceId, c.traceId)
                && java.util.Objects.equals(parentId, c.parentId) && java.util.Objects.equals(opName, c.opName)
                && java.util.Objects.equals(displayName, c.displayName) && java.util.Objects.equals(startedAt, c.startedAt)
                && java.util.Objects.equals(endedAt, c.endedAt) && java.util.Objects.equals(attributes, c.attributes)
                && java.util.Objects.equals(inputs, c.inputs) && java.util.Objects.equals(output, c.output)
                && java.util.Objects.equals(exception, c.exception) && java.util.Objects.equals(summary, c.summary)
                && java.util.Objects.equals(sourceKey, c.sourceKey);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(id, traceId, parentId, opName, startedAt, endedAt, sourceKey);
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
