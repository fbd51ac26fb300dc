package dev.difyweave.backfill.state;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the run report reads back from the state store for a job instance's executions: delivered
 * calls per kind and UTC day ({@code backfill_daily_calls}) and per app and project
 * ({@code backfill_app_calls}), and how many dead letters and source problems were recorded.
 */
public final class ReportCounts {

    /** Delivered calls of one kind ({@code --kinds} name) on one UTC day. */
    public record DailyRow(String kind, LocalDate day, long calls) {
    }

    /** Delivered calls of one app ({@code appId} "" when not known) in one Weave project. */
    public record AppRow(String appId, String appName, String project, long calls) {
    }

    private final JdbcTemplate state;
    private final List<Long> executionIds;

    public ReportCounts(JdbcTemplate state, List<Long> executionIds) {
        this.state = state;
        this.executionIds = List.copyOf(executionIds);
    }

    public List<DailyRow> daily() {
        return state.query("""
                SELECT kind, day, sum(calls) AS calls FROM backfill_daily_calls
                WHERE job_execution_id = ANY (?) GROUP BY kind, day ORDER BY day, kind""",
                ps -> ps.setArray(1, ids(ps.getConnection())),
                (rs, n) -> new DailyRow(rs.getString("kind"), rs.getObject("day", LocalDate.class), rs.getLong("calls")));
    }

    /** Delivered calls per app and project, most calls first. */
    public List<AppRow> apps() {
        return state.query("""
                SELECT app_id, max(app_name) AS app_name, project_id, sum(calls) AS calls FROM backfill_app_calls
                WHERE job_execution_id = ANY (?) GROUP BY app_id, project_id ORDER BY sum(calls) DESC, app_id, project_id""",
                ps -> ps.setArray(1, ids(ps.getConnection())),
                (rs, n) -> new AppRow(rs.getString("app_id"), rs.getString("app_name"), rs.getString("project_id"),
                        rs.getLong("calls")));
    }

    public long deadLetters() {
        return count("backfill_dead_letter");
    }

    public long problems() {
        return count("backfill_problem");
    }

    private long count(String table) {
        List<Long> n = state.query("SELECT count(*) FROM " + table + " WHERE job_execution_id = ANY (?)",
                ps -> ps.setArray(1, ids(ps.getConnection())), (rs, i) -> rs.getLong(1));
        return n.isEmpty() ? 0 : n.get(0);
    }

    private Array ids(Connection connection) throws SQLException {
        return connection.createArrayOf("bigint", executionIds.toArray());
    }
}
