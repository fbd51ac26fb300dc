package dev.difyweave.backfill.weave;

import dev.difyweave.backfill.call.WeaveCall;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Plans and sizes requests (the bodies are measured, not assembled), and sends nothing. */
public final class DryRunSink implements TraceSink {

    private final long maxBatchBytes;
    private final int maxBatchCalls;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    public DryRunSink(long maxBatchBytes, int maxBatchCalls) {
        this.maxBatchBytes = maxBatchBytes;
        this.maxBatchCalls = maxBatchCalls;
    }

    @Override
    public List<DeadLetter> write(String projectId, List<WeaveCall> calls) {
        for (RequestBatch batch : RequestBatch.plan(projectId, calls, maxBatchBytes, maxBatchCalls)) {
            requests.incrementAndGet();
            bytes.addAndGet(batch.upsertBodyLength());
        }
        return List.of();
    }

    public long requests() {
        return requests.get();
    }

    public long bytes() {
        return bytes.get();
    }
}
