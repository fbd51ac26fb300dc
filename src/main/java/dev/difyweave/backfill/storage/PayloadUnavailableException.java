package dev.difyweave.backfill.storage;

/** An object that is missing or cannot be read; the message says why, in one line, without secrets. */
public final class PayloadUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public PayloadUnavailableException(String reason) {
        super(reason);
    }
}
