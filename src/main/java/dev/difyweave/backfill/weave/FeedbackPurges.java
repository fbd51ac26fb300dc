package dev.difyweave.backfill.weave;

import dev.difyweave.backfill.call.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * Removes feedback by id: {@code POST /feedback/purge} with {@code $eq} on the id, or an {@code $or} of at
 * most {@code maxIds} of those (the only query Weave accepts there). Every row of a purged id goes, however
 * many creates made it; purging an id Weave does not hold changes nothing, so a retry is harmless.
 */
final class FeedbackPurges {

    static final String PATH = "/feedback/purge";

    private final WeaveExchange exchange;
    private final int maxIds;

    FeedbackPurges(WeaveExchange exchange, int maxIds) {
        this.exchange = exchange;
        this.maxIds = maxIds;
    }

    void purge(String projectId, Collection<String> ids, WeaveRetry retry) {
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += maxIds) {
            ObjectNode request = Json.NODES.objectNode();
            request.put("project_id", projectId);
            request.set("query", FeedbackFilters.purgeOf(all.subList(from, Math.min(all.size(), from + maxIds))));
            WeaveResponse response = WeaveExchange.requireConfigured(
                    exchange.post(PATH, Json.MAPPER.writeValueAsBytes(request), retry), projectId);
            if (!response.isSuccess()) {
                throw new WeaveRejectedException("Weave refused to purge feedback of " + projectId + ": HTTP "
                        + response.status() + " " + WeaveDelivery.oneLine(response.body()));
            }
        }
    }
}
