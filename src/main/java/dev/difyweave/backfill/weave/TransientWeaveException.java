package dev.difyweave.backfill.weave;

import java.time.Duration;

/** A 429, a 5xx or a network error: worth another try, after {@code retryAfter} when the server said so. */
public class TransientWeaveException extends RuntimeException {

    private final Duration retryAfter;

    public TransientWeaveException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
