package dev.difyweave.backfill.trace;

import java.time.Instant;
import java.util.List;

import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.WeaveJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Small helpers every mapper uses to fill {@code attributes}: tags, times, provenance (C8). */
final class CallAttributes {

    private CallAttributes() {
    }

    static void tags(ObjectNode attributes, String... tags) {
        ArrayNode array = attributes.putArray("tags");
        for (String tag : tags) {
            array.add(tag);
        }
    }

    static void times(ObjectNode attributes, Instant start, Instant end) {
        attributes.put("start_time", WeaveJson.timestamp(start));
        attributes.put("end_time", WeaveJson.timestamp(end));
    }

    static void provenance(ObjectNode attributes, Provenance provenance, List<String> approximated) {
        ObjectNode backfill = attributes.putObject("backfill");
        backfill.put("source", provenance.source());
        backfill.put("version", provenance.version());
        backfill.put("job", provenance.job());
        backfill.put("content", provenance.content());
        ArrayNode list = backfill.putArray("approximated");
        approximated.forEach(list::add);
    }

    static void putNullable(ObjectNode node, String key, Object value) {
        if (value == null) {
            node.putNull(key);
        } else {
            node.put(key, value.toString());
        }
    }

    /** Dify's {@code json.loads(x) if x else {}}; a non-object value (raw text included) is kept. */
    static JsonNode objectOrEmpty(JsonNode parsed) {
        return parsed == null ? Json.NODES.objectNode() : parsed;
    }

    static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * A Dify name as a plain Weave op name: at most 128 characters, and never a {@code weave:} string
     * (Weave would parse it as a ref), which gets {@code prefix} in front.
     */
    static String opName(String prefix, String name) {
        String op = name.startsWith("weave:") ? prefix + name : name;
        return op.length() <= 128 ? op : op.substring(0, 128);
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
