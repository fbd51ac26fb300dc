package dev.difyweave.backfill.trace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.difyweave.backfill.source.AgentThoughtRow;
import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.call.SourceKey;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.LivePayload;
import dev.difyweave.backfill.call.LivePayload.TokenUsage;
import dev.difyweave.backfill.call.WeaveCall;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tool calls of agent-chat messages from {@code message_agent_thoughts} (§2.6, §3.3 (g)) with C7: one
 * call per tool name per thought ({@code tool} split on {@code ;}), each with its own thought's time
 * ({@code created_at} + {@code time_cost}), inputs and observation; a use whose meta has an
 * {@code error} ends with it as the exception.
 */
final class ToolCallMapper {

    /** The first tag of a tool call. */
    static final String TAG = "tool";
    static final String THOUGHTS = "message_agent_thoughts";

    List<WeaveCall> map(MessageContext m) {
        List<WeaveCall> calls = new ArrayList<>();
        List<String> fileList = m.fileUrls.isEmpty() ? List.of() : List.of(m.fileUrls.get(0));
        for (AgentThoughtRow thought : m.source.thoughts()) {
            if (thought.tool() == null || thought.tool().isBlank()) {
                continue;
            }
            String thoughtId = thought.id().toString();
            List<String> names = Arrays.stream(thought.tool().split(";")).map(String::trim).filter(s -> !s.isEmpty())
                    .toList();
            JsonNode inputs = m.problems.parse(THOUGHTS, thoughtId, "tool_input", thought.toolInput());
            JsonNode observations = m.problems.parse(THOUGHTS, thoughtId, "observation", thought.observation());
            JsonNode metas = m.problems.parse(THOUGHTS, thoughtId, "tool_meta_str", thought.toolMetaStr());
            for (int n = 0; n < names.size(); n++) {
                calls.add(call(m, thought, names.get(n), n, pick(inputs, names.get(n), names.size()),
                        pick(observations, names.get(n), names.size()), metas == null ? null : metas.get(names.get(n)),
                        fileList));
            }
        }
        return calls;
    }

    private WeaveCall call(MessageContext m, AgentThoughtRow thought, String name, int n, JsonNode input,
            JsonNode observation, JsonNode meta, List<String> fileList) {
        List<String> approximated = new ArrayList<>();
        Instant start = DifyTime.utc(thought.createdAt());
        if (start == null) {
            start = m.start;
            approximated.add("started_at");
        }
        JsonNode timeCost = meta == null ? null : meta.get("time_cost");
        Instant end;
        if (timeCost != null && timeCost.isNumber()) {
            end = DifyTime.plusSeconds(start, timeCost.doubleValue());
        } else {
            end = start;
            approximated.add("ended_at");
        }
        String error = error(meta, m, thought, name);

        ObjectNode attributes = Json.NODES.objectNode();
        attributes.put("message_id", m.id);
        attributes.put("tool_name", name);
        attributes.set("tool_inputs", input == null ? Json.NODES.objectNode() : input);
        attributes.set("tool_outputs", observation == null ? Json.NODES.nullNode() : observation);
        attributes.set("tool_config", meta == null || meta.get("tool_config") == null ? Json.NODES.objectNode()
                : meta.get("tool_config"));
        attributes.put("time_cost", timeCost != null && timeCost.isNumber() ? timeCost.doubleValue() : 0);
        CallAttributes.putNullable(attributes, "error", error);
        attributes.putObject("tool_parameters");
        if (m.row.workflowRunId() != null) {
            attributes.put("workflow_run_id", m.row.workflowRunId().toString());
        }
        if (!m.source.files().isEmpty()) {
            attributes.put("message_file_id", m.source.files().get(0).id().toString());
            CallAttributes.putNullable(attributes, "type", m.source.files().get(0).type());
        }
        attributes.put("thought_id", thought.id().toString());
        attributes.put("thought_position", thought.position());
        CallAttributes.tags(attributes, TAG, name);
        CallAttributes.times(attributes, start, end);
        attributes.put("trace_id", m.id);
        CallAttributes.provenance(attributes, m.provenance, approximated);

        TokenUsage none = TokenUsage.none();
        JsonNode inputs = LivePayload.inputs(input == null ? Json.NODES.objectNode() : input, none, fileList);
        JsonNode output = LivePayload.outputs(observation, none, fileList);
        return new WeaveCall(CallIds.tool(m.id, thought.id().toString(), name, n), m.id, m.id, CallAttributes.opName("tool:", name), null,
                start, end, attributes, inputs, output, error, CallSummary.of(error, start, end, null),
                TraceKind.TOOL, new SourceKey(THOUGHTS, thought.id()));
    }

    /**
     * The tool's error (C7): a string as it is; a value of another type (an object, a number, {@code true})
     * is an error all the same, sent as its JSON text and recorded; absent, null, empty or {@code false}: none.
     */
    private static String error(JsonNode meta, MessageContext m, AgentThoughtRow thought, String name) {
        JsonNode error = meta == null ? null : meta.get("error");
        if (error == null || error.isNull() || error.isBoolean() && !error.booleanValue()) {
            return null;
        }
        if (error.isString()) {
            return CallAttributes.blankToNull(error.stringValue());
        }
        String text = Json.MAPPER.writeValueAsString(error);
        m.problems.add(THOUGHTS, thought.id(), "tool_meta_str", "tool_meta_str." + name + ".error is not a string ("
                + error.getNodeType().name().toLowerCase() + "); the tool call is sent as failed with its JSON text");
        return text;
    }

    /** A tool's value in a JSON object keyed by tool name; a single tool's row may hold the bare value. */
    private static JsonNode pick(JsonNode keyed, String name, int toolsInThought) {
        if (keyed == null) {
            return null;
        }
        if (keyed.isObject() && keyed.has(name)) {
            return keyed.get(name);
        }
        return toolsInThought == 1 ? keyed : null;
    }

}
