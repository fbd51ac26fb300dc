package dev.difyweave.backfill.partition;

import java.time.LocalDateTime;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.difyweave.backfill.source.SourceWindow;

/**
 * One partition of a window: a half-open time range {@code [from, to)} of root rows (naive UTC, like
 * Dify's columns), or nothing when the window had fewer distinct cut points than partitions. It lives
 * in the partition's step execution context, next to the reader's checkpoint, so a restarted partition
 * keeps its bounds whatever the data or the partition count look like by then.
 */
public record PartitionRange(String name, LocalDateTime from, LocalDateTime to) {

    static final String FROM = "partition.from";
    static final String TO = "partition.to";
    static final String EMPTY = "partition.empty";

    public PartitionRange {
        if ((from == null) != (to == null) || (from != null && !from.isBefore(to))) {
            throw new IllegalArgumentException("partition " + name + ": not a range [" + from + ", " + to + ")");
        }
    }

    public static PartitionRange empty(String name) {
        return new PartitionRange(name, null, null);
    }

    public boolean isEmpty() {
        return from == null;
    }

    /** The rows of this partition among those the request's window selects; {@code null} when empty. */
    public SourceWindow window(SourceWindow request) {
        return isEmpty() ? null : request.between(from, to);
    }

    public ExecutionContext toContext() {
        ExecutionContext context = new ExecutionContext();
        context.putString(EMPTY, Boolean.toString(isEmpty()));
        if (!isEmpty()) {
            context.putString(FROM, from.toString());
            context.putString(TO, to.toString());
        }
        return context;
    }

    /**
     * The range a partition's step execution context holds, or {@code null} for a step that is not a
     * partition (its context has no bounds).
     */
    public static PartitionRange fromContext(String name, Map<String, Object> context) {
        Object empty = context.get(EMPTY);
        if (empty == null) {
            return null;
        }
        if (Boolean.parseBoolean(empty.toString())) {
            return empty(name);
        }
        return new PartitionRange(name, LocalDateTime.parse(context.get(FROM).toString()),
                LocalDateTime.parse(context.get(TO).toString()));
    }
}
