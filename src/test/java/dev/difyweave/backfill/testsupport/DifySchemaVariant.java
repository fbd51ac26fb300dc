package dev.difyweave.backfill.testsupport;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Older Dify schemas, made from a database built with {@code sql/fixtures/dify-schema.sql} (and, usually,
 * filled by the generator first, which is what the old Dify would have written minus the columns it did not
 * have): the columns, tables and indexes that Dify added later are dropped, legacy values put back, and
 * {@code alembic_version} set to an older revision. The revisions are made up (not Dify's): the backfill
 * only compares the revision with the head it knows.
 */
public enum DifySchemaVariant {

    /** Dify 1.10.0–1.11.3: everything but the {@code (created_at, id)} indexes of 2026-01. */
    DIFY_1_10("0a1b2c3d4e10", "Dify 1.10.0–1.11.3", List.of(
            "DROP INDEX message_created_at_id_idx",
            "DROP INDEX workflow_run_created_at_id_idx")),

    /** Dify 1.9.x: the offload table, no {@code messages.app_mode} (2025-10), no indexes. */
    DIFY_1_9("0a1b2c3d4e09", "Dify 1.9.0–1.9.x", List.of(
            "DROP INDEX message_created_at_id_idx",
            "DROP INDEX workflow_run_created_at_id_idx",
            "ALTER TABLE messages DROP COLUMN app_mode")),

    /** Dify 1.3.x–1.8.x: no offload table (1.9.0) either, and legacy {@code end-user} roles. */
    DIFY_1_3("0a1b2c3d4e03", "Dify 1.3.x–1.8.x", List.of(
            "DROP INDEX message_created_at_id_idx",
            "DROP INDEX workflow_run_created_at_id_idx",
            "ALTER TABLE messages DROP COLUMN app_mode",
            "DROP TABLE workflow_node_execution_offload",
            "UPDATE workflow_runs SET created_by_role = 'end-user' WHERE created_by_role = 'end_user'",
            "UPDATE workflow_node_executions SET created_by_role = 'end-user' WHERE created_by_role = 'end_user'")),

    /** Older still: {@code message_agent_thoughts} without {@code tool_meta_str}. */
    NO_TOOL_META("0a1b2c3d4e00", "older than Dify 1.3", List.of(
            "DROP INDEX message_created_at_id_idx",
            "DROP INDEX workflow_run_created_at_id_idx",
            "ALTER TABLE messages DROP COLUMN app_mode",
            "DROP TABLE workflow_node_execution_offload",
            "ALTER TABLE message_agent_thoughts DROP COLUMN tool_meta_str"));

    private final String revision;
    private final String versionRange;
    private final List<String> statements;

    DifySchemaVariant(String revision, String versionRange, List<String> statements) {
        this.revision = revision;
        this.versionRange = versionRange;
        this.statements = statements;
    }

    /** The start of what {@code DifySchemaProfile.versionRange()} says of this variant. */
    public String versionRange() {
        return versionRange;
    }

    public String revision() {
        return revision;
    }

    /** Turns the (newest-schema) database behind {@code dify} into this variant. */
    public void apply(JdbcTemplate dify) {
        statements.forEach(dify::execute);
        dify.update("UPDATE alembic_version SET version_num = ?", revision);
    }
}
