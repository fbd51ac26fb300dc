package dev.difyweave.backfill.source;

import java.time.LocalDateTime;
import java.util.UUID;

/** The columns of {@code workflow_runs} the mapping needs (never {@code graph}). Timestamps are naive UTC. */
public record WorkflowRunRow(
        UUID id,
        UUID tenantId,
        UUID appId,
        UUID workflowId,
        String type,
        String triggeredFrom,
        String version,
        String inputs,
        String outputs,
        String status,
        String error,
        double elapsedTime,
        long totalTokens,
        String createdByRole,
        UUID createdBy,
        LocalDateTime createdAt,
        LocalDateTime finishedAt) {
}
