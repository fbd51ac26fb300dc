package dev.difyweave.backfill.source;

import java.util.List;
import java.util.UUID;

/**
 * Everything Dify persisted about one workflow run, gathered per chunk: the run, its node
 * executions, its first app log, and who ran it ({@code endUserSessionId} for end users; {@code
 * accountFound} for accounts).
 */
public record WorkflowTraceSource(
        WorkflowRunRow run,
        List<NodeExecutionRow> nodes,
        UUID appLogId,
        String endUserSessionId,
        boolean accountFound) {
}
