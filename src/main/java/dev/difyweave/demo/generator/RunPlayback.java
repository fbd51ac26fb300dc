package dev.difyweave.demo.generator;

import static dev.difyweave.demo.generator.Json.obj;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.difyweave.demo.generator.NodePayloads.Payload;
import dev.difyweave.demo.generator.NodePayloads.RunState;
import dev.difyweave.demo.generator.RunPath.IterationUnit;
import dev.difyweave.demo.generator.RunPath.NodeUnit;
import dev.difyweave.demo.generator.RunPath.Unit;
import dev.difyweave.demo.generator.WorkflowPlan.Iteration;
import dev.difyweave.demo.generator.WorkflowPlan.PlannedNode;
import dev.difyweave.demo.generator.WorkflowRunSimulator.AppContext;
import dev.difyweave.demo.generator.WorkflowRunSimulator.RunRequest;

/**
 * Plays one workflow run along its {@link RunPath}, node by node, the way Dify's persistence layer
 * records it: the node rows, the run's totals so far, and where and why it stopped. Nodes run one after
 * another from shortly after the run's {@code created_at}; each node row has {@code finished_at =
 * created_at + elapsed_time}, and an iteration's row spans its children.
 */
final class RunPlayback {

    /** Node types that can fail or raise an exception (the others are deterministic). */
    private static final Set<String> FALLIBLE = Set.of("llm", "question-classifier", "knowledge-retrieval", "code",
            "http-request", "tool");

    private enum Outcome { SUCCEEDED, FAILED, EXCEPTION, INTERRUPTED, RUNNING, PAUSED }

    private final AppContext app;
    private final RunRequest request;
    private final UUID runId;
    private final UUID workflowId;
    private final double nodeFailedFraction;
    private final SeededRandom random;
    final RunState state;
    final List<DifyRows.NodeExecution> rows = new ArrayList<>();
    final List<GeneratedNode> nodes = new ArrayList<>();
    long cursor;
    int index;
    long tokens;
    int exceptions;
    String runError;

    RunPlayback(AppContext app, RunRequest request, UUID runId, UUID workflowId, RunState state,
                double nodeFailedFraction, SeededRandom random) {
        this.app = app;
        this.request = request;
        this.runId = runId;
        this.workflowId = workflowId;
        this.state = state;
        this.nodeFailedFraction = nodeFailedFraction;
        this.random = random;
        this.cursor = request.createdAtMicros() + random.between(8_000L, 60_000L);
    }

    /** Plays {@code units} up to the end, or to where the run's status says it stopped. */
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
                if (fallible(units.get(i)) && random.chance(nodeFailedFraction)) {
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
                        runError = WorkflowRunSimulator.STOP_REASON;
                        node((NodeUnit) unit, Outcome.INTERRUPTED, WorkflowRunSimulator.STOP_REASON, null);
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
            default -> WorkflowRunSimulator.elapsedMicros(node.type(), random);
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
                nodeIndex, unit.predecessor(), node.id(), node.type(), node.title(),
                Json.writeNullable(payload.inputs()), Json.writeNullable(payload.processData()),
                Json.writeNullable(payload.outputs()), status, error, UtcTime.seconds(elapsed),
                Json.writeNullable(payload.metadata()), UtcTime.utc(createdAt), request.createdByRole(),
                request.createdBy(), finished ? UtcTime.utc(createdAt + elapsed) : null));
        nodes.add(new GeneratedNode(id, nodeIndex, node.id(), node.type(), node.title(), status,
                UtcTime.utc(createdAt), UtcTime.seconds(elapsed), finished ? UtcTime.utc(createdAt + elapsed) : null));
    }

    private long gap() {
        return random.between(1_000L, 25_000L);
    }
}
