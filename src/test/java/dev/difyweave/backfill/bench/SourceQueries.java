package dev.difyweave.backfill.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/**
 * Every source column the backfill reads (the columns of {@code sql/dify}), one query per table: what both
 * floors (the JDBC scan and {@code psql \copy}) read, so the job is compared with reading exactly the same data.
 * The small tables the job looks up by id are read whole, as the floors read the large ones; of
 * {@code upload_files}, which holds every upload, only the offloaded payloads' keys, as the job joins them.
 */
final class SourceQueries {

    /** A table and the query that reads its columns. */
    private record TableQuery(String table, String sql) {
    }

    private static final List<TableQuery> ALL = List.of(
            new TableQuery("workflow_runs", "SELECT id, tenant_id, app_id, workflow_id, type, triggered_from, version,"
                    + " inputs, outputs, status, error, elapsed_time, total_tokens, created_by_role, created_by,"
                    + " created_at, finished_at FROM workflow_runs"),
            new TableQuery("workflow_node_executions", "SELECT id, workflow_run_id, tenant_id, app_id, index, node_id,"
                    + " node_type, title, inputs, process_data, outputs, status, error, elapsed_time, execution_metadata,"
                    + " created_at, finished_at FROM workflow_node_executions WHERE triggered_from = 'workflow-run'"),
            new TableQuery("messages", "SELECT id, app_id, conversation_id, model_provider, model_id, inputs::text,"
                    + " query, message::text, answer, message_tokens, answer_tokens, provider_response_latency,"
                    + " from_source, from_end_user_id, from_account_id, created_at, updated_at, agent_based,"
                    + " workflow_run_id, status, error, message_metadata, invoke_from FROM messages"),
            new TableQuery("message_agent_thoughts", "SELECT id, message_id, position, tool, tool_input, observation,"
                    + " tool_meta_str, created_at FROM message_agent_thoughts"),
            new TableQuery("conversations", "SELECT id, mode, name, app_model_config_id, created_at FROM conversations"),
            new TableQuery("workflow_app_logs", "SELECT id, workflow_run_id, created_at FROM workflow_app_logs"),
            new TableQuery("message_files", "SELECT id, message_id, type, transfer_method, url, upload_file_id,"
                    + " belongs_to, created_at FROM message_files"),
            new TableQuery("dataset_retriever_resources", "SELECT id, message_id, position, dataset_id, dataset_name,"
                    + " document_id, document_name, data_source_type, segment_id, score, content, hit_count,"
                    + " word_count, segment_position, index_node_hash, retriever_from FROM dataset_retriever_resources"),
            new TableQuery("message_feedbacks", "SELECT id, app_id, conversation_id, message_id, rating, content,"
                    + " from_source, from_end_user_id, from_account_id, created_at, updated_at FROM message_feedbacks"),
            new TableQuery("message_annotations", "SELECT id, app_id, conversation_id, message_id, question, content,"
                    + " account_id, created_at, updated_at FROM message_annotations"),
            new TableQuery("workflow_node_execution_offload", "SELECT o.node_execution_id, o.type, o.file_id, f.key"
                    + " FROM workflow_node_execution_offload o LEFT JOIN upload_files f ON f.id = o.file_id"),
            new TableQuery("end_users", "SELECT id, session_id FROM end_users"),
            new TableQuery("accounts", "SELECT id, name, email FROM accounts"),
            new TableQuery("apps", "SELECT id, tenant_id, mode FROM apps"),
            new TableQuery("app_model_configs", "SELECT id, sensitive_word_avoidance, suggested_questions_after_answer"
                    + " FROM app_model_configs"),
            new TableQuery("workflows", "SELECT id, features FROM workflows"),
            new TableQuery("datasets", "SELECT id, tenant_id, embedding_model, embedding_model_provider FROM datasets"));

    private SourceQueries() {
    }

    /** The queries of the tables {@code dify} has: a restored Dify database from before a table came has none to read. */
    static List<String> of(TestDatabase dify) throws SQLException {
        List<String> present = new ArrayList<>();
        try (Connection c = dify.dataSource().getConnection();
                PreparedStatement exists = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            for (TableQuery query : ALL) {
                exists.setString(1, query.table());
                try (ResultSet rs = exists.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        present.add(query.sql());
                    }
                }
            }
        }
        return present;
    }
}
