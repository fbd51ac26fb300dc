package dev.difyweave.backfill.source;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the Dify database we read looks like: its {@code alembic_version} revision and the tables,
 * columns and indexes that changed between Dify 1.3.x and the newest schema (docs/reference/dify-source.md §7),
 * found through {@code information_schema} and {@code pg_catalog} (read-only, in the connection's
 * current schema). The SQL of {@code sql/dify/} is loaded for it ({@link #hasColumn}), so older
 * databases are read correctly:
 * <ul>
 * <li>no {@code messages.app_mode} (before 2025-10): the mode comes from {@code apps.mode}, else
 * {@code conversations.mode};</li>
 * <li>no {@code message_agent_thoughts.tool_meta_str}: tool calls get no timing, error or config
 * (their end is approximated);</li>
 * <li>no {@code workflow_node_execution_offload} (before 1.9.0): no payload was ever offloaded;</li>
 * <li>no {@code (created_at, id)} indexes (before 2026-01): keyset pages are the same, only slower.</li>
 * </ul>
 */
public record DifySchemaProfile(String alembicRevision, Set<String> tables, Set<String> columns, Set<String> indexes) {

    /** The head revision of the newest schema this backfill was written against (Dify 1.13.3). */
    public static final String KNOWN_HEAD = "6b5f9f8b1a2c";

    /** The tables whose columns matter here (so the profile stays small). */
    static final List<String> WATCHED_TABLES = List.of("apps", "conversations", "messages", "message_agent_thoughts",
            "message_files", "dataset_retriever_resources", "workflow_runs", "workflow_node_executions",
            "workflow_node_execution_offload", "workflow_app_logs", "workflows", "app_model_configs", "end_users",
            "accounts", "datasets");

    public static final String MESSAGE_CREATED_AT_ID_INDEX = "message_created_at_id_idx";
    public static final String WORKFLOW_RUN_CREATED_AT_ID_INDEX = "workflow_run_created_at_id_idx";

    public DifySchemaProfile {
        tables = Set.copyOf(tables);
        columns = Set.copyOf(columns);
        indexes = Set.copyOf(indexes);
    }

    /** Reads the profile of the database behind {@code dify}: a few catalog queries, nothing written. */
    public static DifySchemaProfile detect(JdbcTemplate dify) {
        String watched = String.join(",", WATCHED_TABLES);
        Set<String> tables = new HashSet<>(dify.queryForList("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_name = ANY(string_to_array(?, ','))""", String.class, watched));
        tables.addAll(dify.queryForList("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_name = 'alembic_version'""", String.class));
        Set<String> columns = new HashSet<>(dify.queryForList("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ANY(string_to_array(?, ','))""", String.class, watched));
        Set<String> indexes = new HashSet<>(dify.queryForList("""
                SELECT indexname FROM pg_catalog.pg_indexes
                WHERE schemaname = current_schema() AND tablename = ANY(string_to_array(?, ','))""", String.class, watched));
        String revision = null;
        if (tables.contains("alembic_version")) {
            List<String> revisions = dify.queryForList("SELECT version_num FROM alembic_version ORDER BY version_num",
                    String.class);
            revision = revisions.isEmpty() ? null : String.join(",", revisions);
        }
        return new DifySchemaProfile(revision, tables, columns, indexes);
    }

    public boolean hasTable(String table) {
        return tables.contains(table);
    }

    public boolean hasColumn(String table, String column) {
        return columns.contains(table + "." + column);
    }

    public boolean hasMessageAppMode() {
        return hasColumn("messages", "app_mode");
    }

    public boolean hasToolMetaStr() {
        return hasColumn("message_agent_thoughts", "tool_meta_str");
    }

    public boolean hasOffloadTable() {
        return hasTable("workflow_node_execution_offload");
    }

    /** Both {@code (created_at, id)} indexes of the keyset pages (Dify ≥ 1.11.4, 2026-01). */
    public boolean hasCreatedAtIdIndexes() {
        return indexes.contains(MESSAGE_CREATED_AT_ID_INDEX) && indexes.contains(WORKFLOW_RUN_CREATED_AT_ID_INDEX);
    }

    /** The tables the backfill cannot do without; an empty list when all are there. */
    public List<String> missingRequiredTables() {
        List<String> missing = new ArrayList<>();
        for (String table : WATCHED_TABLES) {
            if (!table.equals("workflow_node_execution_offload") && !hasTable(table)) {
                missing.add(table);
            }
        }
        return missing;
    }

    /**
     * The Dify releases this schema fits, from what it has (the revision alone is not enough without
     * Dify's migration history): the newest feature present bounds it below, the oldest absent above.
     */
    public String versionRange() {
        if (KNOWN_HEAD.equals(alembicRevision)) {
            return "Dify 1.13.3 or later (alembic head " + KNOWN_HEAD + ")";
        }
        if (hasCreatedAtIdIndexes()) {
            return "Dify 1.11.4 or later";
        }
        if (hasMessageAppMode()) {
            return "Dify 1.10.0–1.11.3";
        }
        if (hasOffloadTable()) {
            return "Dify 1.9.0–1.9.x";
        }
        return hasToolMetaStr() ? "Dify 1.3.x–1.8.x (or older)" : "older than Dify 1.3 (no tool_meta_str)";
    }

    /** What the schema implies for reading it, one short phrase per difference from the newest schema. */
    public List<String> implications() {
        List<String> out = new ArrayList<>();
        out.add(hasOffloadTable() ? "offload table present" : "no offload table (nothing was offloaded)");
        if (!hasMessageAppMode()) {
            out.add("no messages.app_mode (mode from apps.mode, else conversations.mode)");
        }
        if (!hasToolMetaStr()) {
            out.add("no message_agent_thoughts.tool_meta_str (tool timing, errors and config unknown)");
        }
        if (!hasCreatedAtIdIndexes()) {
            out.add("no (created_at, id) indexes (paging is correct but scans; consider CREATE INDEX CONCURRENTLY "
                    + "on a replica)");
        }
        List<String> missing = missingRequiredTables();
        if (!missing.isEmpty()) {
            out.add("MISSING TABLES " + String.join(", ", missing) + " (not a Dify database the backfill can read)");
        }
        return out;
    }

    /** One line for {@code status}: {@code Dify 1.9.0–1.9.x (alembic ...): offload table present, ...}. */
    public String describe() {
        return versionRange() + " (alembic " + (alembicRevision == null ? "none" : alembicRevision) + "): "
                + String.join(", ", implications());
    }
}
