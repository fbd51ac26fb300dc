package dev.difyweave.backfill.weave;

import java.time.Duration;
import java.util.Locale;

/**
 * Status, {@code Retry-After}, (the start of) the body and the {@code Content-Type} of one Weave reply.
 * {@code contentType} is {@code null} when the reply had none.
 */
public record WeaveResponse(int status, Duration retryAfter, String body, String contentType) {

    /** A JSON reply. */
    public WeaveResponse(int status, Duration retryAfter, String body) {
        this(status, retryAfter, body, "application/json");
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public boolean isRetryable() {
        return status == 429 || status >= 500;
    }

    public boolean isCallsCompleteModeRequired() {
        return status == 400 && body != null && body.contains("CALLS_COMPLETE_MODE_REQUIRED");
    }

    /** Statuses that say nothing about the calls in the request: the key, the project or the route is wrong. */
    public boolean isConfigurationError() {
        return status == 401 || status == 403 || status == 404;
    }

    /**
     * Whether the reply is what a Weave trace server writes: JSON or JSON Lines by its {@code Content-Type},
     * or a body that starts like JSON whatever its type says. An HTML page or a plain-text answer is a
     * proxy, a login page or the W&B frontend answering instead of the trace server.
     */
    public boolean isJson() {
        if (contentType != null && !contentType.isBlank()) {
            String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals("application/json") || type.equals("application/jsonl")
                    || type.equals("application/x-ndjson") || type.endsWith("+json")) {
                return true;
            }
        }
        String start = body == null ? "" : body.stripLeading();
        return start.startsWith("{") || start.startsWith("[");
    }
}
