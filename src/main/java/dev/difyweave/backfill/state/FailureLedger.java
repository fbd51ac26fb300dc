package dev.difyweave.backfill.state;

import static dev.difyweave.backfill.state.StateColumns.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.call.SourceKey;
import dev.difyweave.backfill.trace.TraceProblem;
import dev.difyweave.backfill.weave.DeadLetter;
import dev.difyweave.backfill.weave.FeedbackDeadLetter;

/**
 * Records, in the state store and inside the chunk's transaction, what could not be sent (dead
 * letters), what was sent despite a problem in the source row, and how many calls were delivered per
 * kind and day (the run report's counts). All of it commits with the checkpoint. Every text goes
 * through {@link StorableText}, so no value (a NUL in a Dify key, a project name longer than its column)
 * can make an INSERT fail and the chunk be sent again and again.
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
            ps.setString(2, StorableText.of(stepName, STEP_NAME));
            ps.setString(3, StorableText.required(projectId, PROJECT_ID));
            ps.setString(4, StorableText.of(d.call().id(), CALL_ID));
            ps.setString(5, StorableText.of(d.call().traceId(), TRACE_ID));
            ps.setString(6, StorableText.of(d.call().opName(), OP_NAME));
            ps.setString(7, StorableText.required(d.call().sourceKey().toString(), DEAD_LETTER_SOURCE_KEY));
            ps.setInt(8, d.httpStatus());
            ps.setString(9, StorableText.required(d.reason(), REASON));
            ps.setString(10, StorableText.of(new String(d.call().upsertItems(projectId == null ? "" : projectId),
                    StandardCharsets.UTF_8), TEXT));
        });
    }

    /**
     * Feedback Weave would not take (or that was never sent: status 0): one row each, {@code call_id} the
     * call it was for, {@code op_name} its feedback type, {@code payload} its exact
     * {@code /feedback/batch/create} item.
     */
    public void feedbackDeadLetters(long jobExecutionId, String stepName, String projectId,
            List<FeedbackDeadLetter> deadLetters) {
        if (deadLetters.isEmpty()) {
            return;
        }
        state.batchUpdate("""
                INSERT INTO backfill_dead_letter (job_execution_id, step_name, project_id, call_id, op_name,
                                                  source_key, http_status, reason, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", deadLetters, 500, (ps, d) -> {
            ps.setLong(1, jobExecutionId);
            ps.setString(2, StorableText.of(stepName, STEP_NAME));
            ps.setString(3, StorableText.required(projectId, PROJECT_ID));
            ps.setString(4, StorableText.of(d.feedback().callId(), CALL_ID));
            ps.setString(5, StorableText.of(d.feedback().feedbackType(), OP_NAME));
            ps.setString(6, StorableText.required(d.feedback().sourceKey(), DEAD_LETTER_SOURCE_KEY));
            ps.setInt(7, d.httpStatus());
            ps.setString(8, StorableText.required(d.reason(), REASON));
            ps.setString(9, StorableText.of(new String(d.feedback().createItem(), StandardCharsets.UTF_8), TEXT));
        });
    }

    /** A root that produced no call at all (its assembly failed): recorded with status 0. */
    public void unsent(long jobExecutionId, String stepName, String projectId, SourceKey sourceKey, String reason) {
        state.update("""
                INSERT INTO backfill_dead_letter (job_execution_id, step_name, project_id, source_key, http_status, reason)
                VALUES (?, ?, ?, ?, 0, ?)""", jobExecutionId, StorableText.of(stepName, STEP_NAME),
                StorableText.required(projectId, PROJECT_ID), StorableText.required(sourceKey.toString(), DEAD_LETTER_SOURCE_KEY),
                StorableText.required(reason, REASON));
    }

    public void problems(long jobExecutionId, String stepName, List<TraceProblem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        state.batchUpdate("""
                INSERT INTO backfill_problem (job_execution_id, step_name, source_table, source_key, source_column, reason)
                VALUES (?, ?, ?, ?, ?, ?)""", problems, 500, (ps, p) -> {
            ps.setLong(1, jobExecutionId);
            ps.setString(2, StorableText.of(stepName, STEP_NAME));
            ps.setString(3, StorableText.required(p.table(), SOURCE_TABLE));
            ps.setString(4, StorableText.required(p.key(), PROBLEM_SOURCE_KEY));
            ps.setString(5, StorableText.of(p.column(), SOURCE_COLUMN));
            ps.setString(6, StorableText.required(p.reason(), REASON));
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
            ps.setString(2, StorableText.required(stepName, STEP_NAME));
            ps.setString(3, StorableText.required(row.getKey().kind().cliName(), KIND));
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
                    ps.setString(2, StorableText.required(stepName, STEP_NAME));
                    ps.setString(3, row.getKey().appId() == null ? "" : row.getKey().appId().toString());
                    ps.setString(4, StorableText.required(row.getKey().projectId(), PROJECT_ID));
                    ps.setString(5, StorableText.of(calls.name(row.getKey().appId()), APP_NAME));
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
