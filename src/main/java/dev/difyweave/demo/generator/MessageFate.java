package dev.difyweave.demo.generator;

/** What happens to a message of a conversational app. */
enum MessageFate {
    ANSWERED,
    /** Keyword moderation caught the query: the preset response is the answer, no model call. */
    FLAGGED,
    /** The model call (or the chatflow run) failed: status {@code error}, nothing saved. */
    FAILED,
    /** Still being answered (or its chatflow run still running) at the end of the time range. */
    PENDING;

    /** {@code messages.status}. */
    String status() {
        return this == FAILED ? "error" : "normal";
    }
}
