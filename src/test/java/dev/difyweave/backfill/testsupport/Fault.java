package dev.difyweave.backfill.testsupport;

import java.time.Duration;
import java.util.Objects;

/** A fault the fake applies to one write request (upsert_batch, v2 calls/complete, call/start, call/end). */
public sealed interface Fault permits Fault.HttpError, Fault.LostReply, Fault.Stall {

    /** Store the request fully, then drop the connection without a reply: the client sees an IOException. */
    Fault LOST_REPLY = new LostReply();

    /** Answer with this status (429, 500, 502, 503, ...) and {@code {"reason": ...}}; nothing is stored. */
    record HttpError(int status, String retryAfter) implements Fault {
        public HttpError {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("not an error status: " + status);
            }
        }
    }

    record LostReply() implements Fault {
    }

    /** Sleep this long, then handle the request normally (so it is stored even if the client gave up). */
    record Stall(Duration duration) implements Fault {
        public Stall {
            Objects.requireNonNull(duration, "duration");
        }
    }

    static Fault status(int status) {
        return new HttpError(status, null);
    }

    /** An error with a {@code Retry-After: <seconds>} header. */
    static Fault status(int status, int retryAfterSeconds) {
        return new HttpError(status, Integer.toString(retryAfterSeconds));
    }

    /** An error with a raw {@code Retry-After} value (seconds or an HTTP date); null for no header. */
    static Fault statusWithRetryAfter(int status, String retryAfter) {
        return new HttpError(status, retryAfter);
    }

    static Fault tooManyRequests() {
        return status(429);
    }

    static Fault tooManyRequests(int retryAfterSeconds) {
        return status(429, retryAfterSeconds);
    }

    static Fault lostReply() {
        return LOST_REPLY;
    }

    static Fault stall(Duration duration) {
        return new Stall(duration);
    }
}
