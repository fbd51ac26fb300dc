package dev.difyweave.demo.generator;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * The rows the generator writes, one record per Dify table (only the columns it sets; the others
 * keep their DDL defaults). Timestamps are naive UTC, JSON columns are JSON text.
 */
final class DifyRows {

    /** {@code *_price_unit} of priced rows: prices are per million tokens. */
    static final BigDecimal PRICE_UNIT = BigDecimal.valueOf(NodePayloads.PRICE_UNIT);

    /** {@code messages.message} when no prompt was saved: the JSON string {@code ""}. */
    static final String NO_PROMPT = "\"\"";

    private DifyRows() {
    }

    record Tenant(UUID id, String name, LocalDateTime createdAt) {
    }

    record Account(UUID id, String name, String email, LocalDateTime createdAt, LocalDateTime lastLoginAt) {
    }

    record TenantAccountJoin(UUID id, UUID tenantId, UUID accountId, String role, UUID invitedBy,
                             LocalDateTime createdAt) {
    }

    /** {@code workflowId} is set for workflow and advanced-chat apps, {@code appModelConfigId} for easy-UI apps. */
    record App(UUID id, UUID tenantId, String name, String mode, String description, String icon,
               String iconBackground, UUID workflowId, UUID appModelConfigId, UUID createdBy,
               LocalDateTime createdAt, LocalDateTime updatedAt) {
    }

    /** The configuration of an easy-UI app; the JSON-in-text columns hold JSON text (or null). */
    record AppModelConfig(UUID id, UUID appId, String provider, String modelId, String model,
                          String openingStatement, String userInputForm, String prePrompt, String agentMode,
                          String sensitiveWordAvoidance, String suggestedQuestionsAfterAnswer,
                          String retrieverResource, String datasetConfigs, String datasetQueryVariable,
                          String fileUpload, UUID createdBy, LocalDateTime createdAt) {
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

    /** {@code inputs} is JSON text for a {@code json} column. */
    record Conversation(UUID id, UUID appId, UUID appModelConfigId, String modelProvider, String modelId,
                        String mode, String name, String inputs, String introduction, String fromSource,
                        UUID fromEndUserId, UUID fromAccountId, LocalDateTime createdAt, LocalDateTime updatedAt,
                        boolean deleted, String invokeFrom, int dialogueCount) {
    }

    /** {@code inputs} and {@code message} are JSON text for {@code json} columns. */
    record Message(UUID id, UUID appId, String modelProvider, String modelId, UUID conversationId, String inputs,
                   String query, String message, long messageTokens, BigDecimal messageUnitPrice,
                   BigDecimal messagePriceUnit, String answer, long answerTokens, BigDecimal answerUnitPrice,
                   BigDecimal answerPriceUnit, double providerResponseLatency, BigDecimal totalPrice,
                   String fromSource, UUID fromEndUserId, UUID fromAccountId, LocalDateTime createdAt,
                   LocalDateTime updatedAt, boolean agentBased, UUID workflowRunId, String status, String error,
                   String messageMetadata, String invokeFrom, UUID parentMessageId, String appMode) {
    }

    record AgentThought(UUID id, UUID messageId, int position, String thought, String tool, String toolInput,
                        String observation, String message, long messageToken, BigDecimal messageUnitPrice,
                        String answer, long answerToken, BigDecimal answerUnitPrice, long tokens,
                        BigDecimal totalPrice, BigDecimal priceUnit, double latency, String createdByRole,
                        UUID createdBy, LocalDateTime createdAt, String messageFiles, String toolLabels,
                        String toolMeta) {
    }

    record MessageFile(UUID id, UUID messageId, String type, String transferMethod, String url, UUID uploadFileId,
                       String createdByRole, UUID createdBy, LocalDateTime createdAt, String belongsTo) {
    }

    record UploadFile(UUID id, UUID tenantId, String key, String name, int size, String extension, String mimeType,
                      String createdByRole, UUID createdBy, LocalDateTime createdAt, String hash) {
    }

    record ToolFile(UUID id, UUID userId, UUID tenantId, UUID conversationId, String fileKey, String mimeType,
                    String name, int size) {
    }

    record Dataset(UUID id, UUID tenantId, String name, String description, String embeddingModel,
                   String embeddingModelProvider, UUID createdBy, LocalDateTime createdAt) {
    }

    /** A legacy (Dify 1.2.x and older) retrieval hit of a message. */
    record DatasetRetrieverResource(UUID id, UUID messageId, int position, UUID datasetId, String datasetName,
                                    UUID documentId, String documentName, UUID segmentId, double score,
                                    String content, int hitCount, int wordCount, int segmentPosition,
                                    String indexNodeHash, String retrieverFrom, UUID createdBy,
                                    LocalDateTime createdAt) {
    }

    /**
     * A like or dislike: {@code fromSource} {@code user} with {@code fromEndUserId} (a web-app or API
     * user rating an answer), or {@code admin} with {@code fromAccountId} (an operator in the console).
     */
    record MessageFeedback(UUID id, UUID appId, UUID conversationId, UUID messageId, String rating, String content,
                           String fromSource, UUID fromEndUserId, UUID fromAccountId, LocalDateTime createdAt,
                           LocalDateTime updatedAt) {
    }

    /** An operator's corrected answer; {@code conversationId} and {@code messageId} are null when imported. */
    record MessageAnnotation(UUID id, UUID appId, UUID conversationId, UUID messageId, String question,
                             String content, UUID accountId, int hitCount, LocalDateTime createdAt,
                             LocalDateTime updatedAt) {
    }
}
