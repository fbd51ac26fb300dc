package dev.difyweave.demo.generator;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A {@code message_annotations} row. A linked one ({@code messageId} set) belongs to that message's
 * trace; one without a message was imported (from a CSV in Dify) and belongs to no trace.
 *
 * @param question the annotated question: the message's query (for a completion message sent without
 *                 one, the request it was given as an input)
 * @param content  the corrected answer
 * @param creator  the account's name, as Dify shows who annotated
 */
public record GeneratedAnnotation(UUID id, UUID appId, String appMode, UUID conversationId, UUID messageId,
                                  String question, String content, UUID accountId, String creator, int hitCount,
                                  LocalDateTime createdAt, LocalDateTime updatedAt) {

    /** Annotates a message (rather than being imported without one). */
    public boolean linked() {
        return messageId != null;
    }
}
