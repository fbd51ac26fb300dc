package dev.difyweave.backfill.bench;

import java.util.List;

/**
 * Every source column the backfill reads, one query per table: what both floors (the JDBC scan and
 * {@code psql \copy}) read, so the job is compared with reading exactly the same data.
 */
final class SourceQueries {

    static final List<String> ALL = List.of(
            "SELECT id, tenant_id, app_id, workflow_id, type, triggered_from, version, inputs, outputs, status, error,"
                    + " elapsed_time, total_tokens, created_by_role, created_by, created_at, finished_at FROM workflow_runs",
            "SELECT id, workflow_run_id, tenant_id, app_id, index, node_id, node_type, title, inputs, process_data,"
                    + " outputs, status, error, elapsed_time, execution_metadata, created_at, finished_at"
                    + " FROM workflow_node_executions WHERE triggered_from = 'workflow-run'",
            "SELECT id, app_id, conversation_id, model_provider, model_id, inputs::text, query, message::text, answer,"
                    + " message_tokens, answer_tokens, provider_response_latency, from_source, from_end_user_id,"
                    + " from_account_id, created_at, updated_at, agent_based, workflow_run_id, status, error,"
                    + " message_metadata FROM messages",
            "SELECT id, message_id, position, tool, tool_input, observation, tool_meta_str, created_at FROM message_agent_thoughts",
            "SELECT id, mode, name, created_at FROM conversations");

    private SourceQueries() {
    }
}
