package dev.difyweave.demo.generator;

import dev.difyweave.demo.generator.BatchInsert.JsonValue;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes {@link DifyRows} into a Dify database through one connection and one batched INSERT per
 * table. Commits every {@value #COMMIT_EVERY_ROWS} rows so a large generation neither holds one huge
 * transaction nor keeps rows in memory; {@link #finish()} sends the rest and commits.
 */
final class DifyRowWriter implements AutoCloseable {

    static final int BATCH_SIZE = 2_000;
    private static final int COMMIT_EVERY_ROWS = 20_000;

    private final Connection connection;
    private final boolean previousAutoCommit;
    private final List<BatchInsert> inserts = new ArrayList<>();
    private final BatchInsert tenants;
    private final BatchInsert accounts;
    private final BatchInsert tenantAccountJoins;
    private final BatchInsert apps;
    private final BatchInsert workflows;
    private final BatchInsert endUsers;
    private final BatchInsert workflowRuns;
    private final BatchInsert nodeExecutions;
    private final BatchInsert workflowAppLogs;
    private final BatchInsert appModelConfigs;
    private final BatchInsert conversations;
    private final BatchInsert messages;
    private final BatchInsert agentThoughts;
    private final BatchInsert messageFiles;
    private final BatchInsert uploadFiles;
    private final BatchInsert toolFiles;
    private final BatchInsert datasets;
    private final BatchInsert retrieverResources;
    private final BatchInsert nodeOffloads;
    private final BatchInsert feedbacks;
    private final BatchInsert annotations;
    private final NodePayloadOffloader offloader;
    private long rowsSinceCommit;
    private boolean finished;

    private DifyRowWriter(Connection connection, PayloadOffload offload) throws SQLException {
        this.connection = connection;
        this.offloader = offload == null ? null : new NodePayloadOffloader(offload);
        this.previousAutoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        tenants = table("tenants", "id", "name", "plan", "status", "created_at", "updated_at");
        accounts = table("accounts", "id", "name", "email", "interface_language", "interface_theme", "timezone",
                "last_login_at", "last_login_ip", "status", "initialized_at", "created_at", "updated_at",
                "last_active_at");
        tenantAccountJoins = table("tenant_account_joins", "id", "tenant_id", "account_id", "role", "invited_by",
                "created_at", "updated_at", "current");
        apps = table("apps", "id", "tenant_id", "name", "mode", "icon_type", "icon", "icon_background", "status",
                "enable_site", "enable_api", "api_rpm", "api_rph", "is_demo", "is_public", "is_universal",
                "workflow_id", "app_model_config_id", "description", "tracing", "created_by", "updated_by", "created_at", "updated_at",
                "use_icon_as_answer_icon");
        workflows = table("workflows", "id", "tenant_id", "app_id", "type", "version", "graph", "features",
                "created_by", "created_at", "updated_by", "updated_at");
        endUsers = table("end_users", "id", "tenant_id", "app_id", "type", "external_user_id", "name",
                "is_anonymous", "session_id", "created_at", "updated_at");
        workflowRuns = table("workflow_runs", "id", "tenant_id", "app_id", "workflow_id", "type", "triggered_from",
                "version", "graph", "inputs", "status", "outputs", "error", "elapsed_time", "total_tokens",
                "total_steps", "created_by_role", "created_by", "created_at", "finished_at", "exceptions_count");
        nodeExecutions = table("workflow_node_executions", "id", "tenant_id", "app_id", "workflow_id",
                "triggered_from", "workflow_run_id", "index", "predecessor_node_id", "node_id", "node_type", "title",
                "inputs", "process_data", "outputs", "status", "error", "elapsed_time", "execution_metadata",
                "created_at", "created_by_role", "created_by", "finished_at", "node_execution_id");
        workflowAppLogs = table("workflow_app_logs", "id", "tenant_id", "app_id", "workflow_id", "workflow_run_id",
                "created_from", "created_by_role", "created_by", "created_at");
        appModelConfigs = table("app_model_configs", "id", "app_id", "provider", "model_id", "created_at",
                "updated_at", "opening_statement", "suggested_questions", "suggested_questions_after_answer",
                "more_like_this", "model", "user_input_form", "pre_prompt", "agent_mode", "speech_to_text",
                "sensitive_word_avoidance", "retriever_resource", "dataset_query_variable", "prompt_type",
                "chat_prompt_config", "completion_prompt_config", "dataset_configs", "external_data_tools",
                "file_upload", "text_to_speech", "created_by", "updated_by");
        conversations = table("conversations", "id", "app_id", "app_model_config_id", "model_provider", "model_id",
                "mode", "name", "inputs", "introduction", "system_instruction", "system_instruction_tokens", "status",
                "from_source", "from_end_user_id", "from_account_id", "created_at", "updated_at", "is_deleted",
                "invoke_from", "dialogue_count");
        messages = table("messages", "id", "app_id", "model_provider", "model_id", "conversation_id", "inputs",
                "query", "message", "message_tokens", "message_unit_price", "message_price_unit", "answer",
                "answer_tokens", "answer_unit_price", "answer_price_unit", "provider_response_latency", "total_price",
                "currency", "from_source", "from_end_user_id", "from_account_id", "created_at", "updated_at",
                "agent_based", "workflow_run_id", "status", "error", "message_metadata", "invoke_from",
                "parent_message_id", "app_mode");
        agentThoughts = table("message_agent_thoughts", "id", "message_id", "position", "thought", "tool",
                "tool_input", "observation", "message", "message_token", "message_unit_price", "message_price_unit",
                "answer", "answer_token", "answer_unit_price", "answer_price_unit", "tokens", "total_price",
                "currency", "latency", "created_by_role", "created_by", "created_at", "message_files",
                "tool_labels_str", "tool_meta_str");
        messageFiles = table("message_files", "id", "message_id", "type", "transfer_method", "url", "upload_file_id",
                "created_by_role", "created_by", "created_at", "belongs_to");
        uploadFiles = table("upload_files", "id", "tenant_id", "storage_type", "key", "name", "size", "extension",
                "mime_type", "created_by", "created_at", "used", "used_by", "used_at", "hash", "created_by_role",
                "source_url");
        toolFiles = table("tool_files", "id", "user_id", "tenant_id", "conversation_id", "file_key", "mimetype",
                "original_url", "name", "size");
        datasets = table("datasets", "id", "tenant_id", "name", "description", "provider", "permission",
                "data_source_type", "indexing_technique", "created_by", "created_at", "updated_by", "updated_at",
                "embedding_model", "embedding_model_provider", "retrieval_model");
        retrieverResources = table("dataset_retriever_resources", "id", "message_id", "position", "dataset_id",
                "dataset_name", "document_id", "document_name", "data_source_type", "segment_id", "score", "content",
                "hit_count", "word_count", "segment_position", "index_node_hash", "retriever_from", "created_by",
                "created_at");
        nodeOffloads = table("workflow_node_execution_offload", "id", "created_at", "tenant_id", "app_id",
                "node_execution_id", "type", "file_id");
        feedbacks = table("message_feedbacks", "id", "app_id", "conversation_id", "message_id", "rating", "content",
                "from_source", "from_end_user_id", "from_account_id", "created_at", "updated_at");
        annotations = table("message_annotations", "id", "app_id", "conversation_id", "message_id", "content",
                "account_id", "created_at", "updated_at", "question", "hit_count");
    }

    static DifyRowWriter open(DataSource dataSource) throws SQLException {
        return open(dataSource, null);
    }

    /** {@code offload}: how large node payloads are offloaded to storage, null for never. */
    static DifyRowWriter open(DataSource dataSource, PayloadOffload offload) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            return new DifyRowWriter(connection, offload);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private BatchInsert table(String name, String... columns) throws SQLException {
        BatchInsert insert = new BatchInsert(connection, name, columns, BATCH_SIZE);
        inserts.add(insert);
        return insert;
    }

    void insert(DifyRows.Tenant row) throws SQLException {
        tenants.add(row.id(), row.name(), "basic", "normal", row.createdAt(), row.createdAt());
        written();
    }

    void insert(DifyRows.Account row) throws SQLException {
        accounts.add(row.id(), row.name(), row.email(), "en-US", "light", "UTC", row.lastLoginAt(), "10.0.0.12",
                "active", row.createdAt(), row.createdAt(), row.createdAt(), row.lastLoginAt());
        written();
    }

    void insert(DifyRows.TenantAccountJoin row) throws SQLException {
        tenantAccountJoins.add(row.id(), row.tenantId(), row.accountId(), row.role(), row.invitedBy(),
                row.createdAt(), row.createdAt(), true);
        written();
    }

    void insert(DifyRows.App row) throws SQLException {
        apps.add(row.id(), row.tenantId(), row.name(), row.mode(), "emoji", row.icon(), row.iconBackground(),
                "normal", true, true, 0, 0, false, false, false, row.workflowId(), row.appModelConfigId(),
                row.description(), null,
                row.createdBy(), row.createdBy(), row.createdAt(), row.updatedAt(), false);
        written();
    }

    void insert(DifyRows.Workflow row) throws SQLException {
        workflows.add(row.id(), row.tenantId(), row.appId(), row.type(), row.version(), row.graph(), row.features(),
                row.createdBy(), row.createdAt(), row.createdBy(), row.updatedAt());
        written();
    }

    void insert(DifyRows.EndUser row) throws SQLException {
        endUsers.add(row.id(), row.tenantId(), row.appId(), row.type(), row.externalUserId(), null, row.anonymous(),
                row.sessionId(), row.createdAt(), row.createdAt());
        written();
    }

    void insert(DifyRows.WorkflowRun row) throws SQLException {
        workflowRuns.add(row.id(), row.tenantId(), row.appId(), row.workflowId(), row.type(), row.triggeredFrom(),
                row.version(), row.graph(), row.inputs(), row.status(), row.outputs(), row.error(), row.elapsedTime(),
                row.totalTokens(), row.totalSteps(), row.createdByRole(), row.createdBy(), row.createdAt(),
                row.finishedAt(), row.exceptionsCount());
        written();
    }

    void insert(DifyRows.NodeExecution node) throws SQLException {
        DifyRows.NodeExecution row = node;
        if (offloader != null) {
            NodePayloadOffloader.Result result;
            try {
                result = offloader.offload(node);
            } catch (java.io.IOException e) {
                throw new SQLException("could not store an offloaded payload of node " + node.id() + ": " + e, e);
            }
            row = result.row();
            for (NodePayloadOffloader.Offloaded o : result.offloaded()) {
                uploadFiles.add(o.uploadFileId(), row.tenantId(), "opendal", o.key(),
                        "node_execution_" + row.id() + "_" + o.type() + ".json", o.content().length, "json",
                        "application/json", row.createdBy(), row.createdAt(), true, row.createdBy(), row.createdAt(),
                        null, row.createdByRole(), "");
                nodeOffloads.add(o.offloadId(), row.createdAt(), row.tenantId(), row.appId(), row.id(), o.type(),
                        o.uploadFileId());
            }
        }
        nodeExecutions.add(row.id(), row.tenantId(), row.appId(), row.workflowId(), row.triggeredFrom(),
                row.workflowRunId(), row.index(), row.predecessorNodeId(), row.nodeId(), row.nodeType(), row.title(),
                row.inputs(), row.processData(), row.outputs(), row.status(), row.error(), row.elapsedTime(),
                row.executionMetadata(), row.createdAt(), row.createdByRole(), row.createdBy(), row.finishedAt(),
                row.id().toString());
        written();
    }

    void insert(DifyRows.WorkflowAppLog row) throws SQLException {
        workflowAppLogs.add(row.id(), row.tenantId(), row.appId(), row.workflowId(), row.workflowRunId(),
                row.createdFrom(), row.createdByRole(), row.createdBy(), row.createdAt());
        written();
    }

    void insert(DifyRows.AppModelConfig row) throws SQLException {
        appModelConfigs.add(row.id(), row.appId(), row.provider(), row.modelId(), row.createdAt(), row.createdAt(),
                row.openingStatement(), "[]", row.suggestedQuestionsAfterAnswer(), "{\"enabled\": false}", row.model(),
                row.userInputForm(), row.prePrompt(), row.agentMode(), "{\"enabled\": false}",
                row.sensitiveWordAvoidance(), row.retrieverResource(), row.datasetQueryVariable(), "simple", "{}", "{}",
                row.datasetConfigs(), "[]", row.fileUpload(), "{\"enabled\": false}", row.createdBy(), row.createdBy());
        written();
    }

    void insert(DifyRows.Conversation row) throws SQLException {
        conversations.add(row.id(), row.appId(), row.appModelConfigId(), row.modelProvider(), row.modelId(),
                row.mode(), row.name(), new JsonValue(row.inputs()), row.introduction(), "", 0, "normal",
                row.fromSource(), row.fromEndUserId(), row.fromAccountId(), row.createdAt(), row.updatedAt(),
                row.deleted(), row.invokeFrom(), row.dialogueCount());
        written();
    }

    void insert(DifyRows.Message row) throws SQLException {
        messages.add(row.id(), row.appId(), row.modelProvider(), row.modelId(), row.conversationId(),
                new JsonValue(row.inputs()), row.query(), new JsonValue(row.message()), row.messageTokens(),
                row.messageUnitPrice(), row.messagePriceUnit(), row.answer(), row.answerTokens(),
                row.answerUnitPrice(), row.answerPriceUnit(), row.providerResponseLatency(), row.totalPrice(), "USD",
                row.fromSource(), row.fromEndUserId(), row.fromAccountId(), row.createdAt(), row.updatedAt(),
                row.agentBased(), row.workflowRunId(), row.status(), row.error(), row.messageMetadata(),
                row.invokeFrom(), row.parentMessageId(), row.appMode());
        written();
    }

    void insert(DifyRows.AgentThought row) throws SQLException {
        agentThoughts.add(row.id(), row.messageId(), row.position(), row.thought(), row.tool(), row.toolInput(),
                row.observation(), row.message(), row.messageToken(), row.messageUnitPrice(), row.priceUnit(),
                row.answer(), row.answerToken(), row.answerUnitPrice(), row.priceUnit(), row.tokens(),
                row.totalPrice(), "USD", row.latency(), row.createdByRole(), row.createdBy(), row.createdAt(),
                row.messageFiles(), row.toolLabels(), row.toolMeta());
        written();
    }

    void insert(DifyRows.MessageFile row) throws SQLException {
        messageFiles.add(row.id(), row.messageId(), row.type(), row.transferMethod(), row.url(), row.uploadFileId(),
                row.createdByRole(), row.createdBy(), row.createdAt(), row.belongsTo());
        written();
    }

    void insert(DifyRows.UploadFile row) throws SQLException {
        uploadFiles.add(row.id(), row.tenantId(), "opendal", row.key(), row.name(), row.size(), row.extension(),
                row.mimeType(), row.createdBy(), row.createdAt(), true, row.createdBy(), row.createdAt(), row.hash(),
                row.createdByRole(), "");
        written();
    }

    void insert(DifyRows.ToolFile row) throws SQLException {
        toolFiles.add(row.id(), row.userId(), row.tenantId(), row.conversationId(), row.fileKey(), row.mimeType(),
                null, row.name(), row.size());
        written();
    }

    void insert(DifyRows.Dataset row) throws SQLException {
        String retrievalModel = "{\"search_method\": \"semantic_search\", \"reranking_enable\": false, "
                + "\"reranking_model\": {\"reranking_provider_name\": \"\", \"reranking_model_name\": \"\"}, "
                + "\"top_k\": 3, \"score_threshold_enabled\": false, \"score_threshold\": null}";
        datasets.add(row.id(), row.tenantId(), row.name(), row.description(), "vendor", "only_me", "upload_file",
                "high_quality", row.createdBy(), row.createdAt(), row.createdBy(), row.createdAt(),
                row.embeddingModel(), row.embeddingModelProvider(), new JsonValue(retrievalModel));
        written();
    }

    void insert(DifyRows.DatasetRetrieverResource row) throws SQLException {
        retrieverResources.add(row.id(), row.messageId(), row.position(), row.datasetId(), row.datasetName(),
                row.documentId(), row.documentName(), "upload_file", row.segmentId(), row.score(), row.content(),
                row.hitCount(), row.wordCount(), row.segmentPosition(), row.indexNodeHash(), row.retrieverFrom(),
                row.createdBy(),
                row.createdAt());
        written();
    }

    void insert(DifyRows.MessageFeedback row) throws SQLException {
        feedbacks.add(row.id(), row.appId(), row.conversationId(), row.messageId(), row.rating(), row.content(),
                row.fromSource(), row.fromEndUserId(), row.fromAccountId(), row.createdAt(), row.updatedAt());
        written();
    }

    void insert(DifyRows.MessageAnnotation row) throws SQLException {
        annotations.add(row.id(), row.appId(), row.conversationId(), row.messageId(), row.content(), row.accountId(),
                row.createdAt(), row.updatedAt(), row.question(), row.hitCount());
        written();
    }

    private void written() throws SQLException {
        if (++rowsSinceCommit >= COMMIT_EVERY_ROWS) {
            flushAndCommit();
        }
    }

    private void flushAndCommit() throws SQLException {
        for (BatchInsert insert : inserts) {
            insert.flush();
        }
        connection.commit();
        rowsSinceCommit = 0;
    }

    /** Sends what is pending and commits. */
    void finish() throws SQLException {
        flushAndCommit();
        finished = true;
    }

    /** Rows written per table, in the order the tables are written. */
    Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        inserts.forEach(insert -> counts.put(insert.table(), insert.rows()));
        return counts;
    }

    @Override
    public void close() throws SQLException {
        try {
            if (!finished) {
                connection.rollback();
            }
            for (BatchInsert insert : inserts) {
                insert.close();
            }
            connection.setAutoCommit(previousAutoCommit);
        } finally {
            connection.close();
        }
    }
}
