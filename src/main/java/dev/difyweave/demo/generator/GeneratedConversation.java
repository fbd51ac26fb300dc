package dev.difyweave.demo.generator;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A {@code conversations} row with what its first message says.
 *
 * @param name {@code conversations.name}: a generated title,
 *             {@link DifyDataGenerator#PLACEHOLDER_CONVERSATION_NAME} (always so for completion apps) or empty
 */
public record GeneratedConversation(UUID id, UUID appId, String appMode, String name, boolean deleted,
                                    UUID firstMessageId, LocalDateTime firstMessageCreatedAt, String firstQuery,
                                    int messageCount) {

    /** A title Dify generated (neither empty nor the placeholder). */
    public boolean hasGeneratedName() {
        return !name.isEmpty() && !name.equals(DifyDataGenerator.PLACEHOLDER_CONVERSATION_NAME);
    }
}
