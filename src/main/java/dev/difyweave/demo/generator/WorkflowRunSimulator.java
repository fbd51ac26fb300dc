package dev.difyweave.demo.generator;

import static dev.difyweave.demo.generator.Json.obj;

import dev.difyweave.demo.generator.DifyDataGenerator.Spec;
import dev.difyweave.demo.generator.NodePayloads.Payload;
import dev.difyweave.demo.generator.NodePayloads.RunState;
import dev.difyweave.demo.generator.WorkflowPlan.Branch;
import dev.difyweave.demo.generator.WorkflowPlan.Iteration;
import dev.difyweave.demo.generator.WorkflowPlan.PlannedNode;
import dev.difyweave.demo.generator.WorkflowPlan.Single;
import dev.difyweave.demo.generator.WorkflowPlan.Stage;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** Node types that can fail or raise an exception (the others are deterministic). */
    private static final Set<String> FALLIBLE = Set.of("llm", "question-classifier", "knowledge-retrieval", "code",
            "http-request", "tool");

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

        Run run = new Run(app, request, runId, workflowId, new RunState(request.topic(), query, inputs), random);
        List<Unit> units = units(app.plan(), random);
        run.execute(units);

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
                "single-step", null, 1, null, node.id(), node.type(), node.title(), json(payload.inputs()),
                json(payload.processData()), json(payload.outputs()), failed ? "failed" : "succeeded",
                failed ? app.payloads().error(node.type(), random) : null, UtcTime.seconds(elapsed),
                json(payload.metadata()), UtcTime.utc(createdAt), "account", account,
                UtcTime.utc(createdAt + elapsed)));
    }

    // ---------------------------------------------------------------------------------------------

    /** One top-level step of a run: a node, or an iteration with its items. */
    private sealed interface Unit permits NodeUnit, IterationUnit {
        String nodeId();
    }

    private record NodeUnit(PlannedNode node, String predecessor, String branchLabel) implements Unit {
        @Override
        public String nodeId() {
            return node.id();
        }
    }

    private record IterationUnit(Iteration stage, String predecessor, int items) implements Unit {
        @Override
        public String nodeId() {
            return stage.iteration().id();
        }
    }

    /** The run's path through the plan: branches resolved, iteration sizes drawn, end included. */
    private static List<Unit> units(WorkflowPlan plan, SeededRandom random) {
        List<Unit> units = new ArrayList<>();
        units.add(new NodeUnit(plan.start(), null, null));
        String previous = plan.start().id();
        for (Stage stage : plan.stages()) {
            if (stage instanceof Single single) {
                units.add(new NodeUnit(single.node(), previous, null));
                previous = single.node().id();
            } else if (stage instanceof Branch branch) {
                int arm = random.nextInt(branch.arms().size());
                units.add(new NodeUnit(branch.decider(), previous, branch.armLabels().get(arm)));
                PlannedNode taken = branch.arms().get(arm);
                units.add(new NodeUnit(taken, branch.decider().id(), null));
                units.add(new NodeUnit(branch.aggregator(), taken.id(), null));
                previous = branch.aggregator().id();
            } else if (stage instanceof Iteration iteration) {
                units.add(new IterationUnit(iteration, previous,
                        random.between(iteration.minItems(), iteration.maxItems())));
                previous = iteration.iteration().id();
            }
        }
        units.add(new NodeUnit(plan.end(), previous, null));
        return units;
    }

    /** Mutable state of one run being played. */
    private final class Run {
        final AppContext app;
        final RunRequest request;
        final UUID runId;
        final UUID workflowId;
        final RunState state;
        final SeededRandom random;
        final List<DifyRows.NodeExecution> rows = new ArrayList<>();
        final List<GeneratedNode> nodes = new ArrayList<>();
        long cursor;
        int index;
        long tokens;
        int exceptions;
        String runError;

        Run(AppContext app, RunRequest request, UUID runId, UUID workflowId, RunState state, SeededRandom random) {
            this.app = app;
            this.request = request;
            this.runId = runId;
            this.workflowId = workflowId;
            this.state = state;
            this.random = random;
            this.cursor = request.createdAtMicros() + random.between(8_000L, 60_000L);
        }

        void execute(List<Unit> units) {
            String status = request.status();
            int last = units.size() - 1; // the end node
            // Where an unfinished or failing run stops, and which nodes raise exceptions.
            int stopAt = switch (status) {
                case "failed" -> pick(units, 1, last - 1, true);
                case "stopped", "running" -> pick(units, 1, last - 1, false);
                case "paused" -> random.between(1, last);
                default -> -1;
            };
            Set<Integer> exceptionAt = new HashSet<>();
            if (status.equals("partial-succeeded")) {
                exceptionAt.add(pick(units, 1, last - 1, true));
                for (int i = 1; i < last; i++) {
                    if (fallible(units.get(i)) && random.chance(spec.nodeFailedFraction())) {
                        exceptionAt.add(i);
                    }
                }
            }
            for (int i = 0; i < units.size(); i++) {
                Unit unit = units.get(i);
                if (i == stopAt) {
                    switch (status) {
                        case "failed" -> {
                            runError = app.payloads().error(((NodeUnit) unit).node().type(), random);
                            node((NodeUnit) unit, Outcome.FAILED, runError, null);
                        }
                        case "stopped" -> {
                            runError = STOP_REASON;
                            node((NodeUnit) unit, Outcome.INTERRUPTED, STOP_REASON, null);
                        }
                        case "running" -> node((NodeUnit) unit, Outcome.RUNNING, null, null);
                        case "paused" -> node(new NodeUnit(app.plan().review(), units.get(i - 1).nodeId(), null),
                                Outcome.PAUSED, null, null);
                        default -> throw new IllegalStateException(status);
                    }
                    return;
                }
                if (unit instanceof IterationUnit iterationUnit) {
                    iteration(iterationUnit);
                } else if (exceptionAt.contains(i)) {
                    NodeUnit nodeUnit = (NodeUnit) unit;
                    exceptions++;
                    node(nodeUnit, Outcome.EXCEPTION, app.payloads().error(nodeUnit.node().type(), random), null);
                } else {
                    node((NodeUnit) unit, Outcome.SUCCEEDED, null, null);
                }
            }
        }

        /** A random unit index in {@code [from, to]} that is a plain node (and fallible, if asked). */
        private int pick(List<Unit> units, int from, int to, boolean fallibleOnly) {
            List<Integer> candidates = new ArrayList<>();
            for (int i = from; i <= to; i++) {
                Unit unit = units.get(i);
                if (unit instanceof NodeUnit && (!fallibleOnly || fallible(unit))) {
                    candidates.add(i);
                }
            }
            return candidates.isEmpty() ? Math.min(from, to) : random.pick(candidates);
        }

        private boolean fallible(Unit unit) {
            return unit instanceof NodeUnit nodeUnit && FALLIBLE.contains(nodeUnit.node().type());
        }

        private void iteration(IterationUnit unit) {
            Iteration stage = unit.stage();
            int containerIndex = ++index;
            long containerStart = cursor + gap();
            cursor = containerStart + random.between(500L, 3_000L);
            List<String> items = app.payloads().iterationItems(state, random, unit.items());
            List<String> outputs = new ArrayList<>();
            Map<String, Object> durations = new LinkedHashMap<>();
            long childTokens = 0;
            double childPrice = 0;
            for (int item = 0; item < items.size(); item++) {
                long itemStart = cursor;
                state.currentItem = items.get(item);
                Map<String, Object> position = obj("iteration_id", stage.iteration().id(), "iteration_index", item);
                node(new NodeUnit(stage.start(), null, null), Outcome.SUCCEEDED, null, position);
                Payload child = node(new NodeUnit(stage.child(), stage.start().id(), null), Outcome.SUCCEEDED,
                        null, position);
                childTokens += child.tokens();
                Object price = child.metadata().get("total_price");
                childPrice += price instanceof Double d ? d : 0;
                outputs.add(state.lastText);
                durations.put(Integer.toString(item), Json.round(UtcTime.seconds(cursor - itemStart), 6));
            }
            state.currentItem = null;
            cursor += random.between(1_000L, 6_000L);
            long elapsed = cursor - containerStart;
            Payload payload = app.payloads().iteration(items, outputs, durations, childTokens,
                    Json.round(childPrice, 7));
            addRow(containerIndex, new NodeUnit(stage.iteration(), unit.predecessor(), null), payload, "succeeded",
                    null, containerStart, elapsed, true);
        }

        /** Plays one node; returns its payload. {@code position} marks iteration children. */
        private Payload node(NodeUnit unit, Outcome outcome, String error, Map<String, Object> position) {
            PlannedNode node = unit.node();
            int nodeIndex = ++index;
            long createdAt = cursor + gap();
            long elapsed = switch (outcome) {
                case RUNNING -> 0;
                case PAUSED -> random.between(2_000L, 9_000L);
                default -> elapsedMicros(node.type(), random);
            };
            double seconds = UtcTime.seconds(elapsed);
            NodePayloads payloads = app.payloads();
            Payload payload = switch (outcome) {
                case SUCCEEDED -> payloads.succeeded(node, state, random, seconds, unit.branchLabel());
                case FAILED -> payloads.failed(node, state, random, seconds);
                case EXCEPTION -> payloads.exception(node, state, random, seconds, error,
                        random.pick("default-value", "default-value", "fail-branch"));
                // Still running, paused or interrupted: Dify saved the row at start and never got results.
                case RUNNING, PAUSED, INTERRUPTED -> new Payload(null, null, null, obj(), 0);
            };
            if (position != null) {
                Map<String, Object> metadata = new LinkedHashMap<>(position);
                metadata.putAll(payload.metadata());
                payload = new Payload(payload.inputs(), payload.processData(), payload.outputs(), metadata,
                        payload.tokens());
            }
            if (outcome == Outcome.SUCCEEDED && (node.type().equals("llm") || node.type().equals("question-classifier"))) {
                tokens += payload.tokens();
            }
            String status = switch (outcome) {
                case SUCCEEDED -> "succeeded";
                case FAILED, INTERRUPTED -> "failed";
                case EXCEPTION -> "exception";
                case RUNNING -> "running";
                case PAUSED -> "paused";
            };
            cursor = createdAt + elapsed;
            addRow(nodeIndex, unit, payload, status, error, createdAt, elapsed, outcome != Outcome.RUNNING);
            return payload;
        }

        private void addRow(int nodeIndex, NodeUnit unit, Payload payload, String status, String error,
                            long createdAt, long elapsed, boolean finished) {
            PlannedNode node = unit.node();
            UUID id = random.uuid();
            rows.add(new DifyRows.NodeExecution(id, app.tenantId(), app.appId(), workflowId, "workflow-run", runId,
                    nodeIndex, unit.predecessor(), node.id(), node.type(), node.title(), json(payload.inputs()),
                    json(payload.processData()), json(payload.outputs()), status, error, UtcTime.seconds(elapsed),
                    json(payload.metadata()), UtcTime.utc(createdAt), request.createdByRole(), request.createdBy(),
                    finished ? UtcTime.utc(createdAt + elapsed) : null));
            nodes.add(new GeneratedNode(id, nodeIndex, node.id(), node.type(), node.title(), status,
                    UtcTime.utc(createdAt), UtcTime.seconds(elapsed), finished ? UtcTime.utc(createdAt + elapsed) : null));
        }

        private long gap() {
            return random.between(1_000L, 25_000L);
        }
    }

    private enum Outcome { SUCCEEDED, FAILED, EXCEPTION, INTERRUPTED, RUNNING, PAUSED }

    private static String json(Map<String, Object> value) {
        return value == null ? null : Json.write(value);
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
