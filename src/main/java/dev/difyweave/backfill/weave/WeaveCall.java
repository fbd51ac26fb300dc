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
        String sourceKey) {

    public WeaveCall withPayload(ObjectNode attributes, JsonNode inputs, JsonNode output) {
        return new WeaveCall(id, traceId, parentId, opName, displayName, startedAt, endedAt, attributes, inputs,
                output, exception, summary, sourceKey);
    }

    public boolean isRoot() {
        return parentId == null;
    }
}
