package dev.difyweave.backfill.weave;

/** Weave stayed unreachable or overloaded through every retry; the chunk is not checkpointed. */
public class WeaveUnavailableException extends RuntimeException {

    public WeaveUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
