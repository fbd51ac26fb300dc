package dev.difyweave.backfill.call;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cuts a JSON value down to a byte budget (C13), taking bytes from the largest parts first and leaving
 * small ones as they are. The budget of a container is shared out like water: every child that fits within
 * the common share keeps all of itself, the bigger ones are cut to that share, recursively.
 * <ul>
 * <li>a string keeps its beginning, cut at a code point boundary, followed by {@link #marker};</li>
 * <li>an array whose share per element would be too small for anything useful keeps its first elements
 * and ends with a string saying how many were dropped ({@link #droppedElements});</li>
 * <li>an object in the same situation drops its largest members first and says so in a member
 * {@value #DROPPED_KEY} ({@link #droppedMembers});</li>
 * <li>any other value too big on its own (a number of a million digits) is cut as its text.</li>
 * </ul>
 * Nothing is changed in place: changed containers are copies sharing their untouched children.
 * Each cut value (a cut string, or a container that lost elements or members) is recorded by path.
 */
final class SizeCutter {

    /** The least share a cut value gets: room for its marker and some of its content. */
    static final long MIN_SHARE = 256;
    static final String DROPPED_KEY = "…dropped by dify-weave-backfill";

    private final JsonSize sizes;
    private final List<ValuePath> cut = new ArrayList<>();

    SizeCutter(JsonSize sizes) {
        this.sizes = sizes;
    }

    /** The paths of the values cut so far. */
    List<ValuePath> cutPaths() {
        return cut;
    }

    /** {@code node} itself if it fits in {@code budget} bytes, else a cut copy that does. */
    JsonNode fit(JsonNode node, long budget, ValuePath where) {
        if (sizes.of(node) <= budget) {
            return node;
        }
        if (node.isArray()) {
            return fitArray((ArrayNode) node, budget, where);
        }
        if (node.isObject()) {
            return fitObject((ObjectNode) node, budget, where);
        }
        String text = node.isString() ? node.stringValue() : WeaveJson.toJson(node);
        cut.add(where);
        return Json.NODES.stringNode(cutString(text, budget));
    }

    /** {@code text} cut so that, as a JSON string with its marker, it takes at most {@code budget} bytes. */
    static String cutString(String text, long budget) {
        long room = budget - JsonSize.ofString(marker(text.length(), text.length()));
        int keep = JsonSize.fittingPrefix(text, Math.max(0, room));
        return text.substring(0, keep) + marker(keep, text.length());
    }

    static String marker(int kept, int total) {
        return "…[truncated by dify-weave-backfill: kept " + kept + " of " + total + " chars]";
    }

    static String droppedElements(int dropped, int total) {
        return "…[" + dropped + " of " + total + " elements dropped by dify-weave-backfill]";
    }

    static String droppedMembers(int dropped, int total) {
        return "[" + dropped + " of " + total + " members dropped by dify-weave-backfill, largest first]";
    }

    /**
     * The common share of a container's budget: the largest {@code t} with {@code sum(min(size_i, t)) <= avail},
     * or {@link Long#MAX_VALUE} when everything fits as it is.
     */
    static long share(long[] childSizes, long avail) {
        long total = 0;
        for (long size : childSizes) {
            total += size;
        }
        if (total <= avail) {
            return Long.MAX_VALUE;
        }
        long[] sorted = childSizes.clone();
        Arrays.sort(sorted);
        long kept = 0;
        for (int k = 0; k < sorted.length; k++) {
            long share = (avail - kept) / (sorted.length - k);
            if (share < sorted[k]) {
                return share;
            }
            kept += sorted[k];
        }
        return Long.MAX_VALUE;
    }

    private JsonNode fitArray(ArrayNode array, long budget, ValuePath where) {
        int n = array.size();
        long[] childSizes = new long[n];
        for (int i = 0; i < n; i++) {
            childSizes[i] = sizes.of(array.get(i));
        }
        long share = share(childSizes, budget - 2 - Math.max(0, n - 1));
        ArrayNode copy = Json.NODES.arrayNode(n);
        if (share >= MIN_SHARE) {
            for (int i = 0; i < n; i++) {
                JsonNode element = array.get(i);
                copy.add(childSizes[i] > share ? fit(element, share, where.element(i)) : element);
            }
            return copy;
        }
        // too many elements to keep a useful part of each: keep the first ones
        long room = budget - 2 - (JsonSize.ofString(droppedElements(n, n)) + 1);
        for (int i = 0; i < n; i++) {
            long comma = copy.isEmpty() ? 0 : 1;
            if (childSizes[i] + comma <= room) {
                copy.add(array.get(i));
                room -= childSizes[i] + comma;
            } else {
                if (room - comma >= MIN_SHARE) {
                    copy.add(fit(array.get(i), room - comma, where.element(i)));
                }
                break;
            }
        }
        cut.add(where);
        copy.add(droppedElements(n - copy.size(), n));
        return copy;
    }

    private JsonNode fitObject(ObjectNode object, long budget, ValuePath where) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(object.properties());
        int n = members.size();
        long[] keyBytes = new long[n];
        long[] valueBytes = new long[n];
        for (int i = 0; i < n; i++) {
            keyBytes[i] = JsonSize.ofString(members.get(i).getKey()) + 1;
            valueBytes[i] = sizes.of(members.get(i).getValue());
        }
        boolean[] dropped = new boolean[n];
        long avail = budget - 2 - Math.max(0, n - 1) - sum(keyBytes, dropped);
        long share = share(valueBytes, avail);
        if (share < MIN_SHARE) {
            // too many members to keep a useful part of each: drop the largest until the rest can share
            long marker = JsonSize.ofString(DROPPED_KEY) + 1 + JsonSize.ofString(droppedMembers(n, n)) + 1;
            Integer[] largestFirst = new Integer[n];
            Arrays.setAll(largestFirst, i -> i);
            Arrays.sort(largestFirst, Comparator.comparingLong((Integer i) -> keyBytes[i] + valueBytes[i])
                    .thenComparing(i -> i).reversed());
            int kept = n;
            long minimum = marker + 2 + Math.max(0, n - 1);
            for (int i = 0; i < n; i++) {
                minimum += keyBytes[i] + Math.min(valueBytes[i], MIN_SHARE);
            }
            for (int i : largestFirst) {
                if (minimum <= budget) {
                    break;
                }
                dropped[i] = true;
                kept--;
                minimum -= keyBytes[i] + Math.min(valueBytes[i], MIN_SHARE) + (kept > 0 ? 1 : 0);
            }
            avail = budget - marker - 2 - Math.max(0, kept - 1) - sum(keyBytes, dropped);
            share = share(keptOnly(valueBytes, dropped), avail);
        }
        ObjectNode copy = Json.NODES.objectNode();
        int droppedCount = 0;
        for (int i = 0; i < n; i++) {
            Map.Entry<String, JsonNode> member = members.get(i);
            if (dropped[i]) {
                droppedCount++;
            } else {
                JsonNode value = member.getValue();
                copy.set(member.getKey(), valueBytes[i] > share ? fit(value, share, where.child(member.getKey())) : value);
            }
        }
        if (droppedCount > 0) {
            cut.add(where);
            copy.put(DROPPED_KEY, droppedMembers(droppedCount, n));
        }
        return copy;
    }

    private static long sum(long[] values, boolean[] dropped) {
        long total = 0;
        for (int i = 0; i < values.length; i++) {
            total += dropped[i] ? 0 : values[i];
        }
        return total;
    }

    private static long[] keptOnly(long[] values, boolean[] dropped) {
        long[] kept = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            kept[i] = dropped[i] ? 0 : values[i];
        }
        return kept;
    }
}
