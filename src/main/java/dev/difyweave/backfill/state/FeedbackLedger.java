package dev.difyweave.backfill.state;

import static dev.difyweave.backfill.state.StateColumns.*;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code backfill_feedback} table: every Weave feedback the backfill may have created, per project,
 * and {@code backfill_feedback_counts}, what the feedback step did. The ledger is what makes feedback
 * exactly-once (see {@code weave.FeedbackDelivery}): an id is {@link #record recorded}, and committed,
 * before the request that creates it, and {@link #forget forgotten} only after a delivery that purged
 * it, or found it absent, returned. A project longer than its column is stored as its
 * {@link StorableText#key}.
 */
public class FeedbackLedger {

    /** One feedback that may exist in Weave. {@code sourceKey}: {@code message_feedbacks:<id>} or {@code message_annotations:<id>}. */
    public record Entry(String projectId, String feedbackId, String feedbackType, String sourceKey, UUID messageId,
            LocalDateTime messageCreatedAt, UUID appId) {

        /** The Dify table of the row this feedback came from. */
        public String sourceTable() {
            return sourceKey.substring(0, sourceKey.indexOf(':'));
        }

        /** The id of the Dify row this feedback came from. */
        public UUID sourceId() {
            return UUID.fromString(sourceKey.substring(sourceKey.indexOf(':') + 1));
        }
    }

    /** How many feedback of one type had one outcome ({@code created}, {@code replaced}, ...). */
    public record Count(String feedbackType, String outcome, long count) {
    }

    private final JdbcTemplate state;

    public FeedbackLedger(JdbcTemplate state) {
        this.state = state;
    }

    /** Adds these entries (those already there stay as they are). */
    public void record(List<Entry> entries) {
        state.batchUpdate("""
                INSERT INTO backfill_feedback (project_id, feedback_id, feedback_type, source_key, message_id,
                                               message_created_at, app_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (project_id, feedback_id) DO NOTHING""", entries, 500, (ps, e) -> {
            ps.setString(1, stored(e.projectId()));
            ps.setString(2, e.feedbackId());
            ps.setString(3, StorableText.required(e.feedbackType(), KIND));
            ps.setString(4, StorableText.required(e.sourceKey(), PROBLEM_SOURCE_KEY));
            ps.setObject(5, e.messageId());
            ps.setObject(6, e.messageCreatedAt());
            ps.setObject(7, e.appId());
        });
    }

    /** The entries of these messages, in every project (as stored: see {@link #stored}). */
    public List<Entry> ofMessages(Collection<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return state.query("""
                SELECT * FROM backfill_feedback WHERE message_id = ANY (?)
                ORDER BY message_id, project_id, feedback_id""",
                ps -> ps.setArray(1, uuids(ps.getConnection(), messageIds)), (rs, n) -> entry(rs));
    }

    /**
     * The entries of the next {@code messages} messages after {@code afterMessageId} (in PostgreSQL's uuid
     * order), whole: the deletion scan of a sync.
     */
    public List<Entry> messagesAfter(UUID afterMessageId, int messages) {
        return state.query("""
                SELECT * FROM backfill_feedback
                WHERE message_id IN (SELECT DISTINCT message_id FROM backfill_feedback WHERE message_id > ?
                                     ORDER BY message_id LIMIT ?)
                ORDER BY message_id, project_id, feedback_id""", (rs, n) -> entry(rs), afterMessageId, messages);
    }

    /** A project as the ledger stores it: itself, or its {@link StorableText#key} when too long for the column. */
    public static String stored(String projectId) {
        return StorableText.key(projectId, PROJECT_ID);
    }

    /** Removes these ids of this project. */
    public void forget(String projectId, Collection<String> feedbackIds) {
        String stored = stored(projectId);
        state.batchUpdate("DELETE FROM backfill_feedback WHERE project_id = ? AND feedback_id = ?", feedbackIds, 500,
                (ps, id) -> {
                    ps.setString(1, stored);
                    ps.setString(2, id);
                });
    }

    /** Adds what a page of the feedback step did to {@code backfill_feedback_counts}. */
    public void count(long jobExecutionId, String stepName, List<Count> counts) {
        state.batchUpdate("""
                INSERT INTO backfill_feedback_counts (job_execution_id, step_name, feedback_type, outcome, count)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (job_execution_id, step_name, feedback_type, outcome)
                DO UPDATE SET count = backfill_feedback_counts.count + EXCLUDED.count""",
                counts.stream().filter(c -> c.count() != 0).toList(), 500, (ps, c) -> {
                    ps.setLong(1, jobExecutionId);
                    ps.setString(2, StorableText.required(stepName, STEP_NAME));
                    ps.setString(3, StorableText.required(c.feedbackType(), KIND));
                    ps.setString(4, c.outcome());
                    ps.setLong(5, c.count());
                });
    }

    /** What the feedback steps of these executions did, per type and outcome. */
    public List<Count> counts(List<Long> executionIds) {
        return state.query("""
                SELECT feedback_type, outcome, sum(count) AS count FROM backfill_feedback_counts
                WHERE job_execution_id = ANY (?) GROUP BY feedback_type, outcome ORDER BY feedback_type, outcome""",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", executionIds.toArray())),
                (rs, n) -> new Count(rs.getString("feedback_type"), rs.getString("outcome"), rs.getLong("count")));
    }

    /** What every feedback step ever did, per type and outcome: what {@code status} shows. */
    public List<Count> totals() {
        return state.query("""
                SELECT feedback_type, outcome, sum(count) AS count FROM backfill_feedback_counts
                GROUP BY feedback_type, outcome ORDER BY feedback_type, outcome""",
                (rs, n) -> new Count(rs.getString("feedback_type"), rs.getString("outcome"), rs.getLong("count")));
    }

    /** How many feedback of each type the ledger holds, per project: what Weave should hold. */
    public Map<String, Map<String, Long>> heldPerProject() {
        Map<String, Map<String, Long>> held = new java.util.TreeMap<>();
        state.query("""
                SELECT project_id, feedback_type, count(*) AS n FROM backfill_feedback
                GROUP BY project_id, feedback_type ORDER BY project_id, feedback_type""", rs -> {
            held.computeIfAbsent(rs.getString("project_id"), p -> new java.util.TreeMap<>())
                    .put(rs.getString("feedback_type"), rs.getLong("n"));
        });
        return held;
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getString("project_id"), rs.getString("feedback_id"), rs.getString("feedback_type"),
                rs.getString("source_key"), rs.getObject("message_id", UUID.class),
                rs.getObject("message_created_at", LocalDateTime.class), rs.getObject("app_id", UUID.class));
    }

    private static Array uuids(Connection connection, Collection<UUID> ids) throws SQLException {
        return connection.createArrayOf("uuid", new ArrayList<>(ids).toArray());
    }
}
