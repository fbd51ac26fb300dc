package dev.difyweave.demo.generator;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One {@code workflow_runs} row and its node executions (ordered by {@code index}).
 * {@code appLogId} is null for debugger runs; {@code finishedAt} is null for running and paused runs.
 */
public record GeneratedRun(UUID id, UUID tenantId, UUID appId, UUID workflowId, String status,
                           String triggeredFrom, String createdByRole, UUID createdBy, LocalDateTime createdAt,
                           LocalDateTime finishedAt, double elapsedTime, long totalTokens, UUID appLogId,
                           List<GeneratedNode> nodes) {
    public GeneratedRun {
        nodes = List.copyOf(nodes);
    }

    public boolean finished() {
        return DifyDataGenerator.FINISHED_STATUSES.contains(status);
    }
}
