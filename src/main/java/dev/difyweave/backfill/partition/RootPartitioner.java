package dev.difyweave.backfill.partition;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.source.DifySql;
import dev.difyweave.backfill.source.SourceWindow;

/**
 * Partitions one root table's share of a window into time ranges of about equal row counts, counted by
 * PostgreSQL ({@code sql/dify/partition-bounds-*.sql}). A trace is one root row, so no partition ever
 * splits a trace. When the step's kinds were not asked for, there is one empty partition; when the
 * database finds nothing to cut (a window with at most one root, e.g. a quiet {@code sync}), there is
 * one partition over the whole window: empty partitions would only cost step executions.
 *
 * <p>Spring Batch keeps the partition count of the first run in the manager step's context and, on a
 * restart, hands each unfinished partition the context (bounds and checkpoint) of its last run; the
 * names are fixed per count ({@link TimePartitions}), so bounds never shift under a restart (unless roots
 * appear in an old window between a run that found none to cut and its restart: then the new
 * partitions overlap the whole-window one, and what they share is sent twice, merged by id in Weave).
 */
public class RootPartitioner implements Partitioner {

    private static final Logger log = LoggerFactory.getLogger(RootPartitioner.class);

    /** The root tables, each with the query that finds its cut points. */
    public enum RootTable {
        WORKFLOW_RUNS("partition-bounds-workflow-runs"),
        MESSAGES("partition-bounds-messages"),
        CONVERSATIONS("partition-bounds-conversations");

        private final DifySql bounds;

        RootTable(String sql) {
            this.bounds = DifySql.load(sql);
        }
    }

    private final JdbcTemplate dify;
    private final RootTable table;
    private final SourceWindow window;

    /** {@code window} is {@code null} when the kinds of this table were not asked for. */
    public RootPartitioner(JdbcTemplate dify, RootTable table, SourceWindow window) {
        this.dify = dify;
        this.table = table;
        this.window = window;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        if (window == null) {
            partitions.put(TimePartitions.name(0), PartitionRange.empty(TimePartitions.name(0)).toContext());
            return partitions;
        }
        List<LocalDateTime> cuts = gridSize == 1 ? List.of() : table.bounds.query(dify, parameters(gridSize),
                (rs, n) -> rs.getObject("created_at", LocalDateTime.class));
        List<PartitionRange> ranges = TimePartitions.cut(window.from(), window.to(), cuts, cuts.isEmpty() ? 1 : gridSize);
        for (PartitionRange range : ranges) {
            partitions.put(range.name(), range.toContext());
        }
        log.info("{}: {} partitions of [{}, {}) cut at {}", table.name().toLowerCase(), ranges.size(), window.from(),
                window.to(), cuts);
        return partitions;
    }

    private Map<String, Object> parameters(int gridSize) {
        Map<String, Object> values = new HashMap<>();
        values.put("from", window.from());
        values.put("to", window.to());
        values.put("app_ids", window.appIds());
        values.put("tenant_ids", window.tenantIds());
        values.put("partitions", gridSize);
        return values;
    }
}
