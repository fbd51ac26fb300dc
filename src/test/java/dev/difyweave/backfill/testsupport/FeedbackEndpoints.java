package dev.difyweave.backfill.testsupport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fake's {@code /feedback/batch/create}, {@code /feedback/query}, {@code /feedback/purge} and
 * {@code /feedback/replace}: request bodies in, reply bodies out (validation errors are thrown as
 * {@link ApiError}); rows live in a {@link FeedbackStore}.
 */
final class FeedbackEndpoints {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final FeedbackRequestValidator validator = new FeedbackRequestValidator();
    private final FeedbackStore store = new FeedbackStore();
    private final Set<String> refusedRefs = ConcurrentHashMap.newKeySet();

    /** All items valid, then all stored: {@code {"res": [FeedbackCreateRes, ...]}}. */
    JsonNode createBatch(JsonNode body) {
        List<StoredFeedback> rows = validator.createBatch(body);
        refuseMarked(rows);
        store.add(rows);
        ArrayNode results = NODES.arrayNode();
        rows.forEach(row -> results.add(created(row)));
        return NODES.objectNode().set("res", results);
    }

    /** {@code {"result": [row, ...]}}, sorted, paged and narrowed to {@code fields} as asked. */
    JsonNode query(JsonNode body) {
        FeedbackRequestValidator.Query query = validator.query(body);
        List<StoredFeedback> rows = new ArrayList<>(store.select(query.projectId(), query.where()));
        Comparator<StoredFeedback> order = null;
        for (CallsQuery.SortKey sort : query.sortBy()) {
            Comparator<StoredFeedback> by = Comparator.comparing(row -> row.toJson().path(sort.field()).asString());
            by = sort.descending() ? by.reversed() : by;
            order = order == null ? by : order.thenComparing(by);
        }
        if (order != null) {
            rows.sort(order);
        }
        ArrayNode result = NODES.arrayNode();
        rows.stream().skip(query.offset()).limit(query.limit()).forEach(row -> result.add(project(row, query)));
        return NODES.objectNode().set("result", result);
    }

    /** Removes every row of the named ids: {@code {}}. */
    JsonNode purge(JsonNode body) {
        FeedbackRequestValidator.Purge purge = validator.purge(body);
        store.purge(purge.projectId(), purge.ids());
        return NODES.objectNode();
    }

    /** Purges {@code feedback_id}, then validates and creates the new one: not atomic, as in Weave. */
    JsonNode replace(JsonNode body) {
        FeedbackRequestValidator.Replace replace = validator.replace(body);
        store.purge(replace.projectId(), List.of(replace.feedbackId()));
        StoredFeedback row = validator.replacement(replace.create());
        refuseMarked(List.of(row));
        store.add(List.of(row));
        return created(row);
    }

    List<StoredFeedback> rows(String projectId) {
        return store.select(projectId, row -> true);
    }

    /**
     * Test switch: a create (or replace) holding a feedback on one of these {@code weave_ref}s is refused
     * whole with 400 after validation, as Weave refuses a batch with one invalid item; nothing of it is
     * stored.
     */
    void refuseOn(List<String> weaveRefs) {
        refusedRefs.addAll(weaveRefs);
    }

    void clear() {
        store.clear();
        refusedRefs.clear();
    }

    private void refuseMarked(List<StoredFeedback> rows) {
        for (StoredFeedback row : rows) {
            if (refusedRefs.contains(row.weaveRef())) {
                throw ApiError.badRequest("Invalid feedback " + row.id() + " on " + row.weaveRef()
                        + " (rejected by the test)");
            }
        }
    }

    private static ObjectNode created(StoredFeedback row) {
        ObjectNode result = NODES.objectNode();
        result.put("id", row.id());
        result.put("created_at", WeaveTimestamps.format(row.createdAt()));
        result.put("wb_user_id", row.wbUserId());
        result.set("payload", row.payload());
        return result;
    }

    private static ObjectNode project(StoredFeedback row, FeedbackRequestValidator.Query query) {
        ObjectNode all = row.toJson();
        if (query.fields() == null) {
            return all;
        }
        ObjectNode some = NODES.objectNode();
        query.fields().stream().filter(all::has).forEach(field -> some.set(field, all.get(field)));
        return some;
    }
}
