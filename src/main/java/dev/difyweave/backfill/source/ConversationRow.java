package dev.difyweave.backfill.source;

import java.time.LocalDateTime;
import java.util.UUID;

import dev.difyweave.backfill.call.RootKind;
import dev.difyweave.backfill.call.SourceKey;

/** A conversation whose name was generated, with its first message (null when it has none). */
public record ConversationRow(UUID id, UUID appId, UUID tenantId, String mode, String name, LocalDateTime createdAt,
        UUID firstMessageId, String firstQuery, LocalDateTime firstMessageAt) implements TraceRoot {

    @Override
    public SourceKey sourceKey() {
        return RootKind.CONVERSATIONS.key(id);
    }
}
