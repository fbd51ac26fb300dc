package dev.difyweave.backfill.state;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.source.Keyset;
import dev.difyweave.backfill.source.UuidArray;

/**
 * The {@code backfill_pending} table: roots a window left because Dify had not finished them, per
 * pending scope (the request's {@code pendingScope()}) and root kind. A scope
 * longer than its column is stored as its {@link StorableText#key} (the same for every use).
 */
public class PendingStore {

    public static final String WORKFLOW_RUNS = "workflow_runs";
    public static final String MESSAGES = "messages";
    /** Messages whose feedback waits for their call to be in Weave. */
    public static final String FEEDBACK = "feedback";

    private final JdbcTemplate state;

    public PendingStore(JdbcTemplate state) {
        this.state = state;
    }

    public void record(String scope, String kind, List<Keyset> keys) {
        String stored = scope(scope);
        state.batchUpdate("""
                INSERT INTO backfill_pending (scope, kind, source_id, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (scope, kind, source_id) DO NOTHING""", keys, 500, (ps, key) -> {
            ps.setString(1, stored);
            ps.setString(2, kind);
            ps.setObject(3, key.id());
            ps.setObject(4, key.createdAt());
        });
    }

    public List<Keyset> pageAfter(String scope, String kind, Keyset after, int limit) {
        return state.query("""
                SELECT created_at, source_id FROM backfill_pending
                WHERE scope = ? AND kind = ? AND (created_at, source_id) > (?, ?)
                ORDER BY created_at, source_id LIMIT ?""",
                (rs, n) -> new Keyset(rs.getObject("created_at", LocalDateTime.class), rs.getObject("source_id", UUID.class)),
                scope(scope), kind, after.createdAt(), after.id(), limit);
    }

    /**
     * Forgets these roots of a scope and kind, in one statement: every chunk of every step resolves its roots
     * (usually none of them pending), and the feedback step its page of messages: a statement per root was
     * 68,000 statements in a dry run of 60,000 roots and 8,000 messages with feedback.
     */
    public void resolved(String scope, String kind, Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            state.update("DELETE FROM backfill_pending WHERE scope = ? AND kind = ? AND source_id = ANY(?)",
                    ps -> {
                        ps.setString(1, scope(scope));
                        ps.setString(2, kind);
                        ps.setObject(3, UuidArray.of(ids));
                    });
        }
    }

    /** Pending roots of one scope and kind: how many, and when the oldest was created in Dify (naive UTC). */
    public record Summary(String scope, String kind, long roots, LocalDateTime oldest) {
    }

    /** Every scope's pending roots, per kind: what {@code status} shows. */
    public List<Summary> summary() {
        return state.query("""
                SELECT scope, kind, count(*) AS roots, min(created_at) AS oldest FROM backfill_pending
                GROUP BY scope, kind ORDER BY scope, kind""",
                (rs, n) -> new Summary(rs.getString("scope"), rs.getString("kind"), rs.getLong("roots"),
                        rs.getObject("oldest", LocalDateTime.class)));
    }

    public long count(String scope) {
        Long n = state.queryForObject("SELECT count(*) FROM backfill_pending WHERE scope = ?", Long.class, scope(scope));
        return n == null ? 0 : n;
    }

    /** The scope as stored: itself, or its {@link StorableText#key} when it is too long for the column. */
    static String scope(String scope) {
        return StorableText.key(scope, StateColumns.SCOPE);
    }
}
