package dev.difyweave.demo.generator;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A {@code message_feedbacks} row: what a feedback backfill should turn into a reaction (and, with a
 * non-empty {@code content}, a note) on the message's call.
 *
 * @param rating     {@code like} or {@code dislike} (the current one: a changed rating has a later
 *                   {@code updatedAt})
 * @param content    the comment, or null
 * @param fromSource {@code user} (then {@code fromEndUserId} is set) or {@code admin} (then
 *                   {@code fromAccountId})
 * @param creator    who gave it as Dify shows it: the end user's session id, or the account's name
 */
public record GeneratedFeedback(UUID id, UUID messageId, UUID conversationId, UUID appId, String appMode,
                                String rating, String content, String fromSource, UUID fromEndUserId,
                                UUID fromAccountId, String creator, LocalDateTime createdAt,
                                LocalDateTime updatedAt) {

    public boolean like() {
        return rating.equals("like");
    }

    public boolean fromUser() {
        return fromSource.equals("user");
    }

    public boolean hasContent() {
        return content != null && !content.isEmpty();
    }

    /** Length of the comment in Unicode code points (0 without one). */
    public int contentCodePoints() {
        return content == null ? 0 : content.codePointCount(0, content.length());
    }
}
