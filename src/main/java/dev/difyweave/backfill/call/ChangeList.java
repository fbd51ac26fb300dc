package dev.difyweave.backfill.call;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.node.ArrayNode;

/**
 * A list of changed paths as written to {@code attributes.backfill}, kept within a byte budget so that the
 * record of changes never makes a call too big itself: when the paths do not fit (a call with 100 000
 * escaped values), they are replaced by their ancestors, as deep as still fits ({@code inputs.rows[7].url}
 * becomes {@code inputs.rows}). A listed path covers everything below it, so nothing changed goes unlisted.
 */
final class ChangeList {

    private ChangeList() {
    }

    /** The paths, in order and without repeats, coarsened until their JSON array takes at most {@code maxBytes}. */
    static ArrayNode render(List<ValuePath> paths, long maxBytes) {
        int deepest = paths.stream().mapToInt(ValuePath::depth).max().orElse(1);
        Set<String> all = texts(paths, deepest);
        if (bytes(all) <= maxBytes) {
            return array(all);
        }
        // fewer levels never give a longer list: find the most levels that fit
        int low = 1;
        int high = deepest - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (bytes(texts(paths, mid)) <= maxBytes) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return array(texts(paths, low));
    }

    private static Set<String> texts(List<ValuePath> paths, int levels) {
        Set<String> texts = new LinkedHashSet<>();
        for (ValuePath path : paths) {
            texts.add(path.upTo(levels).toString());
        }
        return texts;
    }

    private static long bytes(Set<String> texts) {
        long total = 2;
        for (String text : texts) {
            total += JsonSize.ofString(text) + 1;
        }
        return total;
    }

    private static ArrayNode array(Set<String> texts) {
        ArrayNode array = Json.NODES.arrayNode();
        texts.forEach(array::add);
        return array;
    }
}
