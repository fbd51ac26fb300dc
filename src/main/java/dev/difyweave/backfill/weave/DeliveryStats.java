package dev.difyweave.backfill.weave;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of what was sent, kept by the process for progress, the run report and metrics. */
public final class DeliveryStats {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong callsAccepted = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();

    void request(long bytes) {
        requests.incrementAndGet();
        bytesSent.addAndGet(bytes);
    }

    void retried() {
        retries.incrementAndGet();
    }

    void accepted(long calls) {
        callsAccepted.addAndGet(calls);
    }

    void deadLettered(long calls) {
        deadLetters.addAndGet(calls);
    }

    public long requests() {
        return requests.get();
    }

    public long retries() {
        return retries.get();
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
}
