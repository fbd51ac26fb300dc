package dev.difyweave.backfill.source;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import dev.difyweave.backfill.call.JsonText;

/**
 * One {@code workflow_node_executions} row of a run ({@code triggered_from = 'workflow-run'}). When
 * Dify offloaded a payload, {@code inputs}/{@code processData}/{@code outputs} hold the full JSON read
 * from Dify's storage, or the truncated database value when it could not be read; {@code offloads}
 * says which (empty for a row without offload). The JSON columns are their bytes ({@link JsonText}).
 */
public record NodeExecutionRow(
        UUID id,
        UUID workflowRunId,
        UUID tenantId,
        UUID appId,
        int index,
        String nodeId,
        String nodeType,
        String title,
        JsonText inputs,
        JsonText processData,
        JsonText outputs,
        String status,
        String error,
        double elapsedTime,
        JsonText executionMetadata,
        LocalDateTime createdAt,
        LocalDateTime finishedAt,
        List<OffloadedPayload> offloads) {

    public NodeExecutionRow {
        offloads = offloads == null ? List.of() : List.copyOf(offloads);
    }

    /** A row without offloaded payloads (Dify before 1.9, or payloads small enough for the database). */
    public NodeExecutionRow(UUID id, UUID workflowRunId, UUID tenantId, UUID appId, int index, String nodeId,
            String nodeType, String title, JsonText inputs, JsonText processData, JsonText outputs, String status,
            String error, double elapsedTime, JsonText executionMetadata, LocalDateTime createdAt,
            LocalDateTime finishedAt) {
        this(id, workflowRunId, tenantId, appId, index, nodeId, nodeType, title, inputs, processData, outputs, status,
                error, elapsedTime, executionMetadata, createdAt, finishedAt, List.of());
    }

    /** This row with its payload columns as read from storage, and what happened to each offload. */
    public NodeExecutionRow withPayloads(JsonText inputs, JsonText processData, JsonText outputs,
            List<OffloadedPayload> offloads) {
        return new NodeExecutionRow(id, workflowRunId, tenantId, appId, index, nodeId, nodeType, title, inputs,
                processData, outputs, status, error, elapsedTime, executionMetadata, createdAt, finishedAt, offloads);
    }
}
