package dev.difyweave.backfill.trace;

import dev.difyweave.backfill.call.FeedbackText;
import dev.difyweave.backfill.call.PythonJsonLength;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps a {@code dify.annotation} payload within Weave's limit ({@link FeedbackText#MAX_PAYLOAD_CHARS}
 * as {@code json.dumps} writes it) by cutting its question and answer: each keeps at least half the room
 * left, the shorter one as it is when it fits in that.
 */
final class AnnotationFitter {

    private static final String QUESTION = "question";
    private static final String ANSWER = "answer";

    private AnnotationFitter() {
    }

    /** Cuts the payload's texts in place when it is too large; whether it did. */
    static boolean fit(ObjectNode payload) {
        long size = PythonJsonLength.of(payload);
        if (size <= FeedbackText.MAX_PAYLOAD_CHARS) {
            return false;
        }
        long question = PythonJsonLength.of(payload.get(QUESTION));
        long answer = PythonJsonLength.of(payload.get(ANSWER));
        long room = FeedbackText.MAX_PAYLOAD_CHARS - (size - question - answer);
        long questionShare = Math.min(question, Math.max(room / 2, room - answer));
        cut(payload, QUESTION, questionShare);
        cut(payload, ANSWER, room - questionShare);
        return true;
    }

    private static void cut(ObjectNode payload, String key, long budget) {
        JsonNode value = payload.get(key);
        if (value != null && value.isString()) {
            payload.put(key, FeedbackText.fitPythonLength(value.stringValue(), budget));
        }
    }
}
