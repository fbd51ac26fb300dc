package dev.difyweave.backfill.source;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.call.JsonText;
import dev.difyweave.backfill.storage.PayloadStore;

/**
 * Pages of workflow runs of workflow-mode apps with their children: one query for the runs, then one
 * per child table for the whole page (node executions with their offloaded payloads, app logs, end
 * users, accounts).
 */
public final class WorkflowPageSource implements PageSource<WorkflowTraceSource>, RootLoader<WorkflowTraceSource> {

    private static final DifySql RUNS = DifySql.load("workflow-runs-page");
    private static final DifySql NODES = DifySql.load("workflow-node-executions");
    private static final DifySql APP_LOGS = DifySql.load("workflow-app-logs");
    private static final DifySql END_USERS = DifySql.load("end-users");
    private static final DifySql ACCOUNTS = DifySql.load("accounts");

    private final JdbcTemplate dify;
    private final SourceWindow window;
    private final OffloadedPayloadLoader offloads;

    /** {@code store}: Dify's object storage, where offloaded node payloads are read from. */
    public WorkflowPageSource(JdbcTemplate dify, SourceWindow window, PayloadStore store) {
        this.dify = dify;
        this.window = window;
        this.offloads = new OffloadedPayloadLoader(dify, store);
    }

    @Override
    public Page<WorkflowTraceSource> pageAfter(Keyset after, int limit) {
        return Page.of(withChildren(RUNS.query(dify, WindowParameters.of(window, after, limit), (rs, n) -> run(rs))),
                this::keyOf);
    }

    @Override
    public List<Keyset> unfinishedAfter(Keyset after, int limit) {
        return RUNS.query(dify, WindowParameters.unfinished(window, after, limit),
                (rs, n) -> new Keyset(rs.getObject("created_at", LocalDateTime.class), rs.getObject("id", UUID.class)));
    }

    @Override
    public List<WorkflowTraceSource> readyAmong(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of()
                : withChildren(RUNS.query(dify, WindowParameters.readyAmong(window, ids), (rs, n) -> run(rs)));
    }

    private List<WorkflowTraceSource> withChildren(List<WorkflowRunRow> runs) {
        if (runs.isEmpty()) {
            return List.of();
        }
        List<UUID> runIds = runs.stream().map(WorkflowRunRow::id).toList();
        Map<UUID, List<NodeExecutionRow>> nodes = new HashMap<>();
        offloads.load(NODES.query(dify, Map.of("run_ids", runIds), (rs, n) -> node(rs)))
                .forEach(node -> nodes.computeIfAbsent(node.workflowRunId(), k -> new ArrayList<>()).add(node));
        Map<UUID, UUID> appLogs = new HashMap<>();
        APP_LOGS.query(dify, Map.of("run_ids", runIds), (rs, n) -> {
            appLogs.put(rs.getObject("workflow_run_id", UUID.class), rs.getObject("id", UUID.class));
            return null;
        });
        Set<UUID> endUserIds = new HashSet<>();
        Set<UUID> accountIds = new HashSet<>();
        for (WorkflowRunRow run : runs) {
            (isAccount(run) ? accountIds : endUserIds).add(run.createdBy());
        }
        Map<UUID, String> sessions = new HashMap<>();
        if (!endUserIds.isEmpty()) {
            END_USERS.query(dify, Map.of("ids", endUserIds), (rs, n) ->
                    sessions.put(rs.getObject("id", UUID.class), rs.getString("session_id")));
        }
        Set<UUID> accounts = new HashSet<>();
        if (!accountIds.isEmpty()) {
            ACCOUNTS.query(dify, Map.of("ids", accountIds), (rs, n) -> accounts.add(rs.getObject("id", UUID.class)));
        }
        Map<UUID, WorkflowTraceSource> sources = new LinkedHashMap<>();
        for (WorkflowRunRow run : runs) {
            sources.put(run.id(), new WorkflowTraceSource(run, nodes.getOrDefault(run.id(), List.of()),
                    appLogs.get(run.id()), sessions.get(run.createdBy()), accounts.contains(run.createdBy())));
        }
        return List.copyOf(sources.values());
    }

    @Override
    public Keyset keyOf(WorkflowTraceSource item) {
        return new Keyset(item.run().createdAt(), item.run().id());
    }

    private static boolean isAccount(WorkflowRunRow run) {
        return "account".equals(run.createdByRole());
    }

    static WorkflowRunRow run(ResultSet rs) throws SQLException {
        return new WorkflowRunRow(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("app_id", UUID.class),
                rs.getObject("workflow_id", UUID.class),
                rs.getString("type"),
                rs.getString("triggered_from"),
                rs.getString("version"),
                JsonText.ofUtf8(rs.getBytes("inputs")),
                JsonText.ofUtf8(rs.getBytes("outputs")),
                rs.getString("status"),
                rs.getString("error"),
                rs.getDouble("elapsed_time"),
                rs.getLong("total_tokens"),
                rs.getString("created_by_role"),
                rs.getObject("created_by", UUID.class),
                rs.getObject("created_at", LocalDateTime.class),
                rs.getObject("finished_at", LocalDateTime.class));
    }

    static NodeExecutionRow node(ResultSet rs) throws SQLException {
        return new NodeExecutionRow(
                rs.getObject("id", UUID.class),
                rs.getObject("workflow_run_id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("app_id", UUID.class),
                rs.getInt("index"),
                rs.getString("node_id"),
                rs.getString("node_type"),
                rs.getString("title"),
                JsonText.ofUtf8(rs.getBytes("inputs")),
                JsonText.ofUtf8(rs.getBytes("process_data")),
                JsonText.ofUtf8(rs.getBytes("outputs")),
                rs.getString("status"),
                rs.getString("error"),
                rs.getDouble("elapsed_time"),
                JsonText.ofUtf8(rs.getBytes("execution_metadata")),
                rs.getObject("created_at", LocalDateTime.class),
                rs.getObject("finished_at", LocalDateTime.class));
    }
}
