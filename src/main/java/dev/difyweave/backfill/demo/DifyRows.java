package dev.difyweave.backfill.demo;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * The rows the generator writes, one record per Dify table (only the columns it sets; the others
 * keep their DDL defaults). Timestamps are naive UTC, JSON columns are JSON text.
 */
final class DifyRows {

    private DifyRows() {
    }

    record Tenant(UUID id, String name, LocalDateTime createdAt) {
    }

    record Account(UUID id, String name, String email, LocalDateTime createdAt, LocalDateTime lastLoginAt) {
    }

    record TenantAccountJoin(UUID id, UUID tenantId, UUID accountId, String role, UUID invitedBy,
                             LocalDateTime createdAt) {
    }

    record App(UUID id, UUID tenantId, String name, String mode, String description, String icon,
               String iconBackground, UUID workflowId, UUID createdBy, LocalDateTime createdAt,
               LocalDateTime updatedAt) {
    }

    record Workflow(UUID id, UUID tenantId, UUID appId, String type, String version, String graph,
                    String features, UUID createdBy, LocalDateTime createdAt, LocalDateTime updatedAt) {
    }

    record EndUser(UUID id, UUID tenantId, UUID appId, String type, String externalUserId, boolean anonymous,
                   String sessionId, LocalDateTime createdAt) {
    }

    record WorkflowRun(UUID id, UUID tenantId, UUID appId, UUID workflowId, String type, String triggeredFrom,
                       String version, String graph, String inputs, String status, String outputs, String error,
                       double elapsedTime, long totalTokens, int totalSteps, String createdByRole, UUID createdBy,
                       LocalDateTime createdAt, LocalDateTime finishedAt, int exceptionsCount) {
    }

    record NodeExecution(UUID id, UUID tenantId, UUID appId, UUID workflowId, String triggeredFrom,
                         UUID workflowRunId, int index, String predecessorNodeId, String nodeId, String nodeType,
                         String title, String inputs, String processData, String outputs, String status,
                         String error, double elapsedTime, String executionMetadata, LocalDateTime createdAt,
                         String createdByRole, UUID createdBy, LocalDateTime finishedAt) {
    }

    record WorkflowAppLog(UUID id, UUID tenantId, UUID appId, UUID workflowId, UUID workflowRunId,
                          String createdFrom, String createdByRole, UUID createdBy, LocalDateTime createdAt) {
    }
}
