package dev.difyweave.backfill.weave;

import java.time.Duration;

/** Status, {@code Retry-After} and (the start of) the body of one Weave reply. */
public record WeaveResponse(int status, Duration retryAfter, String body) {

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
}
