package dev.difyweave.backfill.source;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * At most so many root rows read from Dify per second, across every reader of the process
 * ({@code --max-rows-per-second}, gentle on a production database): each page waits until its rows fit
 * the rate since the pages before it. The children of a page (a run's node executions, a message's
 * thoughts and files) come with it, one query each, and are not counted. {@link #UNLIMITED} waits for
 * nothing.
 */
public final class RowRate {

    public static final RowRate UNLIMITED = new RowRate(0, System::nanoTime, RowRate::sleep);

    /** Waits this many nanoseconds. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final int rowsPerSecond;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private long nextFree;

    RowRate(int rowsPerSecond, LongSupplier clock, Sleeper sleeper) {
        this.rowsPerSecond = rowsPerSecond;
        this.clock = clock;
        this.sleeper = sleeper;
        this.nextFree = clock.getAsLong();
    }

    /** {@code rowsPerSecond} rows a second at most; 0 for no limit. */
    public static RowRate of(int rowsPerSecond) {
        return rowsPerSecond <= 0 ? UNLIMITED : new RowRate(rowsPerSecond, System::nanoTime, RowRate::sleep);
    }

    public boolean limits() {
        return rowsPerSecond > 0;
    }

    /** Returns when {@code rows} more rows fit the rate (at once without a limit). */
    public void acquire(int rows) {
        if (!limits() || rows <= 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = clock.getAsLong();
            long start = Math.max(now, nextFree);
            nextFree = start + rows * TimeUnit.SECONDS.toNanos(1) / rowsPerSecond;
            wait = start - now;
        }
        if (wait > 0) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep(long nanos) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(nanos);
    }
}
