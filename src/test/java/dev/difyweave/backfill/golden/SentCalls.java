package dev.difyweave.backfill.golden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The calls a run sent, from the bodies of the {@code /call/upsert_batch} requests Weave accepted: per call
 * id every start and end part as sent, and the number of the request that carried it.
 */
final class SentCalls {

    record Part(int request, JsonNode body) {
    }

    static final class Call {
        final List<Part> starts = new ArrayList<>();
        final List<Part> ends = new ArrayList<>();
    }

    private final Map<String, Call> calls = new LinkedHashMap<>();

    static SentCalls of(List<JsonNode> upsertBatchBodies) {
        SentCalls sent = new SentCalls();
        for (int request = 0; request < upsertBatchBodies.size(); request++) {
            for (JsonNode item : upsertBatchBodies.get(request).path("batch")) {
                String mode = item.path("mode").asString();
                JsonNode part = item.path("req").path(mode);
                Call call = sent.calls.computeIfAbsent(part.path("id").asString(), id -> new Call());
                (mode.equals("start") ? call.starts : call.ends).add(new Part(request, part));
            }
        }
        return sent;
    }

    Map<String, Call> byId() {
        return calls;
    }
}
