package dev.difyweave.backfill.source;

import java.time.LocalDateTime;
import java.util.UUID;

/** The columns of {@code messages} the mapping needs; {@code tenantId} and {@code appMode} come from its app. */
public record MessageRow(
        UUID id,
        UUID appId,
        UUID tenantId,
        String appMode,
        UUID conversationId,
        String modelProvider,
        String modelId,
        String inputs,
        String query,
        String message,
        String answer,
        long messageTokens,
        long answerTokens,
        double providerResponseLatency,
        String fromSource,
        UUID fromEndUserId,
        UUID fromAccountId,
        LocalDateTime createdAt,
        LocalDateTime updatedAt,
        boolean agentBased,
        UUID workflowRunId,
        String status,
        String error,
        String messageMetadata,
        String invokeFrom) {
}
