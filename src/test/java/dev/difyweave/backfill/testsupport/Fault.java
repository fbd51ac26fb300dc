package dev.difyweave.backfill.testsupport;

import java.time.Duration;
import java.util.Objects;

/** A fault the fake applies to one write request (upsert_batch, v2 calls/complete, call/start, call/end). */
public sealed interface Fault permits Fault.HttpError, Fault.LostReply, Fault.Stall, Fault.Canned {

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

    /**
     * Answer with exactly this status, content type and body; nothing is stored. What something in front of
     * Weave sends (a proxy's HTML error page, a login page with 200), or another server version's reply.
     */
    record Canned(int status, String contentType, String body) implements Fault {
        public Canned {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }
    }

    /** An HTML page with this status, as nginx writes its error pages. */
    static Fault htmlPage(int status, String title) {
        return new Canned(status, "text/html", "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n"
                + "<center><h1>" + title + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
    }

    /** The 400 {@code CALLS_COMPLETE_MODE_REQUIRED} of a server that stores the project in calls_complete. */
    static Fault completeModeRequired(String projectId) {
        ApiError error = ApiError.completeModeRequired(projectId);
        return new Canned(error.status(), "application/json", error.body().toString());
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
