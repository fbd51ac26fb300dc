package dev.difyweave.backfill.trace;

import static dev.difyweave.backfill.trace.CallAttributes.blankToNull;
import static dev.difyweave.backfill.trace.CallAttributes.objectOrEmpty;
import static dev.difyweave.backfill.trace.CallAttributes.str;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.LivePayload.TokenUsage;
import dev.difyweave.backfill.call.LivePayload;
import dev.difyweave.backfill.call.RootKind;
import dev.difyweave.backfill.call.SourceKey;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.call.WeaveCall;
import dev.difyweave.backfill.source.NodeExecutionRow;
import dev.difyweave.backfill.source.WorkflowRunRow;
import dev.difyweave.backfill.source.WorkflowTraceSource;

/**
 * A workflow run and its node executions as Dify's live Weave integration sends them
 * (docs/reference/dify-source.md §3.3 (a), §3.4), with corrections C1, C4, C5, C6 and C8 of docs/reference/trace-mapping.md.
 * Pure: rows in, calls out.
 */
public final class WorkflowTraceMapper {

    /** The op name of a run's workflow call. */
    static final String OP = "workflow";
    static final String RUNS = RootKind.WORKFLOW_RUNS.table();
    static final String NODES = "workflow_node_executions";

    private static final Comparator<NodeExecutionRow> NODE_ORDER = Comparator
            .comparing(NodeExecutionRow::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingInt(NodeExecutionRow::index);

    private final Provenance provenance;
    private final Staleness staleness;
    private final NodeCallMapper nodes;

    public WorkflowTraceMapper(Provenance provenance) {
        this(provenance, null);
    }

    /** @param staleness how a run still unfinished in Dify is described when it is sent (C15); may be null */
    public WorkflowTraceMapper(Provenance provenance, Staleness staleness) {
        this.provenance = provenance;
        this.staleness = staleness;
        this.nodes = new NodeCallMapper(provenance);
    }

    /** A workflow-mode run: the workflow call is the root of its own trace. */
    public AssembledTrace map(WorkflowTraceSource source) {
        SourceProblems problems = new SourceProblems();
        String runId = CallIds.dify(source.run().id());
        RunParts run = runParts(source, runId, null, problems);
        List<WeaveCall> calls = new ArrayList<>();
        calls.add(run.call(TraceKind.WORKFLOW, runId, null, OP, "workflow_" + runId,
                workflowAttributes(run, runId, null)));
        calls.addAll(run.nodes());
        return AssembledTrace.of(TraceKind.WORKFLOW, source, calls, problems.list(), notes(source));
    }

    /** The run report notes of a run: whether an offloaded node payload had to be sent truncated. */
    static Set<String> notes(WorkflowTraceSource source) {
        boolean truncated = source.nodes().stream().flatMap(n -> n.offloads().stream()).anyMatch(o -> !o.read());
        return truncated ? Set.of(AssembledTrace.OFFLOADED_PAYLOAD_TRUNCATED) : Set.of();
    }

    /**
     * A chatflow (advanced-chat) message (correction C2): the message call is the root, the workflow
     * call of its run its child, the node calls the workflow's children; every call in the message's
     * trace. With {@code includeWorkflow} false only the message call is made.
     */
    List<WeaveCall> mapChatflow(WorkflowTraceSource source, String messageId, String conversationId,
            boolean includeWorkflow, SourceProblems problems) {
        String runId = CallIds.dify(source.run().id());
        RunParts run = runParts(source, messageId, conversationId, problems);
        ObjectNode messageAttributes = run.meta().deepCopy();
        messageAttributes.putNull("workflow_app_log_id");
        messageAttributes.put("message_id", messageId);
        messageAttributes.put("workflow_run_id", runId);
        messageAttributes.put("trace_id", messageId);
        CallAttributes.times(messageAttributes, run.start(), run.end());
        CallAttributes.tags(messageAttributes, "message", "workflow");
        CallAttributes.provenance(messageAttributes, provenance, run.approximated());
        List<WeaveCall> calls = new ArrayList<>();
        calls.add(run.call(TraceKind.MESSAGE, messageId, null, "message", "message_" + messageId, messageAttributes));
        if (includeWorkflow) {
            calls.add(run.call(TraceKind.WORKFLOW, runId, messageId, OP, "workflow_" + runId,
                    workflowAttributes(run, runId, messageId)));
            calls.addAll(run.nodes());
        }
        return calls;
    }

    /** What the calls of one run share: its times, metadata, payloads, and its node calls. */
    private record RunParts(SourceKey key, String traceId, Instant start, Instant end, ObjectNode meta,
            JsonNode inputs, JsonNode output, String exception, ObjectNode usage, List<String> approximated,
            List<WeaveCall> nodes, java.util.UUID appLogId) {

        /** A call of the run (the chatflow message, the workflow), all from the run's row. */
        WeaveCall call(TraceKind kind, String id, String parentId, String opName, String displayName,
                ObjectNode attributes) {
            return new WeaveCall(id, traceId, parentId, opName, displayName, start, end, attributes, inputs, output,
                    exception, CallSummary.of(exception, start, end, usage.deepCopy()), kind, key);
        }
    }

    private ObjectNode workflowAttributes(RunParts run, String runId, String messageId) {
        ObjectNode attributes = run.meta().deepCopy();
        CallAttributes.putNullable(attributes, "workflow_app_log_id", run.appLogId());
        if (messageId != null) {
            attributes.put("message_id", messageId);
        }
        attributes.put("workflow_run_id", runId);
        attributes.put("trace_id", run.traceId());
        CallAttributes.times(attributes, run.start(), run.end());
        CallAttributes.tags(attributes, "dify_workflow", "workflow");
        CallAttributes.provenance(attributes, provenance, run.approximated());
        return attributes;
    }

    private RunParts runParts(WorkflowTraceSource source, String traceId, String conversationId,
            SourceProblems problems) {
        WorkflowRunRow run = source.run();
        String runId = CallIds.dify(run.id());
        List<String> approximated = new ArrayList<>();
        boolean unfinished = DifyEnums.UNFINISHED_RUN_STATUSES.contains(run.status());
        if (!unfinished && !DifyEnums.FINISHED_RUN_STATUSES.contains(run.status())) {
            problems.add(RUNS, runId, "status", "unknown workflow run status '" + run.status() + "', sent as is");
        }
        Instant start = DifyTime.utc(run.createdAt());
        List<WeaveCall> nodeCalls = new ArrayList<>();
        ObjectNode usageTotal = Json.NODES.objectNode();
        source.nodes().stream().sorted(NODE_ORDER).forEach(node -> {
            WeaveCall call = nodes.map(node, run, traceId, problems);
            CallSummary.rollUp(usageTotal, call.summary().get("usage"));
            nodeCalls.add(call);
        });
        Instant end;
        String exception = blankToNull(run.error());
        if (unfinished) {
            // C15: a run still running or paused after --stale-after is sent as what it is
            end = unfinishedEnd(start, run, nodeCalls);
            exception = unfinishedException(runId, run, start, exception);
            approximated.add("ended_at");
            approximated.add("exception");
            problems.add(RUNS, runId, "status", "run still '" + run.status() + "' after --stale-after, sent as it is");
        } else {
            end = runEnd(run, start, runId, problems, approximated);
        }

        ObjectNode meta = Json.NODES.objectNode();
        meta.put("workflow_id", str(run.workflowId()));
        CallAttributes.putNullable(meta, "conversation_id", conversationId);
        meta.put("workflow_run_id", runId);
        meta.put("tenant_id", str(run.tenantId()));
        meta.put("elapsed_time", run.elapsedTime());
        meta.put("status", run.status());
        meta.put("version", run.version());
        meta.put("total_tokens", run.totalTokens());
        meta.putArray("file_list");
        meta.put("triggered_from", run.triggeredFrom());
        meta.put("user_id", userId(source, runId, problems));
        meta.put("app_id", str(run.appId()));
        meta.put("app_name", "");
        meta.put("workspace_name", "");

        TokenUsage usage = TokenUsage.total(run.totalTokens());
        JsonNode inputs = LivePayload.inputs(objectOrEmpty(problems.parseSentAsIs(RUNS, runId, "inputs", run.inputs())),
                usage, List.of());
        JsonNode output = LivePayload.outputs(objectOrEmpty(problems.parseSentAsIs(RUNS, runId, "outputs", run.outputs())),
                usage, List.of());
        return new RunParts(source.sourceKey(), traceId, start, end, meta, inputs, output, exception, usageTotal,
                approximated, nodeCalls, source.appLogId());
    }

    /** The latest time Dify has for a run it has not finished: its elapsed time, or its last node's end. */
    private static Instant unfinishedEnd(Instant start, WorkflowRunRow run, List<WeaveCall> nodes) {
        Instant end = DifyTime.plusSeconds(start, run.elapsedTime());
        for (WeaveCall node : nodes) {
            if (node.endedAt().isAfter(end)) {
                end = node.endedAt();
            }
        }
        return end;
    }

    private String unfinishedException(String runId, WorkflowRunRow run, Instant start, String error) {
        String state = "'" + run.status() + "'";
        String text = staleness == null ? "workflow run " + runId + " was still " + state + " in Dify; sent as it is"
                : staleness.exception("workflow run " + runId, state, start);
        return error == null ? text : text + ": " + error;
    }

    /** {@code finished_at}, or the best persisted value when it is missing or impossible (C6). */
    private static Instant runEnd(WorkflowRunRow run, Instant start, String runId, SourceProblems problems,
            List<String> approximated) {
        Instant finished = DifyTime.utc(run.finishedAt());
        if (finished != null && !finished.isBefore(start)) {
            return finished;
        }
        approximated.add("ended_at");
        if (finished == null) {
            problems.add(RUNS, runId, "finished_at", "null finished_at, created_at + elapsed_time is used");
        } else {
            problems.add(RUNS, runId, "finished_at", "finished_at before created_at, created_at + elapsed_time is used");
        }
        return DifyTime.plusSeconds(start, run.elapsedTime());
    }

    /** Live Dify: account id for console users, {@code end_users.session_id} for end users. */
    private static String userId(WorkflowTraceSource source, String runId, SourceProblems problems) {
        WorkflowRunRow run = source.run();
        String createdBy = str(run.createdBy());
        if (DifyEnums.ROLE_ACCOUNT.equals(run.createdByRole())) {
            if (!source.accountFound()) {
                problems.add(RUNS, runId, "created_by", "orphan: account " + createdBy + " not found");
            }
            return createdBy;
        }
        if (DifyEnums.ROLE_END_USER.contains(run.createdByRole())) {
            if (source.endUserSessionId() == null) {
                problems.add(RUNS, runId, "created_by", "orphan: end user " + createdBy + " not found, its id is used");
                return createdBy;
            }
            return source.endUserSessionId();
        }
        problems.add(RUNS, runId, "created_by_role", "unknown created_by_role '" + run.createdByRole() + "'");
        return createdBy;
    }


}
