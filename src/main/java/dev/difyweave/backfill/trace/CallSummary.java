package dev.difyweave.backfill.trace;

import java.time.Instant;
import java.util.Map;

import dev.difyweave.backfill.call.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code summary} as live Dify writes it ({@code status_counts}, {@code weave.latency_ms}) plus token
 * usage per model where Weave shows it (correction C5).
 */
final class CallSummary {

    private CallSummary() {
    }

    static ObjectNode of(String exception, long latencyMillis, ObjectNode usage) {
        ObjectNode summary = Json.NODES.objectNode();
        ObjectNode counts = summary.putObject("status_counts");
        boolean failed = exception != null;
        counts.put("success", failed ? 0 : 1);
        counts.put("error", failed ? 1 : 0);
        summary.putObject("weave").put("latency_ms", latencyMillis);
        if (usage != null && !usage.isEmpty()) {
            summary.set("usage", usage);
        }
        return summary;
    }

    static ObjectNode of(String exception, Instant start, Instant end, ObjectNode usage) {
        return of(exception, DifyTime.latencyMillis(start, end), usage);
    }

    /** {@code {<model>: {"requests": 1, "prompt_tokens", "completion_tokens", "total_tokens"}}}. */
    static ObjectNode usage(String model, long promptTokens, long completionTokens, long totalTokens) {
        ObjectNode usage = Json.NODES.objectNode();
        ObjectNode entry = usage.putObject(model == null || model.isBlank() ? "unknown" : model);
        entry.put("requests", 1);
        entry.put("prompt_tokens", promptTokens);
        entry.put("completion_tokens", completionTokens);
        entry.put("total_tokens", totalTokens);
        return usage;
    }

    /** Adds every model entry of {@code child} into {@code total}, field by field. */
    static void rollUp(ObjectNode total, JsonNode child) {
        if (child == null) {
            return;
        }
        for (Map.Entry<String, JsonNode> model : child.properties()) {
            ObjectNode into = total.has(model.getKey()) ? (ObjectNode) total.get(model.getKey())
                    : total.putObject(model.getKey());
            for (Map.Entry<String, JsonNode> field : model.getValue().properties()) {
                long sum = into.path(field.getKey()).asLong(0) + field.getValue().asLong(0);
                into.put(field.getKey(), sum);
            }
        }
    }
}
