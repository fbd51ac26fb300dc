package dev.difyweave.backfill.weave;

import java.time.Duration;

/**
 * A 429, a 5xx or a network error: worth another try, after {@code retryAfter} when the server said so.
 * {@code response} is the reply for a 429 or 5xx, {@code null} for a network error (no reply at all).
 */
public class TransientWeaveException extends RuntimeException {

    private final Duration retryAfter;
    private final WeaveResponse response;

    public TransientWeaveException(String message, Duration retryAfter, Throwable cause) {
        this(message, retryAfter, cause, null);
    }

    public TransientWeaveException(String message, WeaveResponse response) {
        this(message, response.retryAfter(), null, response);
    }

    private TransientWeaveException(String message, Duration retryAfter, Throwable cause, WeaveResponse response) {
        super(message, cause);
        this.retryAfter = retryAfter;
        this.response = response;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The server's reply, or {@code null} when there was none (a network error or timeout). */
    public WeaveResponse response() {
        return response;
    }
}
