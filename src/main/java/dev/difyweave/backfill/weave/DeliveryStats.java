package dev.difyweave.backfill.weave;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters of what was sent, kept by the process for progress, the run report and metrics
 * ({@code report.BackfillMetrics} binds them to Micrometer; {@code report.DeliveryStatsRecorder} copies
 * each step's share into its step execution context, so a resumed window's report covers every run).
 */
public final class DeliveryStats {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong retryWaitMillis = new AtomicLong();
    private final AtomicLong callsAccepted = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    /** Replies by status class: index 1 = 1xx ... 5 = 5xx; 0 = a status outside 100..599. */
    private final AtomicLongArray responses = new AtomicLongArray(6);
    /** The same counters for the calling thread alone: partitions on threads each see their own share. */
    private final ThreadLocal<long[]> thisThread = ThreadLocal.withInitial(() -> new long[5]);

    /** A point-in-time copy of the counters. */
    public record Snapshot(long requests, long retries, long callsAccepted, long bytesSent, long deadLetters) {

        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(requests - earlier.requests, retries - earlier.retries,
                    callsAccepted - earlier.callsAccepted, bytesSent - earlier.bytesSent,
                    deadLetters - earlier.deadLetters);
        }
    }

    void request(long bytes) {
        requests.incrementAndGet();
        bytesSent.addAndGet(bytes);
        long[] mine = thisThread.get();
        mine[0]++;
        mine[3] += bytes;
    }

    /** A request got an HTTP reply with this status (network errors and lost replies get none). */
    void responded(int status) {
        responses.incrementAndGet(status >= 100 && status < 600 ? status / 100 : 0);
    }

    void retried() {
        retries.incrementAndGet();
        thisThread.get()[1]++;
    }

    /** A retry is about to wait this long (back-off, or the server's {@code Retry-After}). */
    void waitedBeforeRetry(long millis) {
        retryWaitMillis.addAndGet(millis);
    }

    void accepted(long calls) {
        callsAccepted.addAndGet(calls);
        thisThread.get()[2] += calls;
    }

    void deadLettered(long calls) {
        deadLetters.addAndGet(calls);
        thisThread.get()[4] += calls;
    }

    public long requests() {
        return requests.get();
    }

    public long retries() {
        return retries.get();
    }

    /** Milliseconds waited before retries, all told: back-off and {@code Retry-After} (capped). */
    public long retryWaitMillis() {
        return retryWaitMillis.get();
    }

    public long callsAccepted() {
        return callsAccepted.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    /**
     * Replies whose status is in this class ({@code 2} for 2xx, ... {@code 5} for 5xx; {@code 0} for
     * a status outside 100..599).
     */
    public long responses(int statusClass) {
        if (statusClass < 0 || statusClass > 5) {
            throw new IllegalArgumentException("status class must be 0..5, got " + statusClass);
        }
        return responses.get(statusClass);
    }

    /** Requests without a recorded reply: network errors, lost replies and timeouts. */
    public long requestsWithoutResponse() {
        long replied = 0;
        for (int i = 0; i < responses.length(); i++) {
            replied += responses.get(i);
        }
        return Math.max(0, requests.get() - replied);
    }

    /** What the calling thread sent so far (a step, or one partition, runs on one thread). */
    public Snapshot snapshotOfThisThread() {
        long[] mine = thisThread.get();
        return new Snapshot(mine[0], mine[1], mine[2], mine[3], mine[4]);
    }

    public Snapshot snapshot() {
        return new Snapshot(requests.get(), retries.get(), callsAccepted.get(), bytesSent.get(), deadLetters.get());
    }
}
