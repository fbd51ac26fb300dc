package dev.difyweave.backfill.weave;

/** Weave stayed unreachable or overloaded through every retry; the chunk is not checkpointed. */
public class WeaveUnavailableException extends RuntimeException {

    public WeaveUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The last reply when it was a server error (5xx), or {@code null}: a 429 or a network error says
     * nothing about the calls of the request, only about Weave.
     */
    public WeaveResponse lastServerError() {
        if (getCause() instanceof TransientWeaveException t && t.response() != null && t.response().status() >= 500) {
            return t.response();
        }
        return null;
    }
}
