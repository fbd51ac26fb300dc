package dev.difyweave.backfill.weave;

import dev.difyweave.backfill.call.Json;
import java.util.Collection;
import java.util.List;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Weave {@code Query} expressions on feedback ids: {@code $in} for reading, and for purging the only shape
 * Weave accepts there, {@code $eq} on {@code id} or an {@code $or} of those.
 */
final class FeedbackFilters {

    private FeedbackFilters() {
    }

    /** {@code {"$expr": {"$in": [{"$getField": "id"}, [{"$literal": id}, ...]]}}}. */
    static ObjectNode idIn(Collection<String> ids) {
        ObjectNode query = Json.NODES.objectNode();
        ArrayNode in = query.putObject("$expr").putArray("$in");
        in.addObject().put("$getField", "id");
        ArrayNode literals = in.addArray();
        ids.forEach(id -> literals.addObject().put("$literal", id));
        return query;
    }

    /** {@code $eq} on the id for one, an {@code $or} of {@code $eq}s for several. */
    static ObjectNode purgeOf(List<String> ids) {
        ObjectNode query = Json.NODES.objectNode();
        if (ids.size() == 1) {
            query.set("$expr", idEquals(ids.get(0)));
        } else {
            ArrayNode or = query.putObject("$expr").putArray("$or");
            ids.forEach(id -> or.add(idEquals(id)));
        }
        return query;
    }

    private static ObjectNode idEquals(String id) {
        ObjectNode eq = Json.NODES.objectNode();
        ArrayNode operands = eq.putArray("$eq");
        operands.addObject().put("$getField", "id");
        operands.addObject().put("$literal", id);
        return eq;
    }
}
