package dev.difyweave.backfill.weave;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers calls to Weave with the protocol of trace-mapping.md "Delivery": {@code /call/upsert_batch}
 * (start and end together), byte- and count-bounded batches, 413 halves the batch, 429/5xx/network
 * retried by {@link WeaveRetry}, any other 4xx bisected down to the calls that cause it, which become
 * dead letters; {@code CALLS_COMPLETE_MODE_REQUIRED} switches the project to
 * {@code /v2/{entity}/{project}/calls/complete}. Returns only when every call is accepted or dead-lettered.
 */
public final class WeaveDelivery {

    private static final Logger log = LoggerFactory.getLogger(WeaveDelivery.class);

    public record Settings(long maxBatchBytes, int maxBatchCalls) {

        public static Settings defaults() {
            return new Settings(8L * 1024 * 1024, 1000);
        }
    }

    private final WeaveHttpClient client;
    private final WeaveRetry retry;
    private final Settings settings;
    private final DeliveryStats stats;
    private final Set<String> completeModeProjects = ConcurrentHashMap.newKeySet();

    public WeaveDelivery(WeaveHttpClient client, WeaveRetry retry, Settings settings, DeliveryStats stats) {
        this.client = client;
        this.retry = retry;
        this.settings = settings;
        this.stats = stats;
    }

    public List<DeadLetter> deliver(String projectId, List<WeaveCall> calls) {
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (RequestBatch batch : RequestBatch.plan(projectId, calls, settings.maxBatchBytes(), settings.maxBatchCalls())) {
            send(batch, deadLetters);
        }
        return deadLetters;
    }

    public boolean isCompleteMode(String projectId) {
        return completeModeProjects.contains(projectId);
    }

    private void send(RequestBatch batch, List<DeadLetter> deadLetters) {
        boolean complete = completeModeProjects.contains(batch.projectId());
        String path = complete ? completePath(batch.projectId()) : "/call/upsert_batch";
        byte[] body = complete ? batch.completeBody() : batch.upsertBody();
        WeaveResponse response = retry.call("POST " + path, () -> {
            stats.request(body.length);
            WeaveResponse reply = client.post(path, body);
            stats.responded(reply.status());
            if (reply.isRetryable()) {
                throw new TransientWeaveException("HTTP " + reply.status() + " on POST " + path, reply.retryAfter(), null);
            }
            return reply;
        });
        if (response.isSuccess()) {
            stats.accepted(batch.size());
            return;
        }
        if (!complete && response.isCallsCompleteModeRequired()) {
            log.info("Weave project {} requires calls-complete mode; switching to {}", batch.projectId(),
                    completePath(batch.projectId()));
            completeModeProjects.add(batch.projectId());
            send(batch, deadLetters);
            return;
        }
        if (response.isConfigurationError()) {
            throw new WeaveRejectedException("Weave answered HTTP " + response.status() + " for project "
                    + batch.projectId() + " (check WANDB_API_KEY, WEAVE_PROJECT and WF_TRACE_SERVER_URL): "
                    + oneLine(response.body()));
        }
        if (batch.size() > 1) {
            // 413: the request is too large; other 4xx: some call in it is invalid. Halve and find out.
            for (RequestBatch half : batch.halves()) {
                send(half, deadLetters);
            }
            return;
        }
        WeaveCall call = batch.calls().get(0);
        String reason = response.status() == 413
                ? "call too large for Weave even alone: " + oneLine(response.body())
                : oneLine(response.body());
        log.warn("Weave rejected call {} ({}) with HTTP {}: {}", call.id(), call.sourceKey(), response.status(), reason);
        stats.deadLettered(1);
        deadLetters.add(new DeadLetter(call, response.status(), reason));
    }

    static String completePath(String projectId) {
        int slash = projectId.indexOf('/');
        return "/v2/" + segment(projectId.substring(0, slash)) + "/" + segment(projectId.substring(slash + 1))
                + "/calls/complete";
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String oneLine(String body) {
        if (body == null || body.isBlank()) {
            return "(empty reply)";
        }
        String line = body.replaceAll("\\s+", " ").trim();
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }
}
