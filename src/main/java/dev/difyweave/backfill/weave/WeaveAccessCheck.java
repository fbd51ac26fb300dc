package dev.difyweave.backfill.weave;

import dev.difyweave.backfill.call.Json;
import java.net.URI;
import java.time.Duration;

import tools.jackson.databind.node.ObjectNode;

/**
 * One authenticated request that tells whether a trace server takes an API key for a project, before
 * any work: {@code POST /calls/query_stats} with {@code {"project_id": ..., "limit": 1}} (a read that
 * needs the key and the project, unlike {@code /server_info}). No retries: the answer is wanted in
 * seconds. The key only travels in the Authorization header and is in no result.
 */
public final class WeaveAccessCheck {

    static final String PATH = "/calls/query_stats";

    /** What the server said. {@link #UNCERTAIN} (429, 5xx, an unexpected status) proves nothing either way. */
    public enum Outcome {
        ACCEPTED, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, UNREACHABLE, UNCERTAIN
    }

    /** @param detail the HTTP status or the network error, for a message */
    public record Result(Outcome outcome, String detail) {
    }

    private WeaveAccessCheck() {
    }

    public static Result check(URI server, String apiKey, String projectId, Duration connectTimeout,
            Duration readTimeout) {
        ObjectNode body = Json.NODES.objectNode();
        body.put("project_id", projectId);
        body.put("limit", 1);
        WeaveResponse response;
        try {
            response = new WeaveHttpClient(server, apiKey, connectTimeout, readTimeout)
                    .post(PATH, Json.MAPPER.writeValueAsBytes(body));
        } catch (TransientWeaveException e) {
            return new Result(Outcome.UNREACHABLE, networkCause(e));
        } catch (IllegalArgumentException e) {
            return new Result(Outcome.UNREACHABLE, "not a usable URL: " + e.getMessage());
        }
        String status = "HTTP " + response.status();
        if (response.isSuccess()) {
            return new Result(Outcome.ACCEPTED, status);
        }
        return new Result(switch (response.status()) {
            case 401 -> Outcome.UNAUTHORIZED;
            case 403 -> Outcome.FORBIDDEN;
            case 404 -> Outcome.NOT_FOUND;
            default -> Outcome.UNCERTAIN;
        }, status);
    }

    /** What went wrong on the network, in words (the JDK client's exceptions often carry no message). */
    static String networkCause(Throwable e) {
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        for (Throwable t : chain) {
            if (t instanceof java.net.UnknownHostException || t instanceof java.nio.channels.UnresolvedAddressException) {
                return "the host name does not resolve";
            }
        }
        for (Throwable t : chain) {
            if (t instanceof java.net.http.HttpTimeoutException) {
                return "timed out (" + t.getMessage() + ")";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "TLS failed: " + t.getMessage();
            }
            if (t instanceof java.net.ConnectException) {
                return "connection refused or no route to the host";
            }
        }
        return e.getMessage();
    }
}
