package dev.difyweave.backfill.report;

import java.util.function.Supplier;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.difyweave.backfill.weave.DeliveryStats;

/**
 * Copies what a step sent to Weave (requests, retries, bytes: {@link DeliveryStats} is per process)
 * into its step execution context, after every chunk (inside the chunk's transaction, so it commits
 * with the checkpoint) and at the end of the step. A restarted step inherits its context, so the
 * newest step execution holds the whole window's numbers: the run report reads them there.
 */
public final class DeliveryStatsRecorder implements StepExecutionListener, ChunkListener<Object, Object> {

    public static final String REQUESTS = "backfill.delivery.requests";
    public static final String RETRIES = "backfill.delivery.retries";
    public static final String BYTES_SENT = "backfill.delivery.bytes_sent";

    private final Supplier<DeliveryStats> stats;
    private StepExecution stepExecution;
    private DeliveryStats.Snapshot atStart;
    private long requestsBefore;
    private long retriesBefore;
    private long bytesBefore;

    /** {@code stats} may supply {@code null} (no delivery in this process): nothing is recorded then. */
    public DeliveryStatsRecorder(Supplier<DeliveryStats> stats) {
        this.stats = stats;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.stepExecution = stepExecution;
        DeliveryStats current = stats.get();
        atStart = current == null ? null : current.snapshot();
        ExecutionContext context = stepExecution.getExecutionContext();
        requestsBefore = context.getLong(REQUESTS, 0L);
        retriesBefore = context.getLong(RETRIES, 0L);
        bytesBefore = context.getLong(BYTES_SENT, 0L);
    }

    @Override
    public void afterChunk(Chunk<Object> chunk) {
        record();
    }

    @Override
    public void onChunkError(Exception exception, Chunk<Object> chunk) {
        // what went over the wire before the failure was sent all the same; persisted at the step's end
        record();
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        record();
        return null;
    }

    private void record() {
        DeliveryStats current = stats.get();
        if (stepExecution == null || atStart == null || current == null) {
            return;
        }
        DeliveryStats.Snapshot sent = current.snapshot().minus(atStart);
        ExecutionContext context = stepExecution.getExecutionContext();
        context.putLong(REQUESTS, requestsBefore + sent.requests());
        context.putLong(RETRIES, retriesBefore + sent.retries());
        context.putLong(BYTES_SENT, bytesBefore + sent.bytesSent());
    }
}
