package dev.difyweave.backfill.job;

import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.call.RootKind;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.source.SourceWindow;
import dev.difyweave.backfill.source.WorkflowPageSource;
import dev.difyweave.backfill.source.WorkflowTraceSource;
import dev.difyweave.backfill.storage.PayloadStore;
import dev.difyweave.backfill.trace.AssembledTrace;
import dev.difyweave.backfill.trace.WorkflowTraceMapper;

/** Workflow runs of workflow-mode apps, each a trace of its own (kind {@code workflow}). */
public final class WorkflowRoots implements TraceRoots<WorkflowTraceSource> {

    private final JdbcTemplate dify;
    private final PayloadStore payloads;

    public WorkflowRoots(JdbcTemplate dify, PayloadStore payloads) {
        this.dify = dify;
        this.payloads = payloads;
    }

    @Override
    public RootKind kind() {
        return RootKind.WORKFLOW_RUNS;
    }

    @Override
    public TraceKind rootTraceKind() {
        return TraceKind.WORKFLOW;
    }

    @Override
    public String readerName() {
        return "workflowRuns";
    }

    @Override
    public WorkflowPageSource source(SourceWindow window) {
        return new WorkflowPageSource(dify, window, payloads);
    }

    @Override
    public Function<WorkflowTraceSource, AssembledTrace> mapper(BackfillRequest request) {
        return new WorkflowTraceMapper(request.provenance(), request.staleness())::map;
    }

}
