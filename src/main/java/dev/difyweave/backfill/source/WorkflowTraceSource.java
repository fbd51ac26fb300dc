package dev.difyweave.backfill.source;

import java.util.List;
import java.util.UUID;

import dev.difyweave.backfill.call.RootKind;
import dev.difyweave.backfill.call.SourceKey;

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
        boolean accountFound) implements TraceRoot {

    @Override
    public SourceKey sourceKey() {
        return RootKind.WORKFLOW_RUNS.key(run.id());
    }

    @Override
    public UUID appId() {
        return run.appId();
    }
}
