package dev.difyweave.backfill.weave;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.difyweave.backfill.call.WeaveFeedback;

/**
 * {@code POST /feedback/batch/create} as the {@link BatchEndpoint} of one {@link FeedbackDelivery#deliver}.
 * Weave keeps every create as a row, even of an id it holds, so a request whose outcome is unknown (no
 * reply, a 429 or 5xx after which it may still have been written) is never sent again as it was: its ids
 * become doubtful, and an attempt that carries a doubtful id first asks Weave which of them it holds and
 * leaves those out. A reply settles its ids: a 2xx wrote them all, a 4xx none (all or nothing).
 */
final class FeedbackCreates implements BatchEndpoint<ItemBatch<WeaveFeedback>> {

    static final String PATH = "/feedback/batch/create";

    /** The reply to a batch whose every item Weave turned out to hold already: nothing was sent. */
    private static final WeaveResponse NOTHING_TO_SEND = new WeaveResponse(200, null, "{\"res\":[]}");

    private final WeaveExchange exchange;
    private final FeedbackQueries queries;
    private final WeaveRetry probeRetry;
    private final Set<String> doubtful = new HashSet<>();
    private final Map<String, WeaveFeedback> created = new LinkedHashMap<>();
    private final Map<String, WeaveFeedback> found = new LinkedHashMap<>();

    FeedbackCreates(WeaveExchange exchange, FeedbackQueries queries, WeaveRetry probeRetry) {
        this.exchange = exchange;
        this.queries = queries;
        this.probeRetry = probeRetry;
    }

    @Override
    public WeaveResponse post(ItemBatch<WeaveFeedback> batch, WeaveRetry retry) {
        WeaveRetry once = retry.withMaxRetries(0);
        WeaveResponse response = retry.call("POST " + PATH, () -> attempt(batch, once));
        return WeaveExchange.requireConfigured(response, batch.projectId());
    }

    private WeaveResponse attempt(ItemBatch<WeaveFeedback> batch, WeaveRetry once) {
        ItemBatch<WeaveFeedback> send = withoutHeld(batch, once);
        if (send.size() == 0) {
            return NOTHING_TO_SEND;
        }
        List<String> ids = send.items().stream().map(WeaveFeedback::id).toList();
        doubtful.addAll(ids);
        WeaveResponse reply = exchange.once(PATH, send.body());
        ids.forEach(doubtful::remove);
        if (reply.isSuccess()) {
            send.items().forEach(feedback -> created.put(feedback.id(), feedback));
        }
        return reply;
    }

    /** The batch without the doubtful feedback Weave turns out to hold (one query, one attempt). */
    private ItemBatch<WeaveFeedback> withoutHeld(ItemBatch<WeaveFeedback> batch, WeaveRetry once) {
        List<String> ask = new ArrayList<>();
        batch.items().stream().map(WeaveFeedback::id).filter(doubtful::contains).forEach(ask::add);
        if (ask.isEmpty()) {
            return batch;
        }
        Map<String, Integer> held;
        try {
            held = queries.rowsPerId(batch.projectId(), ask, once);
        } catch (WeaveUnavailableException e) {
            // one attempt of this create: the outer retry decides whether to try again
            throw e.getCause() instanceof TransientWeaveException cause ? cause : e;
        }
        for (WeaveFeedback feedback : batch.items()) {
            if (held.containsKey(feedback.id())) {
                doubtful.remove(feedback.id());
                found.put(feedback.id(), feedback);
            }
        }
        return batch.only(feedback -> !held.containsKey(feedback.id()));
    }

    @Override
    public void accepted(ItemBatch<WeaveFeedback> batch) {
        // counted in attempt(): a batch may have been sent in part
    }

    @Override
    public boolean answersAgain(String projectId) {
        return queries.answers(projectId, probeRetry);
    }

    List<WeaveFeedback> created() {
        return List.copyOf(created.values());
    }

    /** Feedback whose create had no clear answer and that Weave turned out to hold: written once, not again. */
    List<WeaveFeedback> found() {
        return List.copyOf(found.values());
    }
}
