package dev.difyweave.backfill.partition;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a window {@code [from, to)} into exactly {@code count} partitions at the given cut points (the
 * {@code created_at} where a new partition of about equal row count starts, found by the database).
 * Pure: the ranges are contiguous, ordered, never overlap and together are the window, whatever the
 * cuts (unsorted, duplicated, outside the window); missing partitions are empty ones, so the names
 * {@code p000 ... } are always the same for a given count, which a restart relies on.
 */
public final class TimePartitions {

    private TimePartitions() {
    }

    public static List<PartitionRange> cut(LocalDateTime from, LocalDateTime to, List<LocalDateTime> cuts, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one partition, got " + count);
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("empty window: from " + from + " is not before to " + to);
        }
        List<LocalDateTime> inside = cuts.stream().filter(c -> c.isAfter(from) && c.isBefore(to)).distinct().sorted()
                .limit(count - 1L).toList();
        List<PartitionRange> ranges = new ArrayList<>(count);
        LocalDateTime start = from;
        for (LocalDateTime cut : inside) {
            ranges.add(new PartitionRange(name(ranges.size()), start, cut));
            start = cut;
        }
        ranges.add(new PartitionRange(name(ranges.size()), start, to));
        while (ranges.size() < count) {
            ranges.add(PartitionRange.empty(name(ranges.size())));
        }
        return ranges;
    }

    static String name(int index) {
        return String.format("p%03d", index);
    }
}
