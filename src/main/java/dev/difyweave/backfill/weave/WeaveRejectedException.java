package dev.difyweave.backfill.weave;

/** Weave refused the request for a reason no call can fix (401, 403, 404): the run stops, resumable. */
public class WeaveRejectedException extends RuntimeException {

    public WeaveRejectedException(String message) {
        super(message);
    }
}
