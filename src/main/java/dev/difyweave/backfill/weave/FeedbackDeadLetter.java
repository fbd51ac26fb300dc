package dev.difyweave.backfill.weave;

import dev.difyweave.backfill.call.WeaveFeedback;

/** A feedback Weave would not take, with the HTTP status and the server's reason. Recorded, never dropped. */
public record FeedbackDeadLetter(WeaveFeedback feedback, int httpStatus, String reason) {
}
