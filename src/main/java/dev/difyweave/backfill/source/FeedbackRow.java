package dev.difyweave.backfill.source;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A row of {@code message_feedbacks}: a like or dislike, with an optional comment, from an end user
 * ({@code from_source = user}) or an operator ({@code admin}). {@code creator} is who gave it as Dify
 * shows it (an account's name or email, an end user's session id; the id when that row is gone, then
 * {@code creatorFound} is false); {@code null} when the row names nobody.
 */
public record FeedbackRow(
        UUID id,
        UUID appId,
        UUID conversationId,
        UUID messageId,
        String rating,
        String content,
        String fromSource,
        UUID fromEndUserId,
        UUID fromAccountId,
        String creator,
        boolean creatorFound,
        LocalDateTime createdAt,
        LocalDateTime updatedAt) {
}
