package dev.difyweave.backfill.weave;

/** A batch of one item that Weave would not take, with the HTTP status and the server's reason. */
record Refusal<B>(B single, int httpStatus, String reason) {
}
