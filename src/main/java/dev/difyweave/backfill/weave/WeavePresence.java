package dev.difyweave.backfill.weave;

import dev.difyweave.backfill.call.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asks Weave which of a set of call ids are present and complete: {@code /calls/stream_query} with a
 * {@code call_ids} filter of at most 1000 ids (the server's limit), columns {@code id, ended_at}, read
 * as JSON Lines. Only calls whose start arrived are returned; a call without {@code ended_at} is
 * present but not complete.
 */
public final class WeavePresence {

    public static final int MAX_IDS = 1000;

    private final WeaveHttpClient client;
    private final WeaveRetry retry;

    public WeavePresence(WeaveHttpClient client, WeaveRetry retry) {
        this.client = client;
        this.retry = retry;
    }

    /** The ids among {@code ids} (at most 1000) that Weave holds with their end. */
    public Set<String> complete(String projectId, List<String> ids) {
        if (ids.size() > MAX_IDS) {
            throw new IllegalArgumentException("at most " + MAX_IDS + " ids per query, got " + ids.size());
        }
        ObjectNode request = Json.NODES.objectNode();
        request.put("project_id", projectId);
        ArrayNode callIds = request.putObject("filter").putArray("call_ids");
        ids.forEach(callIds::add);
        request.putArray("columns").add("id").add("ended_at");
        request.put("limit", ids.size());
        byte[] body = Json.MAPPER.writeValueAsBytes(request);
        WeaveResponse response = retry.call("POST /calls/stream_query", () -> {
            WeaveResponse reply = client.query("/calls/stream_query", body);
            if (reply.isRetryable()) {
                throw new TransientWeaveException("HTTP " + reply.status() + " on POST /calls/stream_query",
                        reply.retryAfter(), null);
            }
            return reply;
        });
        if (!response.isSuccess()) {
            throw new WeaveRejectedException("Weave answered HTTP " + response.status() + " to /calls/stream_query for "
                    + projectId + ": " + response.body());
        }
        Set<String> present = new HashSet<>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode call = Json.MAPPER.readTree(line);
            if (!call.path("ended_at").isNull() && !call.path("ended_at").isMissingNode()) {
                present.add(call.path("id").asString());
            }
        }
        return present;
    }
}
