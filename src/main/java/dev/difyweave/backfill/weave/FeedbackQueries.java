package dev.difyweave.backfill.weave;

import dev.difyweave.backfill.call.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads which feedback ids Weave holds, and how many rows each: {@code POST /feedback/query} with an
 * {@code $in} of at most {@code maxIds} ids, only the {@code id} column, sorted by id, paged by
 * {@code limit}/{@code offset} until a page comes back short. Counting per id is exact even across pages:
 * rows of one id are neighbours in id order, whatever their order among themselves.
 */
final class FeedbackQueries {

    static final String PATH = "/feedback/query";

    private final WeaveExchange exchange;
    private final int maxIds;
    private final int pageSize;

    FeedbackQueries(WeaveExchange exchange, int maxIds, int pageSize) {
        this.exchange = exchange;
        this.maxIds = maxIds;
        this.pageSize = pageSize;
    }

    /** How many rows Weave holds for each of these ids; an id it does not hold is absent. */
    Map<String, Integer> rowsPerId(String projectId, Collection<String> ids, WeaveRetry retry) {
        Map<String, Integer> rows = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += maxIds) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + maxIds));
            for (int offset = 0; ; offset += pageSize) {
                JsonNode page = page(projectId, FeedbackFilters.idIn(chunk), pageSize, offset, retry);
                page.forEach(row -> rows.merge(row.path("id").asString(), 1, Integer::sum));
                if (page.size() < pageSize) {
                    break;
                }
            }
        }
        return rows;
    }

    /** Whether Weave answers a one-row query of the project (a harmless request). */
    boolean answers(String projectId, WeaveRetry retry) {
        try {
            page(projectId, null, 1, 0, retry);
            return true;
        } catch (WeaveUnavailableException e) {
            return false;
        }
    }

    private JsonNode page(String projectId, ObjectNode query, int limit, int offset, WeaveRetry retry) {
        ObjectNode request = Json.NODES.objectNode();
        request.put("project_id", projectId);
        request.putArray("fields").add("id");
        if (query != null) {
            request.set("query", query);
        }
        request.putArray("sort_by").addObject().put("field", "id").put("direction", "asc");
        request.put("limit", limit);
        request.put("offset", offset);
        WeaveResponse response = WeaveExchange.requireConfigured(
                exchange.read(PATH, Json.MAPPER.writeValueAsBytes(request), retry), projectId);
        if (!response.isSuccess()) {
            throw new WeaveRejectedException("Weave refused a feedback query for " + projectId + ": HTTP "
                    + response.status() + " " + WeaveDelivery.oneLine(response.body()));
        }
        return Json.MAPPER.readTree(response.body()).path("result");
    }
}
