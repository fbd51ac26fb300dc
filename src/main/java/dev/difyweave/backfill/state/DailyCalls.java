package dev.difyweave.backfill.state;

import dev.difyweave.backfill.report.CallKinds;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

import dev.difyweave.backfill.call.WeaveCall;

/**
 * Delivered calls counted per kind ({@link CallKinds}) and UTC day of {@code started_at}: what one
 * chunk adds to {@code backfill_daily_calls}, and what the run report reads back.
 */
public final class DailyCalls {

    /** One row's key beside the execution and step; ordered by day, then kind in report order. */
    public record Key(String kind, LocalDate day) implements Comparable<Key> {

        private static final Comparator<Key> ORDER = Comparator.comparing(Key::day)
                .thenComparingInt(k -> kindOrder(k.kind()))
                .thenComparing(Key::kind);

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    /** The position of a kind in {@link CallKinds#ALL}; unknown kinds sort last. */
    public static int kindOrder(String kind) {
        int i = CallKinds.ALL.indexOf(kind);
        return i < 0 ? CallKinds.ALL.size() : i;
    }

    private final Map<Key, Long> counts = new TreeMap<>();
    private long approximated;

    public void add(WeaveCall call) {
        add(CallKinds.of(call), CallKinds.day(call.startedAt()), 1);
        if (CallKinds.approximated(call)) {
            approximated++;
        }
    }

    public void add(String kind, LocalDate day, long calls) {
        counts.merge(new Key(kind, day), calls, Long::sum);
    }

    /** The counts, in day then kind order. */
    public Map<Key, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    /** How many of the added calls carry {@code attributes.backfill.approximated}. */
    public long approximated() {
        return approximated;
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }
}
