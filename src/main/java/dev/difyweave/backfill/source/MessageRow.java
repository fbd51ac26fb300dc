package dev.difyweave.backfill.source;

import java.time.LocalDateTime;
import java.util.UUID;

import dev.difyweave.backfill.call.JsonText;

/**
 * The columns of {@code messages} the mapping needs; {@code tenantId} and {@code appMode} come from its app. The
 * JSON columns are their bytes ({@link JsonText}).
 */
public record MessageRow(
        UUID id,
        UUID appId,
        UUID tenantId,
        String appMode,
        UUID conversationId,
        String modelProvider,
        String modelId,
        JsonText inputs,
        String query,
        JsonText message,
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
        JsonText messageMetadata,
        String invokeFrom) {
}
