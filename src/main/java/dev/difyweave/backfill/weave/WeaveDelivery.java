package dev.difyweave.backfill.weave;

import dev.difyweave.backfill.call.WeaveCall;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers calls to Weave with the protocol of docs/reference/trace-mapping.md "Delivery": {@code /call/upsert_batch}
 * (start and end together), byte- and count-bounded batches, 413 halves the batch, 429/5xx/network
 * retried by {@link WeaveRetry}, any other 4xx bisected down to the calls that cause it, which become
 * dead letters, and so does a call Weave keeps answering with a 5xx while it accepts the others
 * ({@link DeliveryRound}); {@code CALLS_COMPLETE_MODE_REQUIRED} switches the project to
 * {@code /v2/{entity}/{project}/calls/complete}, and a 404 there (an older server behind the same
 * address) back to v1 for good (docs/reference/weave-api.md §5); a project that asks for v2 again then is
 * a {@link WeaveRejectedException}. Returns only when every call is accepted or dead-lettered; an outage
 * is a {@link WeaveUnavailableException} and never a dead letter.
 */
public final class WeaveDelivery implements AutoCloseable {

    /** Retries of each probe while a batch that keeps failing with a 5xx is bisected. */
    static final int PROBE_RETRIES = 2;

    private static final Logger log = LoggerFactory.getLogger(WeaveDelivery.class);

    public record Settings(long maxBatchBytes, int maxBatchCalls) {

        public static Settings defaults() {
            return new Settings(8L * 1024 * 1024, 1000);
        }
    }

    private final WeaveExchange exchange;
    private final WeaveRetry retry;
    private final WeaveRetry probeRetry;
    private final Settings settings;
    private final DeliveryStats stats;
    private final Set<String> completeModeProjects = ConcurrentHashMap.newKeySet();
    /** Projects whose v2 path answered 404: they stay on v1. */
    private final Set<String> withoutV2Projects = ConcurrentHashMap.newKeySet();
    /** Per project, a call Weave accepted: re-sent (a harmless duplicate) to tell a poison call from an outage. */
    private final Map<String, RequestBatch> acceptedBefore = new ConcurrentHashMap<>();
    private final FeedbackDelivery feedback;
    private final WeavePresence presence;

    private final WeaveHttpClient client;

    /** The delivery owns {@code client}: closing the delivery closes it. */
    public WeaveDelivery(WeaveHttpClient client, WeaveRetry retry, Settings settings, DeliveryStats stats) {
        this.client = client;
        this.feedback = new FeedbackDelivery(client, retry, FeedbackDelivery.Settings.defaults(), stats);
        this.presence = new WeavePresence(client, retry);
        this.exchange = new WeaveExchange(client, stats);
        this.retry = retry;
        this.probeRetry = retry.withMaxRetries(PROBE_RETRIES);
        this.settings = settings;
        this.stats = stats;
    }

    public List<DeadLetter> deliver(String projectId, List<WeaveCall> calls) {
        DeliveryRound<RequestBatch> round = new DeliveryRound<>(new CallEndpoint(), "call", "calls", retry,
                probeRetry);
        for (RequestBatch batch : RequestBatch.plan(projectId, calls, settings.maxBatchBytes(), settings.maxBatchCalls())) {
            round.send(batch);
        }
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (Refusal<RequestBatch> refusal : round.refusals()) {
            WeaveCall call = refusal.single().calls().get(0);
            log.warn("Weave would not take call {} ({}): a dead letter, HTTP {}: {}", call.id(), call.sourceKey(),
                    refusal.httpStatus(), refusal.reason());
            stats.deadLettered(1);
            deadLetters.add(new DeadLetter(call, refusal.httpStatus(), refusal.reason()));
        }
        return deadLetters;
    }

    /** Stops the HTTP client: nothing is sent after this. */
    @Override
    public void close() {
        client.close();
    }

    /** The feedback delivery to the same server, with the same key and retries. */
    public FeedbackDelivery feedback() {
        return feedback;
    }

    /** Which calls the same server holds. */
    public WeavePresence presence() {
        return presence;
    }

    public boolean isCompleteMode(String projectId) {
        return completeModeProjects.contains(projectId);
    }

    /**
     * One request (with its retries) in the project's current mode: the reply, a success or a refusal of
     * calls in it. Throws {@link WeaveUnavailableException} when it failed transiently through every retry
     * and {@link WeaveRejectedException} when the key, the project or the route is wrong.
     */
    WeaveResponse post(RequestBatch batch, WeaveRetry retry) {
        boolean complete = completeModeProjects.contains(batch.projectId());
        String path = complete ? completePath(batch.projectId()) : "/call/upsert_batch";
        byte[] body = complete ? batch.completeBody() : batch.upsertBody();
        WeaveResponse response = exchange.post(path, body, retry);
        String projectId = batch.projectId();
        if (!complete && response.isCallsCompleteModeRequired()) {
            if (withoutV2Projects.contains(projectId)) {
                throw new WeaveRejectedException("Weave asks for calls-complete mode for project " + projectId
                        + " (CALLS_COMPLETE_MODE_REQUIRED on /call/upsert_batch) but answered 404 on "
                        + completePath(projectId) + ": the server behind WF_TRACE_SERVER_URL is of two versions "
                        + "or a proxy does not forward /v2/; nothing was sent for these calls");
            }
            log.info("Weave project {} requires calls-complete mode; switching to {}", projectId, completePath(projectId));
            completeModeProjects.add(projectId);
            return post(batch, retry);
        }
        if (complete && response.status() == 404) {
            log.warn("Weave answered 404 on {}: an older server, project {} stays on /call/upsert_batch",
                    completePath(projectId), projectId);
            withoutV2Projects.add(projectId);
            completeModeProjects.remove(projectId);
            return post(batch, retry);
        }
        return WeaveExchange.requireConfigured(response, projectId);
    }

    /** Weave accepted this batch: counted, and its smallest call kept for {@link #answersAgain}. */
    void accepted(RequestBatch batch) {
        stats.accepted(batch.size());
        acceptedBefore.computeIfAbsent(batch.projectId(), p -> batch.smallest());
    }

    /**
     * Whether Weave answers a request again, re-sending a call it accepted before (Weave merges the
     * repeated parts into the same call); {@code false} when it fails too or nothing was accepted yet.
     */
    boolean answersAgain(String projectId) {
        RequestBatch control = acceptedBefore.get(projectId);
        if (control == null) {
            return false;
        }
        try {
            post(control, probeRetry);
            return true;
        } catch (WeaveUnavailableException e) {
            return false;
        }
    }

    /** This delivery as the endpoint its rounds drive. */
    private final class CallEndpoint implements BatchEndpoint<RequestBatch> {

        @Override
        public WeaveResponse post(RequestBatch batch, WeaveRetry retry) {
            return WeaveDelivery.this.post(batch, retry);
        }

        @Override
        public void accepted(RequestBatch batch) {
            WeaveDelivery.this.accepted(batch);
        }

        @Override
        public boolean answersAgain(String projectId) {
            return WeaveDelivery.this.answersAgain(projectId);
        }
    }

    static String completePath(String projectId) {
        int slash = projectId.indexOf('/');
        return "/v2/" + segment(projectId.substring(0, slash)) + "/" + segment(projectId.substring(slash + 1))
                + "/calls/complete";
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String oneLine(String body) {
        if (body == null || body.isBlank()) {
            return "(empty reply)";
        }
        String line = body.replaceAll("\\s+", " ").trim();
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }
}
