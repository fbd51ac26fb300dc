package dev.difyweave.backfill.state;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code backfill_watermark} table: the end of the last completed sync window per scope (stored as
 * its {@link StorableText#key}, like in {@link PendingStore}).
 */
public class WatermarkStore {

    private final JdbcTemplate state;

    public WatermarkStore(JdbcTemplate state) {
        this.state = state;
    }

    public Optional<Instant> last(String scope) {
        List<Timestamp> ends = state.queryForList("SELECT window_end FROM backfill_watermark WHERE scope = ?",
                Timestamp.class, PendingStore.scope(scope));
        return ends.isEmpty() ? Optional.empty() : Optional.of(ends.get(0).toInstant());
    }

    /** Moves the watermark forward (never back) to the end of a completed window. */
    public void advance(String scope, Instant windowEnd, long executionId) {
        state.update("""
                INSERT INTO backfill_watermark (scope, window_end, execution_id) VALUES (?, ?, ?)
                ON CONFLICT (scope) DO UPDATE SET window_end = GREATEST(backfill_watermark.window_end, EXCLUDED.window_end),
                    execution_id = EXCLUDED.execution_id, updated_at = now()""",
                PendingStore.scope(scope), Timestamp.from(windowEnd), executionId);
    }
}
