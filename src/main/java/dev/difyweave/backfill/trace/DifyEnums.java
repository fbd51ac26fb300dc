package dev.difyweave.backfill.trace;

import java.util.Set;

/** Dify's enum values (docs/reference/dify-source.md §1.1). Values outside them are sent as they are and recorded. */
final class DifyEnums {

    static final Set<String> FINISHED_RUN_STATUSES = Set.of("succeeded", "failed", "stopped", "partial-succeeded");

    /** Runs Dify has not finished: left for a later window until they are stale (C15). */
    static final Set<String> UNFINISHED_RUN_STATUSES = Set.of("running", "paused", "scheduled");

    static final Set<String> NODE_STATUSES =
            Set.of("pending", "running", "succeeded", "failed", "exception", "stopped", "paused", "retry");

    static final Set<String> FAILED_NODE_STATUSES = Set.of("failed", "exception");

    static final Set<String> NODE_TYPES = Set.of("start", "end", "answer", "llm", "knowledge-retrieval", "if-else",
            "code", "template-transform", "question-classifier", "http-request", "tool", "datasource",
            "variable-aggregator", "variable-assigner", "loop", "loop-start", "loop-end", "iteration",
            "iteration-start", "parameter-extractor", "assigner", "document-extractor", "list-operator", "agent",
            "human-input", "trigger-webhook", "trigger-schedule", "trigger-plugin", "knowledge-index");

    static final Set<String> EXECUTION_METADATA_KEYS = Set.of("total_tokens", "total_price", "currency",
            "tool_info", "agent_log", "iteration_id", "iteration_index", "loop_id", "loop_index", "parallel_id",
            "parallel_start_node_id", "parent_parallel_id", "parent_parallel_start_node_id", "parallel_mode_run_id",
            "iteration_duration_map", "loop_duration_map", "error_strategy", "loop_variable_map",
            "datasource_info", "trigger_info", "completed_reason");

    /** {@code AppMode}; conversations only ever have the four chat-like ones. */
    static final Set<String> APP_MODES = Set.of("completion", "workflow", "chat", "advanced-chat", "agent-chat",
            "channel", "rag-pipeline");

    /** {@code MessageStatus}. */
    static final Set<String> MESSAGE_STATUSES = Set.of("normal", "paused", "error");

    static final String ROLE_ACCOUNT = "account";

    static final Set<String> ROLE_END_USER = Set.of("end_user", "end-user");

    private DifyEnums() {
    }
}
