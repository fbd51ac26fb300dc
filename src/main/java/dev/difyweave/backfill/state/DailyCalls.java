package dev.difyweave.backfill.state;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.call.WeaveCall;

/**
 * Delivered calls counted per kind (the one each call carries) and UTC day of {@code started_at}:
 * what one chunk adds to {@code backfill_daily_calls}, and what the run report reads back.
 */
public final class DailyCalls {

    /** One row's key beside the execution and step; ordered by day, then kind in report order. */
    public record Key(TraceKind kind, LocalDate day) implements Comparable<Key> {

        @Override
        public int compareTo(Key other) {
            int byDay = day.compareTo(other.day);
            return byDay != 0 ? byDay : kind.compareTo(other.kind);
        }
    }

    private static final long SECONDS_PER_DAY = 86_400;

    private final Map<Key, Long> counts = new TreeMap<>();
    private long approximated;

    /**
     * The calls added one by one are counted in runs of the same kind and day (a trace's calls mostly
     * share both): the run's day is worked out once, its count goes into {@link #counts} when the run ends.
     */
    private TraceKind runKind;
    private LocalDate runDay;
    private long runFrom = 1;
    private long runTo;
    private long runCalls;

    public void add(WeaveCall call) {
        Instant startedAt = call.startedAt();
        long second = startedAt == null ? 0 : startedAt.getEpochSecond();
        if (call.kind() != runKind || second < runFrom || second >= runTo) {
            endRun();
            runKind = call.kind();
            runDay = day(startedAt);
            runFrom = runDay.toEpochDay() * SECONDS_PER_DAY;
            runTo = runFrom + SECONDS_PER_DAY;
        }
        runCalls++;
        if (call.approximated()) {
            approximated++;
        }
    }

    public void add(TraceKind kind, LocalDate day, long calls) {
        counts.merge(new Key(kind, day), calls, Long::sum);
    }

    private void endRun() {
        if (runCalls > 0) {
            add(runKind, runDay, runCalls);
            runCalls = 0;
        }
    }

    /** The UTC day a call is counted on: that of its {@code started_at} (1970-01-01 when it has none). */
    static LocalDate day(Instant startedAt) {
        return startedAt == null ? LocalDate.EPOCH
                : LocalDate.ofEpochDay(Math.floorDiv(startedAt.getEpochSecond(), SECONDS_PER_DAY));
    }

    /** The counts, in day then kind order. */
    public Map<Key, Long> counts() {
        endRun();
        return Collections.unmodifiableMap(counts);
    }

    /** How many of the added calls carry {@code attributes.backfill.approximated}. */
    public long approximated() {
        return approximated;
    }

    public long total() {
        endRun();
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean isEmpty() {
        endRun();
        return counts.isEmpty();
    }
}
