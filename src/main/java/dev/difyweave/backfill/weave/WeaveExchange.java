package dev.difyweave.backfill.weave;

/**
 * One Weave request as every endpoint of the backfill sends it: counted in {@link DeliveryStats}, a 429 or
 * 5xx turned into a {@link TransientWeaveException} (so {@link WeaveRetry} tries again), and a reply that
 * says the key, the project or the route is wrong turned into a {@link WeaveRejectedException}. So is a
 * success that is not JSON (an HTML page): something other than the trace server answered, and nothing
 * says the calls were stored, so they must not count as accepted.
 */
final class WeaveExchange {

    private final WeaveHttpClient client;
    private final DeliveryStats stats;

    WeaveExchange(WeaveHttpClient client, DeliveryStats stats) {
        this.client = client;
        this.stats = stats;
    }

    /** The request with its retries; the reply is never a 429 or 5xx. */
    WeaveResponse post(String path, byte[] body, WeaveRetry retry) {
        return retry.call("POST " + path, () -> once(path, body));
    }

    /** One attempt (the reply's start only); a 429 or 5xx is thrown as {@link TransientWeaveException}. */
    WeaveResponse once(String path, byte[] body) {
        return counted(path, body, false);
    }

    /** A read endpoint with its retries: the whole reply body. */
    WeaveResponse read(String path, byte[] body, WeaveRetry retry) {
        return retry.call("POST " + path, () -> counted(path, body, true));
    }

    private WeaveResponse counted(String path, byte[] body, boolean wholeReply) {
        stats.request(body.length);
        WeaveResponse reply = wholeReply ? client.query(path, body) : client.post(path, body);
        stats.responded(reply.status());
        if (reply.isRetryable()) {
            throw new TransientWeaveException("HTTP " + reply.status() + " on POST " + path
                    + (reply.isJson() ? "" : " (" + reply.contentType() + "): " + WeaveDelivery.oneLine(reply.body())),
                    reply);
        }
        if (reply.isSuccess() && !reply.isJson()) {
            throw new WeaveRejectedException("Weave answered HTTP " + reply.status() + " with "
                    + (reply.contentType() == null ? "no content type" : reply.contentType()) + ", not JSON, on POST "
                    + path + ": not the trace server (check WF_TRACE_SERVER_URL and any proxy in between); nothing "
                    + "was counted as sent: " + WeaveDelivery.oneLine(reply.body()));
        }
        return reply;
    }

    /** Throws {@link WeaveRejectedException} when the reply says no request to this project can succeed. */
    static WeaveResponse requireConfigured(WeaveResponse response, String projectId) {
        if (response.isConfigurationError()) {
            throw new WeaveRejectedException("Weave answered HTTP " + response.status() + " for project "
                    + projectId + " (check WANDB_API_KEY, WEAVE_PROJECT and WF_TRACE_SERVER_URL): "
                    + WeaveDelivery.oneLine(response.body()));
        }
        return response;
    }
}
