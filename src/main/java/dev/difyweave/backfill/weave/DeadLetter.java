package dev.difyweave.backfill.weave;

import dev.difyweave.backfill.call.WeaveCall;

/** A call Weave would not take, with the HTTP status and the server's reason. Recorded, never dropped. */
public record DeadLetter(WeaveCall call, int httpStatus, String reason) {
}
