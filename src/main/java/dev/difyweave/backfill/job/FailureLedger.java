package dev.difyweave.backfill.job;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.report.AppCalls;
import dev.difyweave.backfill.report.DailyCalls;
import dev.difyweave.backfill.trace.TraceProblem;
import dev.difyweave.backfill.weave.DeadLetter;

/**
 * Records, in the state store and inside the chunk's transaction, what could not be sent (dead
 * letters), what was sent despite a problem in the source row, and how many calls were delivered per
 * kind and day (the run report's counts). All of it commits with the checkpoint.
 */
public class FailureLedger {

    private final JdbcTemplate state;

    public FailureLedger(JdbcTemplate state) {
        this.state = state;
    }

    public void deadLetters(long jobExecutionId, String stepName, String projectId, List<DeadLetter> deadLetters) {
        if (deadLetters.isEmpty()) {
            return;
        }
        state.batchUpdate("""
                INSERT INTO backfill_dead_letter (job_execution_id, step_name, project_id, call_id, trace_id, op_name,
                                                  source_key, http_status, reason, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", deadLetters, 500, (ps, d) -> {
            ps.setLong(1, jobExecutionId);
            ps.setString(2, stepName);
            ps.setString(3, projectId == null ? "" : projectId);
            ps.setString(4, d.call().id());
            ps.setString(5, d.call().traceId());
            ps.setString(6, d.call().opName());
            ps.setString(7, d.call().sourceKey());
            ps.setInt(8, d.httpStatus());
            ps.setString(9, d.reason());
            ps.setString(10, new String(d.call().upsertItems(projectId == null ? "" : projectId),
                    StandardCharsets.UTF_8));
        });
    }

    /** A root that produced no call at all (its assembly failed): recorded with status 0. */
    public void unsent(long jobExecutionId, String stepName, String projectId, String sourceKey, String reason) {
        state.update("""
                INSERT INTO backfill_dead_letter (job_execution_id, step_name, project_id, source_key, http_status, reason)
                VALUES (?, ?, ?, ?, 0, ?)""", jobExecutionId, stepName, projectId == null ? "" : projectId, sourceKey,
                reason);
    }

    public void problems(long jobExecutionId, String stepName, List<TraceProblem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        state.batchUpdate("""
                INSERT INTO backfill_problem (job_execution_id, step_name, source_table, source_key, source_column, reason)
                VALUES (?, ?, ?, ?, ?, ?)""", problems, 500, (ps, p) -> {
            ps.setLong(1, jobExecutionId);
            ps.setString(2, stepName);
            ps.setString(3, p.table());
            ps.setString(4, p.key());
            ps.setString(5, p.column());
            ps.setString(6, p.reason());
        });
    }

    /** Adds a chunk's delivered calls per kind and UTC day to {@code backfill_daily_calls}. */
    public void dailyCalls(long jobExecutionId, String stepName, DailyCalls calls) {
        if (calls.isEmpty()) {
            return;
        }
        List<Map.Entry<DailyCalls.Key, Long>> rows = new ArrayList<>(calls.counts().entrySet());
        state.batchUpdate("""
                INSERT INTO backfill_daily_calls (job_execution_id, step_name, kind, day, calls)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (job_execution_id, step_name, kind, day)
                DO UPDATE SET calls = backfill_daily_calls.calls + EXCLUDED.calls""", rows, 500, (ps, row) -> {
            ps.setLong(1, jobExecutionId);
            ps.setString(2, stepName);
            ps.setString(3, row.getKey().kind());
            ps.setObject(4, row.getKey().day());
            ps.setLong(5, row.getValue());
        });
    }

    /** Adds a chunk's delivered calls per app and project to {@code backfill_app_calls}. */
    public void appCalls(long jobExecutionId, String stepName, AppCalls calls) {
        if (calls.isEmpty()) {
            return;
        }
        List<Map.Entry<AppCalls.Key, Long>> rows = new ArrayList<>(calls.counts().entrySet());
        state.batchUpdate("""
                INSERT INTO backfill_app_calls (job_execution_id, step_name, app_id, project_id, app_name, calls)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (job_execution_id, step_name, app_id, project_id)
                DO UPDATE SET calls = backfill_app_calls.calls + EXCLUDED.calls,
                              app_name = coalesce(EXCLUDED.app_name, backfill_app_calls.app_name)""", rows, 500,
                (ps, row) -> {
                    ps.setLong(1, jobExecutionId);
                    ps.setString(2, stepName);
                    ps.setString(3, row.getKey().appId() == null ? "" : row.getKey().appId().toString());
                    ps.setString(4, row.getKey().projectId());
                    ps.setString(5, calls.name(row.getKey().appId()));
                    ps.setLong(6, row.getValue());
                });
    }

    public long deadLetterCount(long jobExecutionId) {
        Long n = state.queryForObject("SELECT count(*) FROM backfill_dead_letter WHERE job_execution_id = ?",
                Long.class, jobExecutionId);
        return n == null ? 0 : n;
    }

    public long problemCount(long jobExecutionId) {
        Long n = state.queryForObject("SELECT count(*) FROM backfill_problem WHERE job_execution_id = ?", Long.class,
                jobExecutionId);
        return n == null ? 0 : n;
    }
}
