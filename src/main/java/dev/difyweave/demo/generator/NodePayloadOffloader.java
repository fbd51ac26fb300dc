package dev.difyweave.demo.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Offloads the large payload columns of a node row as Dify's repository does (only when truncation
 * actually cuts something): the full JSON is
 * stored as {@code upload_files/<tenant>/<uuid>.json} (file name {@code node_execution_<id>_<type>.json}),
 * the column keeps a truncated copy (long strings cut with "...", long arrays shortened). Ids are
 * derived from the node id, so the random streams of the generator stay as they are.
 */
final class NodePayloadOffloader {

    static final int STRING_LIMIT = 64;
    static final int ARRAY_LIMIT = 5;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** An offloaded column: its stored object and the rows that point at it. */
    record Offloaded(String type, String key, byte[] content, UUID uploadFileId, UUID offloadId) {
    }

    /** The row with its large columns truncated, and what was offloaded. */
    record Result(DifyRows.NodeExecution row, List<Offloaded> offloaded) {
    }

    private final PayloadOffload settings;

    NodePayloadOffloader(PayloadOffload settings) {
        this.settings = settings;
    }

    Result offload(DifyRows.NodeExecution row) throws IOException {
        List<Offloaded> offloaded = new ArrayList<>();
        String inputs = column(row, "inputs", row.inputs(), offloaded);
        String processData = column(row, "process_data", row.processData(), offloaded);
        String outputs = column(row, "outputs", row.outputs(), offloaded);
        if (offloaded.isEmpty()) {
            return new Result(row, List.of());
        }
        return new Result(new DifyRows.NodeExecution(row.id(), row.tenantId(), row.appId(), row.workflowId(),
                row.triggeredFrom(), row.workflowRunId(), row.index(), row.predecessorNodeId(), row.nodeId(),
                row.nodeType(), row.title(), inputs, processData, outputs, row.status(), row.error(),
                row.elapsedTime(), row.executionMetadata(), row.createdAt(), row.createdByRole(), row.createdBy(),
                row.finishedAt()), offloaded);
    }

    private String column(DifyRows.NodeExecution row, String type, String json, List<Offloaded> offloaded)
            throws IOException {
        if (json == null) {
            return null;
        }
        byte[] content = json.getBytes(StandardCharsets.UTF_8);
        if (content.length <= settings.aboveBytes()) {
            return json;
        }
        JsonNode value = MAPPER.readTree(json);
        JsonNode truncated = truncate(value);
        if (truncated.equals(value)) {
            return json; // as Dify: nothing to cut, nothing offloaded
        }
        UUID uploadFileId = UUID.nameUUIDFromBytes((row.id() + "/" + type + "/file").getBytes(StandardCharsets.UTF_8));
        UUID offloadId = UUID.nameUUIDFromBytes((row.id() + "/" + type + "/offload").getBytes(StandardCharsets.UTF_8));
        String key = "upload_files/" + row.tenantId() + "/" + uploadFileId + ".json";
        settings.sink().put(key, content);
        offloaded.add(new Offloaded(type, key, content, uploadFileId, offloadId));
        return MAPPER.writeValueAsString(truncated);
    }

    /** Dify's variable truncation, simplified: strings to {@value #STRING_LIMIT} chars, arrays to {@value #ARRAY_LIMIT} items. */
    static JsonNode truncate(JsonNode node) {
        if (node.isString()) {
            String s = node.stringValue();
            return s.length() <= STRING_LIMIT ? node : JsonNodeFactory.instance.stringNode(s.substring(0, STRING_LIMIT) + "...");
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < Math.min(node.size(), ARRAY_LIMIT); i++) {
                copy.add(truncate(node.get(i)));
            }
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                copy.set(e.getKey(), truncate(e.getValue()));
            }
            return copy;
        }
        return node;
    }
}
