package dev.difyweave.backfill.demo;

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
    private long rowsSinceCommit;
    private boolean finished;

    private DifyRowWriter(Connection connection) throws SQLException {
        this.connection = connection;
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
                "workflow_id", "description", "tracing", "created_by", "updated_by", "created_at", "updated_at",
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
    }

    static DifyRowWriter open(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            return new DifyRowWriter(connection);
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
                "normal", true, true, 0, 0, false, false, false, row.workflowId(), row.description(), null,
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

    void insert(DifyRows.NodeExecution row) throws SQLException {
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

    /** Rows written per table, in a stable order. */
    Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("tenants", tenants.rows());
        counts.put("accounts", accounts.rows());
        counts.put("tenant_account_joins", tenantAccountJoins.rows());
        counts.put("apps", apps.rows());
        counts.put("workflows", workflows.rows());
        counts.put("end_users", endUsers.rows());
        counts.put("workflow_runs", workflowRuns.rows());
        counts.put("workflow_node_executions", nodeExecutions.rows());
        counts.put("workflow_app_logs", workflowAppLogs.rows());
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
