package dev.difyweave.backfill.source;

import java.time.LocalDateTime;
import java.util.UUID;

/** One {@code workflow_node_executions} row of a run ({@code triggered_from = 'workflow-run'}). */
public record NodeExecutionRow(
        UUID id,
        UUID workflowRunId,
        UUID tenantId,
        UUID appId,
        int index,
        String nodeId,
        String nodeType,
        String title,
        String inputs,
        String processData,
        String outputs,
        String status,
        String error,
        double elapsedTime,
        String executionMetadata,
        LocalDateTime createdAt,
        LocalDateTime finishedAt) {
}
