package dev.difyweave.backfill.source;

import java.time.LocalDateTime;
import java.util.UUID;

import dev.difyweave.backfill.call.JsonText;

/**
 * The columns of {@code workflow_runs} the mapping needs (never {@code graph}). Timestamps are naive UTC; the
 * JSON columns are their bytes ({@link JsonText}).
 */
public record WorkflowRunRow(
        UUID id,
        UUID tenantId,
        UUID appId,
        UUID workflowId,
        String type,
        String triggeredFrom,
        String version,
        JsonText inputs,
        JsonText outputs,
        String status,
        String error,
        double elapsedTime,
        long totalTokens,
        String createdByRole,
        UUID createdBy,
        LocalDateTime createdAt,
        LocalDateTime finishedAt) {
}
