package dev.difyweave.demo.generator;

import static dev.difyweave.demo.generator.Json.obj;

import dev.difyweave.demo.generator.NodePayloads.Payload;
import dev.difyweave.demo.generator.NodePayloads.RunState;
import dev.difyweave.demo.generator.WorkflowPlan.PlannedNode;
import dev.difyweave.demo.generator.WorkflowPlan.Single;
import dev.difyweave.demo.generator.WorkflowPlan.Stage;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plays the workflow run behind one {@code advanced-chat} message: a {@code workflow_runs} row with
 * {@code type = 'chat'} and {@code triggered_from = 'app-run'}, and its node executions along the
 * chatflow's line ({@code start, knowledge-retrieval, tool, llm, answer}). Chatflows get no
 * {@code workflow_app_logs} rows.
 *
 * <p>Outcomes: {@code succeeded} (the answer node streams the LLM's text), {@code failed} (the tool or
 * the LLM fails, the run stops there with its error) and {@code running} (the LLM is still
 * generating: no end, no outputs, no totals).
 */
final class ChatflowRunSimulator {

    /** A published chatflow. */
    record Chatflow(UUID tenantId, UUID appId, UUID workflowId, String version, WorkflowPlan plan,
                    NodePayloads payloads) {
    }

    /**
     * One turn of a conversation. {@code appInputs} are the conversation's inputs; the run adds the
     * system variables (without {@code sys.conversation_id}, which current Dify leaves out).
     */
    record Turn(String status, String createdByRole, UUID createdBy, String sysUserId, String invokeFrom,
                long createdAtMicros, String topic, String query, Map<String, Object> appInputs,
                int dialogueCount) {
    }

    /**
     * What the run produced for its message: the answer ({@code ""} unless succeeded), the LLM's usage
     * ({@code null} unless succeeded), the run's error (failed runs) and when it ended (for a running
     * run: when its last node started).
     */
    record Outcome(GeneratedRun run, String answer, Map<String, Object> usage, String error, long endMicros) {
    }

    private final DifyRowWriter writer;

    ChatflowRunSimulator(DifyRowWriter writer) {
        this.writer = writer;
    }

    Outcome simulate(Chatflow app, Turn turn, SeededRandom random) throws SQLException {
        UUID runId = random.uuid();
        Map<String, Object> inputs = new LinkedHashMap<>(turn.appInputs());
        inputs.put("sys.query", turn.query());
        inputs.put("sys.files", List.of());
        inputs.put("sys.user_id", turn.sysUserId());
        inputs.put("sys.app_id", app.appId().toString());
        inputs.put("sys.workflow_id", app.workflowId().toString());
        inputs.put("sys.workflow_run_id", runId.toString());
        inputs.put("sys.dialogue_count", turn.dialogueCount());
        inputs.put("sys.timestamp", UtcTime.epochSeconds(turn.createdAtMicros()));
        inputs.put("sys.invoke_from", turn.invokeFrom());
        RunState state = new RunState(turn.topic(), turn.query(), inputs);

        List<PlannedNode> line = new ArrayList<>();
        line.add(app.plan().start());
        for (Stage stage : app.plan().stages()) {
            line.add(((Single) stage).node());
        }
        line.add(app.plan().end());
        // A failing run fails at the tool or the LLM; a running one is waiting for the LLM.
        int llmAt = indexOf(line, "llm");
        int stopAt = switch (turn.status()) {
            case "failed" -> random.chance(0.5) ? indexOf(line, "tool") : llmAt;
            case "running" -> llmAt;
            default -> -1;
        };

        List<DifyRows.NodeExecution> rows = new ArrayList<>();
        List<GeneratedNode> nodes = new ArrayList<>();
        long cursor = turn.createdAtMicros() + random.between(5_000L, 40_000L);
        long tokens = 0;
        Map<String, Object> usage = null;
        String error = null;
        String predecessor = null;
        for (int i = 0; i < line.size() && (stopAt < 0 || i <= stopAt); i++) {
            PlannedNode node = line.get(i);
            long createdAt = cursor + random.between(1_000L, 20_000L);
            boolean running = i == stopAt && turn.status().equals("running");
            boolean failed = i == stopAt && turn.status().equals("failed");
            long elapsed = running ? 0 : WorkflowRunSimulator.elapsedMicros(node.type(), random);
            double seconds = UtcTime.seconds(elapsed);
            Payload payload;
            String status;
            if (running) {
                payload = new Payload(null, null, null, obj(), 0);
                status = "running";
            } else if (failed) {
                payload = app.payloads().failed(node, state, random, seconds);
                error = app.payloads().error(node.type(), random);
                status = "failed";
            } else {
                payload = app.payloads().succeeded(node, state, random, seconds, null);
                status = "succeeded";
                if (node.type().equals("llm")) {
                    tokens += payload.tokens();
                    usage = castUsage(payload.outputs().get("usage"));
                }
            }
            UUID id = random.uuid();
            int index = i + 1;
            LocalDateTime finishedAt = running ? null : UtcTime.utc(createdAt + elapsed);
            rows.add(new DifyRows.NodeExecution(id, app.tenantId(), app.appId(), app.workflowId(), "workflow-run",
                    runId, index, predecessor, node.id(), node.type(), node.title(),
                    Json.writeNullable(payload.inputs()), Json.writeNullable(payload.processData()),
                    Json.writeNullable(payload.outputs()), status, failed ? error : null, seconds,
                    Json.writeNullable(payload.metadata()), UtcTime.utc(createdAt), turn.createdByRole(),
                    turn.createdBy(), finishedAt));
            nodes.add(new GeneratedNode(id, index, node.id(), node.type(), node.title(), status,
                    UtcTime.utc(createdAt), seconds, finishedAt));
            predecessor = node.id();
            cursor = createdAt + elapsed;
        }

        String status = turn.status();
        boolean ended = !status.equals("running");
        long finishedAt = cursor + random.between(2_000L, 20_000L);
        String answer = status.equals("succeeded") ? state.lastText : "";
        String outputs = switch (status) {
            case "succeeded" -> Json.write(obj("answer", answer));
            case "failed" -> "{}";
            default -> null;
        };
        double elapsedTime = ended ? UtcTime.seconds(finishedAt - turn.createdAtMicros()) : 0.0;
        long totalTokens = ended ? tokens : 0;
        writer.insert(new DifyRows.WorkflowRun(runId, app.tenantId(), app.appId(), app.workflowId(), "chat",
                "app-run", app.version(), app.plan().graph(), Json.write(inputs), status, outputs, error, elapsedTime,
                totalTokens, ended ? rows.size() : 0, turn.createdByRole(), turn.createdBy(),
                UtcTime.utc(turn.createdAtMicros()), ended ? UtcTime.utc(finishedAt) : null, 0));
        for (DifyRows.NodeExecution row : rows) {
            writer.insert(row);
        }
        GeneratedRun run = new GeneratedRun(runId, app.tenantId(), app.appId(), app.workflowId(), status, "app-run",
                turn.createdByRole(), turn.createdBy(), UtcTime.utc(turn.createdAtMicros()),
                ended ? UtcTime.utc(finishedAt) : null, elapsedTime, totalTokens, null, nodes);
        return new Outcome(run, answer, status.equals("succeeded") ? usage : null, error,
                ended ? finishedAt : cursor);
    }

    private static int indexOf(List<PlannedNode> line, String type) {
        for (int i = 0; i < line.size(); i++) {
            if (line.get(i).type().equals(type)) {
                return i;
            }
        }
        throw new IllegalStateException("chatflow without a " + type + " node");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castUsage(Object usage) {
        return (Map<String, Object>) usage;
    }
}
