package dev.difyweave.backfill.testsupport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server's per-row limit ({@code CLICKHOUSE_SINGLE_ROW_INSERT_BYTES_LIMIT}): a part whose JSON is larger has
 * its largest of attributes/inputs/output replaced by {@code {"_weave": {"error": "<EXCEEDS_LIMITS>"}}}, one at a
 * time, until it fits. The request still succeeds: silent data loss, which tests can detect through the count.
 */
final class RowSizeLimiter {

    static final long DEFAULT_ROW_LIMIT_BYTES = 3_670_016L;
    private static final List<String> STRIPPABLE = List.of("attributes", "inputs", "output");

    private final JsonMapper json;
    private volatile long limitBytes = DEFAULT_ROW_LIMIT_BYTES;

    RowSizeLimiter(JsonMapper json) {
        this.json = json;
    }

    void setLimitBytes(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    long limitBytes() {
        return limitBytes;
    }

    /** @return how many of the parts had fields stripped */
    int enforce(List<CallPart> parts) {
        int stripped = 0;
        for (CallPart part : parts) {
            if (enforce(part.fields())) {
                stripped++;
            }
        }
        return stripped;
    }

    private boolean enforce(ObjectNode fields) {
        if (size(fields) <= limitBytes) {
            return false;
        }
        List<String> candidates = new ArrayList<>(STRIPPABLE.stream()
                .filter(name -> fields.hasNonNull(name) && !fields.get(name).equals(exceedsLimits()))
                .toList());
        while (size(fields) > limitBytes && !candidates.isEmpty()) {
            String largest = candidates.stream().max(Comparator.comparingLong(name -> size(fields.get(name))))
                    .orElseThrow();
            fields.set(largest, exceedsLimits());
            candidates.remove(largest);
        }
        return true;
    }

    static ObjectNode exceedsLimits() {
        ObjectNode marker = JsonNodeFactory.instance.objectNode();
        marker.putObject("_weave").put("error", "<EXCEEDS_LIMITS>");
        return marker;
    }

    private long size(JsonNode node) {
        return json.writeValueAsBytes(node).length;
    }
}
