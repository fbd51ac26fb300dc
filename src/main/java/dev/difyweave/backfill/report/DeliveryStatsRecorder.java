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
    /**
     * One listener serves every execution of its step, and partitions of one step run at once on
     * several threads: each thread keeps the state of the step execution it runs.
     */
    private final ThreadLocal<Running> running = new ThreadLocal<>();

    private record Running(StepExecution step, DeliveryStats.Snapshot atStart, long requestsBefore, long retriesBefore,
            long bytesBefore) {
    }

    /** {@code stats} may supply {@code null} (no delivery in this process): nothing is recorded then. */
    public DeliveryStatsRecorder(Supplier<DeliveryStats> stats) {
        this.stats = stats;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        DeliveryStats current = stats.get();
        ExecutionContext context = stepExecution.getExecutionContext();
        running.set(new Running(stepExecution, current == null ? null : current.snapshotOfThisThread(),
                context.getLong(REQUESTS, 0L), context.getLong(RETRIES, 0L), context.getLong(BYTES_SENT, 0L)));
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
        running.remove();
        return null;
    }

    private void record() {
        DeliveryStats current = stats.get();
        Running run = running.get();
        if (run == null || run.atStart() == null || current == null) {
            return;
        }
        DeliveryStats.Snapshot sent = current.snapshotOfThisThread().minus(run.atStart());
        ExecutionContext context = run.step().getExecutionContext();
        context.putLong(REQUESTS, run.requestsBefore() + sent.requests());
        context.putLong(RETRIES, run.retriesBefore() + sent.retries());
        context.putLong(BYTES_SENT, run.bytesBefore() + sent.bytesSent());
    }
}
