package dev.difyweave.backfill.trace;

import static dev.difyweave.backfill.trace.CallAttributes.blankToNull;
import static dev.difyweave.backfill.trace.CallAttributes.objectOrEmpty;
import static dev.difyweave.backfill.trace.CallAttributes.str;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.RawJson;
import dev.difyweave.backfill.call.LivePayload.TokenUsage;
import dev.difyweave.backfill.call.LivePayload;
import dev.difyweave.backfill.call.SourceKey;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.call.WeaveCall;
import dev.difyweave.backfill.call.WeaveJson;
import dev.difyweave.backfill.source.NodeExecutionRow;
import dev.difyweave.backfill.source.OffloadedPayload;
import dev.difyweave.backfill.source.WorkflowRunRow;

/**
 * One node execution as the child call of its run's workflow call (docs/reference/dify-source.md §3.4): node type as
 * op name, title as display name, execution metadata as attributes, C4 (failed nodes end with their
 * error), C5 (llm usage in the summary), offloaded payloads marked. Pure: rows in, a call out.
 */
final class NodeCallMapper {

    static final String NODES = WorkflowTraceMapper.NODES;

    private final Provenance provenance;

    NodeCallMapper(Provenance provenance) {
        this.provenance = provenance;
    }

    WeaveCall map(NodeExecutionRow node, WorkflowRunRow run, String traceId, SourceProblems problems) {
        String nodeId = CallIds.dify(node.id());
        String runId = CallIds.dify(run.id());
        List<String> approximated = new ArrayList<>();
        if (!DifyEnums.NODE_STATUSES.contains(node.status())) {
            problems.add(NODES, nodeId, "status", "unknown node status '" + node.status() + "', sent as is");
        }
        String nodeType = node.nodeType() == null || node.nodeType().isBlank() ? "unknown" : node.nodeType();
        if (!DifyEnums.NODE_TYPES.contains(nodeType)) {
            problems.add(NODES, nodeId, "node_type", "unknown node type '" + nodeType + "', sent as op name");
        }

        Instant start = DifyTime.utc(node.createdAt());
        if (start == null) {
            start = DifyTime.utc(run.createdAt());
            approximated.add("started_at");
            problems.add(NODES, nodeId, "created_at", "null created_at, the run's start is used");
        }
        double elapsed = node.elapsedTime();
        if (Double.isNaN(elapsed) || elapsed < 0) {
            problems.add(NODES, nodeId, "elapsed_time", "negative elapsed_time " + elapsed + ", 0 is used");
            elapsed = 0;
        }
        Instant end = DifyTime.plusSeconds(start, elapsed);

        JsonNode metadataNode = problems.parse(NODES, nodeId, "execution_metadata", node.executionMetadata());
        ObjectNode attributes = Json.NODES.objectNode();
        if (metadataNode instanceof ObjectNode metadata) {
            for (Map.Entry<String, JsonNode> entry : metadata.properties()) {
                if (!DifyEnums.EXECUTION_METADATA_KEYS.contains(entry.getKey())) {
                    problems.add(NODES, nodeId, "execution_metadata",
                            "unknown execution_metadata key '" + entry.getKey() + "', sent as an attribute");
                }
                attributes.set(entry.getKey(), entry.getValue());
            }
        } else if (metadataNode != null) {
            attributes.set("execution_metadata", metadataNode);
        }
        long totalTokens = problems.count(metadataNode, "total_tokens", 0, NODES, nodeId, "execution_metadata");

        JsonNode processData = problems.parse(NODES, nodeId, "process_data", node.processData());
        JsonNode rawInputs;
        if ("llm".equals(nodeType)) {
            rawInputs = processData == null ? Json.NODES.objectNode()
                    : processData.isObject() ? processData.path("prompts").isMissingNode()
                            ? Json.NODES.objectNode() : processData.get("prompts")
                    : processData;
        } else {
            rawInputs = objectOrEmpty(problems.parseSentAsIs(NODES, nodeId, "inputs", node.inputs()));
        }
        JsonNode outputsNode = objectOrEmpty(problems.parseSentAsIs(NODES, nodeId, "outputs", node.outputs()));

        attributes.put("workflow_run_id", runId);
        attributes.put("node_execution_id", nodeId);
        attributes.put("tenant_id", str(node.tenantId()));
        attributes.put("app_id", str(run.appId()));
        attributes.put("app_name", node.title());
        attributes.put("node_type", nodeType);
        attributes.put("status", node.status());
        if (processData != null && processData.isObject() && "chat".equals(processData.path("model_mode").asString(null))) {
            attributes.put("ls_provider", processData.path("model_provider").asString(""));
            attributes.put("ls_model_name", processData.path("model_name").asString(""));
        }
        CallAttributes.tags(attributes, "node_execution");
        attributes.put("start_time", WeaveJson.timestamp(start));
        attributes.put("end_time", WeaveJson.timestamp(end));
        attributes.put("elapsed_time", elapsed);
        attributes.put("trace_id", traceId);
        CallAttributes.provenance(attributes, provenance, approximated);
        offloads(node, nodeId, (ObjectNode) attributes.get("backfill"), problems);

        TokenUsage usage = TokenUsage.total(totalTokens);
        JsonNode inputs = LivePayload.inputs(rawInputs, usage, List.of());
        JsonNode output = LivePayload.outputs(outputsNode, usage, List.of());

        String exception = null;
        if (DifyEnums.FAILED_NODE_STATUSES.contains(node.status())) {
            exception = blankToNull(node.error());
            if (exception == null) {
                exception = "node " + node.status() + " (Dify recorded no error message)";
            }
        }
        ObjectNode llmUsage = "llm".equals(nodeType) ? llmUsage(processData, outputsNode, nodeId, problems) : null;
        String displayName = node.title() == null || node.title().isBlank() ? null : node.title();
        return new WeaveCall(nodeId, traceId, runId, CallAttributes.opName("node:", nodeType), displayName, start, end, attributes, inputs,
                output, exception, CallSummary.of(exception, (long) Math.floor(elapsed * 1000), llmUsage),
                TraceKind.WORKFLOW, new SourceKey(NODES, node.id()));
    }

    /**
     * Offloaded payloads (Dify >= 1.9): {@code backfill.offloaded} lists the columns read in full from
     * Dify's storage, {@code backfill.dify_truncated} those sent with Dify's truncated database value
     * because the stored object could not be read (each also a problem).
     */
    private static void offloads(NodeExecutionRow node, String nodeId, ObjectNode backfill, SourceProblems problems) {
        if (node.offloads().isEmpty()) {
            return;
        }
        List<String> read = new ArrayList<>();
        List<String> truncated = new ArrayList<>();
        for (OffloadedPayload offload : node.offloads()) {
            if (offload.read()) {
                read.add(offload.type());
            } else {
                truncated.add(offload.type());
                problems.add(NODES, nodeId, offload.type(), "offloaded payload not read from Dify's storage ("
                        + offload.unreadReason() + "); Dify's truncated value is sent");
            }
        }
        if (!read.isEmpty()) {
            read.forEach(backfill.putArray("offloaded")::add);
        }
        if (!truncated.isEmpty()) {
            truncated.forEach(backfill.putArray("dify_truncated")::add);
        }
    }

    /** C5: usage of an llm node from its {@code process_data.usage} (or {@code outputs.usage}) and model name. */
    private static ObjectNode llmUsage(JsonNode processData, JsonNode outputs, String nodeId, SourceProblems problems) {
        JsonNode usage = processData == null ? null : processData.get("usage");
        String column = "process_data";
        if (usage == null || !usage.isObject()) {
            usage = outputs == null ? null : RawJson.treeOf(outputs.get("usage"));
            column = "outputs";
        }
        if (usage == null || !usage.isObject()) {
            return null;
        }
        String model = processData == null ? null : processData.path("model_name").asString(null);
        long prompt = problems.count(usage, "prompt_tokens", 0, NODES, nodeId, column);
        long completion = problems.count(usage, "completion_tokens", 0, NODES, nodeId, column);
        long total = problems.count(usage, "total_tokens", prompt + completion, NODES, nodeId, column);
        return CallSummary.usage(model, prompt, completion, total);
    }
}
