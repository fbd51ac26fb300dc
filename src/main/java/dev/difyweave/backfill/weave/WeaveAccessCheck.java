package dev.difyweave.backfill.weave;

import dev.difyweave.backfill.call.Json;
import java.net.URI;
import java.time.Duration;

import tools.jackson.databind.node.ObjectNode;

/**
 * One authenticated request that tells whether a trace server takes an API key for a project, before
 * any work: {@code POST /calls/stream_query} for one call id that cannot exist (the nil UUID), the same
 * read {@code verify} makes, so any server the backfill works with answers it; it needs the key and the
 * project, unlike {@code /server_info}, and costs the server one index lookup. No retries: the answer is
 * wanted in seconds. The key only travels in the Authorization header and is in no result.
 */
public final class WeaveAccessCheck {

    static final String PATH = "/calls/stream_query";
    private static final String NO_CALL = "00000000-0000-0000-0000-000000000000";

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
        body.putObject("filter").putArray("call_ids").add(NO_CALL);
        body.putArray("columns").add("id");
        body.put("limit", 1);
        WeaveResponse response;
        try (WeaveHttpClient client = new WeaveHttpClient(server, apiKey, connectTimeout, readTimeout)) {
            response = client.query(PATH, Json.MAPPER.writeValueAsBytes(body));
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
