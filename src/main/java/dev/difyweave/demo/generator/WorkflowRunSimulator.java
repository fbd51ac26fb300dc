package dev.difyweave.demo.generator;

import static dev.difyweave.demo.generator.Json.obj;

import dev.difyweave.demo.generator.DifyDataGenerator.Spec;
import dev.difyweave.demo.generator.NodePayloads.Payload;
import dev.difyweave.demo.generator.NodePayloads.RunState;
import dev.difyweave.demo.generator.WorkflowPlan.PlannedNode;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plays one workflow run through an app's {@link WorkflowPlan} the way Dify's persistence layer
 * records it, and writes the {@code workflow_runs} row, its {@code workflow_node_executions} rows
 * and (for non-debugger runs) its {@code workflow_app_logs} row.
 *
 * <p>Timing: nodes run one after another from shortly after the run's {@code created_at}; each node
 * row has {@code finished_at = created_at + elapsed_time}, an iteration's row spans its children, and
 * the run's {@code finished_at} comes after its last node. Outcomes follow the run's status:
 * <ul>
 *   <li>{@code succeeded}: every node succeeds.</li>
 *   <li>{@code partial-succeeded}: some nodes end in {@code exception} (error strategy), the run goes on.</li>
 *   <li>{@code failed}: one node fails with an error; the run stops there with that error.</li>
 *   <li>{@code stopped}: the node in flight is marked failed with "User requested stop", as Dify does.</li>
 *   <li>{@code running}: the last node is still {@code running}; the run has no end, outputs or totals.</li>
 *   <li>{@code paused}: a {@code human-input} node is {@code paused}; the run has no end and no outputs.</li>
 * </ul>
 */
final class WorkflowRunSimulator {

    static final String STOP_REASON = "User requested stop";

    record AppContext(UUID tenantId, UUID appId, UUID publishedWorkflowId, String publishedVersion,
                      UUID draftWorkflowId, WorkflowPlan plan, NodePayloads payloads) {
    }

    /**
     * Who starts a run and how. {@code appLogFrom} is {@code workflow_app_logs.created_from}, null for
     * debugger runs (which get no log row).
     */
    record RunRequest(String status, String triggeredFrom, String createdByRole, UUID createdBy, String sysUserId,
                      String invokeFrom, String appLogFrom, long createdAtMicros, String topic, String language) {
    }

    private final DifyRowWriter writer;
    private final Spec spec;

    WorkflowRunSimulator(DifyRowWriter writer, Spec spec) {
        this.writer = writer;
        this.spec = spec;
    }

    GeneratedRun simulate(AppContext app, RunRequest request, SeededRandom random) throws SQLException {
        boolean debugging = request.triggeredFrom().equals("debugging");
        UUID runId = random.uuid();
        UUID workflowId = debugging ? app.draftWorkflowId() : app.publishedWorkflowId();
        String query = TextFaker.question(random, request.topic()) + " "
                + TextFaker.text(random, Math.max(40, spec.payloadBytes() / 12));
        Map<String, Object> inputs = obj(
                "query", query,
                "language", request.language(),
                "customer_tier", random.pick("free", "pro", "enterprise"),
                "sys.files", List.of(),
                "sys.user_id", request.sysUserId(),
                "sys.app_id", app.appId().toString(),
                "sys.workflow_id", workflowId.toString(),
                "sys.workflow_run_id", runId.toString(),
                "sys.timestamp", UtcTime.epochSeconds(request.createdAtMicros()),
                "sys.invoke_from", request.invokeFrom());

        RunPlayback run = new RunPlayback(app, request, runId, workflowId, new RunState(request.topic(), query, inputs),
                spec.nodeFailedFraction(), random);
        run.execute(RunPath.of(app.plan(), random));

        String status = request.status();
        boolean ended = !status.equals("running") && !status.equals("paused");
        long finishedAt = run.cursor + random.between(3_000L, 30_000L);
        String outputs = switch (status) {
            case "succeeded", "partial-succeeded" -> Json.write(obj("answer", run.state.lastText));
            case "failed", "stopped" -> "{}";
            default -> null;
        };
        // A running run has only its start saved; a paused one has its totals up to the pause.
        boolean hasTotals = !status.equals("running");
        double elapsedTime = ended ? UtcTime.seconds(finishedAt - request.createdAtMicros())
                : hasTotals ? UtcTime.seconds(run.cursor - request.createdAtMicros()) : 0.0;
        long totalTokens = hasTotals ? run.tokens : 0;
        writer.insert(new DifyRows.WorkflowRun(runId, app.tenantId(), app.appId(), workflowId, "workflow",
                request.triggeredFrom(), debugging ? "draft" : app.publishedVersion(), app.plan().graph(),
                Json.write(inputs), status, outputs, run.runError, elapsedTime,
                totalTokens, hasTotals ? run.nodes.size() : 0,
                request.createdByRole(), request.createdBy(), UtcTime.utc(request.createdAtMicros()),
                ended ? UtcTime.utc(finishedAt) : null, run.exceptions));
        for (DifyRows.NodeExecution node : run.rows) {
            writer.insert(node);
        }
        UUID appLogId = null;
        if (request.appLogFrom() != null) {
            appLogId = random.uuid();
            // Dify writes the log when the run starts; the column default rounds to whole seconds.
            writer.insert(new DifyRows.WorkflowAppLog(appLogId, app.tenantId(), app.appId(), workflowId, runId,
                    request.appLogFrom(), request.createdByRole(), request.createdBy(),
                    UtcTime.utcSeconds(request.createdAtMicros() + random.between(2_000L, 15_000L))));
        }
        run.nodes.sort(Comparator.comparingInt(GeneratedNode::index));
        return new GeneratedRun(runId, app.tenantId(), app.appId(), workflowId, status, request.triggeredFrom(),
                request.createdByRole(), request.createdBy(), UtcTime.utc(request.createdAtMicros()),
                ended ? UtcTime.utc(finishedAt) : null, elapsedTime, totalTokens, appLogId, run.nodes);
    }

    /** A console "run this node" debug execution: {@code triggered_from = 'single-step'}, no run. */
    void singleStep(AppContext app, PlannedNode node, UUID account, long createdAt, SeededRandom random)
            throws SQLException {
        String query = TextFaker.question(random, random.pick(TextFaker.TOPICS));
        RunState state = new RunState("debug", query, obj("query", query));
        long elapsed = elapsedMicros(node.type(), random);
        boolean failed = random.chance(spec.nodeFailedFraction());
        Payload payload = failed
                ? app.payloads().failed(node, state, random, UtcTime.seconds(elapsed))
                : app.payloads().succeeded(node, state, random, UtcTime.seconds(elapsed), "1");
        UUID id = random.uuid();
        writer.insert(new DifyRows.NodeExecution(id, app.tenantId(), app.appId(), app.draftWorkflowId(),
                "single-step", null, 1, null, node.id(), node.type(), node.title(),
                Json.writeNullable(payload.inputs()), Json.writeNullable(payload.processData()),
                Json.writeNullable(payload.outputs()), failed ? "failed" : "succeeded",
                failed ? app.payloads().error(node.type(), random) : null, UtcTime.seconds(elapsed),
                Json.writeNullable(payload.metadata()), UtcTime.utc(createdAt), "account", account,
                UtcTime.utc(createdAt + elapsed)));
    }


    /** Typical durations per node type, in microseconds. */
    static long elapsedMicros(String type, SeededRandom random) {
        return switch (type) {
            case "start" -> random.between(1_000L, 6_000L);
            case "end" -> random.between(800L, 4_000L);
            case "llm" -> random.between(900_000L, 6_500_000L);
            case "question-classifier" -> random.between(450_000L, 2_200_000L);
            case "knowledge-retrieval" -> random.between(120_000L, 1_100_000L);
            case "code" -> random.between(25_000L, 260_000L);
            case "template-transform" -> random.between(3_000L, 40_000L);
            case "http-request" -> random.between(70_000L, 1_800_000L);
            case "tool" -> random.between(350_000L, 3_800_000L);
            case "if-else", "variable-aggregator" -> random.between(600L, 4_000L);
            case "iteration-start" -> random.between(300L, 1_500L);
            default -> random.between(2_000L, 9_000L);
        };
    }
}
