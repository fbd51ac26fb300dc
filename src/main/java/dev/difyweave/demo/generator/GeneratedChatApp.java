package dev.difyweave.demo.generator;

import java.util.UUID;

/**
 * An app whose traces start at its messages: {@code chat}, {@code completion}, {@code agent-chat}
 * or {@code advanced-chat}. Easy-UI apps have a current {@code app_model_configs} row
 * ({@code apps.app_model_config_id}; older conversations may use an earlier one), chatflows a
 * published {@code workflows} row of type {@code chat}.
 */
public record GeneratedChatApp(UUID tenantId, UUID id, String name, String mode, UUID appModelConfigId,
                               UUID publishedWorkflowId, UUID createdBy) {
}
