package dev.difyweave.demo.generator;

import java.util.UUID;

/** A {@code workflow}-mode app with its published ({@code apps.workflow_id}) and draft workflow rows. */
public record GeneratedApp(UUID tenantId, UUID id, String name, String mode, UUID publishedWorkflowId,
                           String publishedVersion, UUID draftWorkflowId, UUID createdBy) {
}
