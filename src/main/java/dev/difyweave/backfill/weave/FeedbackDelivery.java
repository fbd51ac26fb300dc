package dev.difyweave.backfill.weave;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.difyweave.backfill.call.WeaveFeedback;

/**
 * Makes a Weave project hold exactly the current feedback of some Dify rows, once each, whatever happened
 * before: crashes, kills, lost replies, earlier runs. Weave keeps every create as its own row even when
 * a client-chosen id repeats, and removes rows only by id ({@code /feedback/purge}), so exactly-once rests
 * on three things:
 * <ol>
 * <li><b>Ids are the content.</b> A feedback's id is a UUIDv5 of its Dify row and of everything sent
 * ({@link WeaveFeedback#of}). A re-run makes the same ids; a changed rating or comment makes a new id and
 * leaves the old one to be purged.</li>
 * <li><b>Create only what is missing.</b> One query ({@code /feedback/query}, {@code $in} on the ids,
 * paged) tells which current ids Weave holds and how often. Held once: left alone. Held more than once
 * (a duplicate from an unlucky earlier create): purged, then created once. Missing: created in bounded
 * batches ({@code /feedback/batch/create}, all or nothing per batch; 413 halves, a 4xx is bisected down
 * to the feedback it refuses, which becomes a dead letter, and the rest still goes; {@link DeliveryRound}).
 * A create that got no clear answer is not re-sent blindly: its ids are looked up first
 * ({@link FeedbackCreates}).</li>
 * <li><b>Purge what is no longer current, after creating.</b> {@code retired}: every id an earlier run
 * may have created for these Dify rows that is not current (an older version of a changed row, or a row
 * Dify deleted). Those Weave holds are purged ({@code $eq} on the id, or an {@code $or} of those), after
 * the new ones exist, so a rating is never missing in between.</li>
 * </ol>
 * <b>A kill between any two requests</b> is repaired by running the same delivery again: before the
 * query, nothing happened; after some creates, the query finds them (held once: kept) and only the rest is
 * created; after a create whose reply was lost, the query finds what Weave wrote; between a repair's purge
 * and its create, the id is missing and is created; between the creates and the purges, the retired ids
 * are still held and are purged. The caller's duty: an id goes into its ledger of what may exist in
 * Weave <em>before</em> the delivery that creates it, and leaves it only after a delivery that purged it
 * returned, so {@code retired} always covers every id that might be in Weave.
 */
public final class FeedbackDelivery {

    private static final Logger log = LoggerFactory.getLogger(FeedbackDelivery.class);

    /**
     * @param maxBatchBytes  bytes of one create request at most
     * @param maxBatchItems  feedback in one create request at most
     * @param maxIdsPerRequest ids in one query's {@code $in} or one purge's {@code $or} at most
     * @param queryPageSize  rows per query page
     */
    public record Settings(long maxBatchBytes, int maxBatchItems, int maxIdsPerRequest, int queryPageSize) {

        public static Settings defaults() {
            return new Settings(4L * 1024 * 1024, 500, 100, 1000);
        }
    }

    private final WeaveExchange exchange;
    private final WeaveRetry retry;
    private final WeaveRetry probeRetry;
    private final Settings settings;
    private final FeedbackQueries queries;
    private final FeedbackPurges purges;

    public FeedbackDelivery(WeaveHttpClient client, WeaveRetry retry, Settings settings, DeliveryStats stats) {
        this.exchange = new WeaveExchange(client, stats);
        this.retry = retry;
        this.probeRetry = retry.withMaxRetries(WeaveDelivery.PROBE_RETRIES);
        this.settings = settings;
        this.queries = new FeedbackQueries(exchange, settings.maxIdsPerRequest(), settings.queryPageSize());
        this.purges = new FeedbackPurges(exchange, settings.maxIdsPerRequest());
    }

    /**
     * Weave's project then holds each of {@code current} exactly once (or it is a dead letter) and none of
     * {@code retired} (ids also in {@code current} stay). Throws {@link WeaveUnavailableException} for an
     * outage and {@link WeaveRejectedException} for a wrong key or project; run it again then.
     */
    public FeedbackOutcome deliver(String projectId, List<WeaveFeedback> current, Collection<String> retired) {
        Map<String, WeaveFeedback> wanted = new LinkedHashMap<>();
        for (WeaveFeedback feedback : current) {
            if (!feedback.projectId().equals(projectId)) {
                throw new IllegalArgumentException("feedback " + feedback.id() + " is for " + feedback.projectId()
                        + ", not " + projectId);
            }
            wanted.putIfAbsent(feedback.id(), feedback);
        }
        Set<String> stale = new LinkedHashSet<>(retired);
        stale.removeAll(wanted.keySet());
        Set<String> asked = new LinkedHashSet<>(wanted.keySet());
        asked.addAll(stale);
        Map<String, Integer> held = queries.rowsPerId(projectId, asked, retry);

        Set<String> repaired = new LinkedHashSet<>();
        List<WeaveFeedback> missing = new ArrayList<>();
        List<WeaveFeedback> present = new ArrayList<>();
        for (WeaveFeedback feedback : wanted.values()) {
            int rows = held.getOrDefault(feedback.id(), 0);
            if (rows > 1) {
                repaired.add(feedback.id());
            }
            (rows == 1 ? present : missing).add(feedback);
        }
        purges.purge(projectId, repaired, retry);

        FeedbackCreates creates = new FeedbackCreates(exchange, queries, probeRetry);
        DeliveryRound<ItemBatch<WeaveFeedback>> round = new DeliveryRound<>(creates, "feedback", "feedback", retry,
                probeRetry);
        for (ItemBatch<WeaveFeedback> batch : ItemBatch.plan(projectId, missing, WeaveFeedback::createItem,
                settings.maxBatchBytes(), settings.maxBatchItems())) {
            round.send(batch);
        }

        Set<String> purged = new LinkedHashSet<>();
        stale.stream().filter(held::containsKey).forEach(purged::add);
        purges.purge(projectId, purged, retry);

        present.addAll(creates.found());
        return new FeedbackOutcome(creates.created(), present, repaired, purged, deadLetters(round));
    }

    /** How many rows Weave's project holds of each of these ids (absent ids are not in the map). */
    public Map<String, Integer> held(String projectId, Collection<String> ids) {
        return queries.rowsPerId(projectId, new LinkedHashSet<>(ids), retry);
    }

    private static List<FeedbackDeadLetter> deadLetters(DeliveryRound<ItemBatch<WeaveFeedback>> round) {
        List<FeedbackDeadLetter> deadLetters = new ArrayList<>();
        for (Refusal<ItemBatch<WeaveFeedback>> refusal : round.refusals()) {
            WeaveFeedback feedback = refusal.single().items().get(0);
            log.warn("Weave would not take feedback {} ({}, {}): a dead letter, HTTP {}: {}", feedback.id(),
                    feedback.feedbackType(), feedback.sourceKey(), refusal.httpStatus(), refusal.reason());
            deadLetters.add(new FeedbackDeadLetter(feedback, refusal.httpStatus(), refusal.reason()));
        }
        return deadLetters;
    }
}
