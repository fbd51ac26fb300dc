package dev.difyweave.backfill.source;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A row of {@code message_annotations}: an operator's corrected {@code content} for a {@code question};
 * {@code messageId} is {@code null} for an annotation made or imported without a message.
 * {@code annotatedBy} is the account as Dify shows it (name, else email, else its id when the account is
 * gone, then {@code annotatorFound} is false).
 */
public record AnnotationRow(
        UUID id,
        UUID appId,
        UUID conversationId,
        UUID messageId,
        String question,
        String content,
        UUID accountId,
        String annotatedBy,
        boolean annotatorFound,
        LocalDateTime createdAt,
        LocalDateTime updatedAt) {
}
