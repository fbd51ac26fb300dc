package dev.difyweave.backfill.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * C13: cuts a call whose upsert items are over the byte cap until they fit. The parts that may be cut are
 * the call's big values: {@code display_name}, {@code attributes} (all but {@code attributes.backfill}),
 * {@code inputs}, {@code exception} and {@code output}; the rest (ids, times, op name, summary, the
 * provenance) stays as it is. The cap left after the rest is shared out among the parts like among the
 * children of a container (see {@link SizeCutter}): small parts stay whole, big ones are cut to the share.
 * The cut call is written again and measured; should it still be over (the size model is close, not
 * exact, for unusual number texts), it is cut again from the original with the excess taken off the share.
 */
final class CallFitter {

    private static final int ATTEMPTS = 6;
    /** Bytes kept free for what the size model cannot see (a part's braces shared with its field). */
    private static final long SLACK = 64;

    private final long maxCallBytes;
    private final long listBytes;

    CallFitter(long maxCallBytes, long listBytes) {
        this.maxCallBytes = maxCallBytes;
        this.listBytes = listBytes;
    }

    /** {@code call}, whose upsert items {@code items} for {@code projectId} are over the cap, cut to fit. */
    WeaveCall fit(WeaveCall call, String projectId, byte[] items) {
        JsonSize sizes = new JsonSize();
        ObjectNode attributes = call.attributes();
        ObjectNode rest = Json.NODES.objectNode();
        rest.setAll(attributes);
        rest.remove("backfill");
        JsonNode[] parts = {
            call.displayName() == null ? null : Json.NODES.stringNode(call.displayName()), rest,
            CallCleaner.wireInputs(call.inputs()),
            call.exception() == null ? null : Json.NODES.stringNode(call.exception()), call.output()};
        String[] names = {"display_name", "attributes", "inputs", "exception", "output"};
        long[] partSizes = new long[parts.length];
        long variable = 0;
        for (int i = 0; i < parts.length; i++) {
            partSizes[i] = parts[i] == null ? 0 : sizes.of(parts[i]);
            variable += partSizes[i];
        }
        long fixed = items.length - variable;
        long avail = maxCallBytes - fixed - listBytes - JsonSize.ofString("truncated") - 2 - SLACK;
        WeaveCall fitted = call;
        WeaveCall.Encoded encoded = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            SizeCutter cutter = new SizeCutter(sizes);
            long share = Math.max(SizeCutter.share(partSizes, avail), SizeCutter.MIN_SHARE);
            JsonNode[] cut = new JsonNode[parts.length];
            for (int i = 0; i < parts.length; i++) {
                cut[i] = parts[i] == null || partSizes[i] <= share
                        ? parts[i] : cutter.fit(parts[i], share, ValuePath.root(names[i]));
            }
            ArrayNode truncated = ChangeList.render(cutter.cutPaths(), listBytes);
            fitted = call.withValues(call.opName(), cut[0] == null ? null : cut[0].stringValue(),
                    attributes(attributes, (ObjectNode) cut[1], truncated), cut[2], cut[4],
                    cut[3] == null ? null : cut[3].stringValue(), call.summary());
            encoded = WeaveJson.encode(projectId, fitted);
            long length = encoded.upsertItems().length;
            if (length <= maxCallBytes) {
                break;
            }
            avail -= length - maxCallBytes + (SLACK << attempt);
        }
        return fitted.withEncoded(encoded); // ATTEMPTS > 0: encoded at least once
    }

    /**
     * The attributes in their order with the cut values, {@code backfill} (copied) listing what was cut, and
     * the note of dropped members, if any, last.
     */
    private static ObjectNode attributes(ObjectNode original, ObjectNode cut, ArrayNode truncated) {
        ObjectNode result = Json.NODES.objectNode();
        for (Map.Entry<String, JsonNode> member : original.properties()) {
            String key = member.getKey();
            if (key.equals("backfill")) {
                result.set(key, member.getValue());
            } else if (cut.has(key)) {
                result.set(key, cut.get(key));
            }
        }
        List<String> added = new ArrayList<>();
        cut.propertyNames().forEach(key -> {
            if (!original.has(key)) {
                added.add(key);
            }
        });
        added.forEach(key -> result.set(key, cut.get(key)));
        if (truncated.isEmpty()) {
            return result;
        }
        ObjectNode listed = CallCleaner.withBackfill(result);
        ((ObjectNode) listed.get("backfill")).set("truncated", truncated);
        return listed;
    }
}
