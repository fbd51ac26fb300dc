package dev.difyweave.backfill.job;

import java.util.Map;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.transaction.PlatformTransactionManager;

import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.partition.PartitionRange;
import dev.difyweave.backfill.source.Keyset;
import dev.difyweave.backfill.source.KeysetItemReader;
import dev.difyweave.backfill.source.PageSource;
import dev.difyweave.backfill.source.PendingPageSource;
import dev.difyweave.backfill.source.RootLoader;
import dev.difyweave.backfill.source.RowRate;
import dev.difyweave.backfill.source.SourceWindow;
import dev.difyweave.backfill.source.TraceRoot;
import dev.difyweave.backfill.state.PendingStore;
import dev.difyweave.backfill.trace.AssembledTrace;

/**
 * What the three root kinds' step configurations share: the chunk step (read; assemble and prepare each
 * root's calls for sending; write; one chunk = one checkpoint), the reader of one partition of the window,
 * and the reader of the pending roots left by earlier windows. Wiring only.
 */
public final class TraceSteps {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final int chunkSize;
    /** One for the process: every reader of every partition shares the rate. */
    private final RowRate rowRate;

    public TraceSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            BackfillSettings settings) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.chunkSize = settings.tuning().chunkSize();
        this.rowRate = RowRate.of(settings.tuning().maxRowsPerSecond());
    }

    /** How fast the readers may read Dify's root rows ({@code --max-rows-per-second}). */
    public RowRate rowRate() {
        return rowRate;
    }

    public <S extends TraceRoot> Step chunkStep(String name, KeysetItemReader<S> reader, TraceAssemblyProcessor<S> processor,
            TraceItemWriter writer) {
        StepBoundItems<S> items = new StepBoundItems<>(reader, processor, writer);
        return new StepBuilder(name, jobRepository)
                .<S, AssembledTrace>chunk(chunkSize)
                .transactionManager(transactionManager)
                .reader(items)
                .processor(items)
                .writer(writer)
                .listener(writer)
                .build();
    }

    /**
     * A keyset reader over one partition of the request's window (its bounds are in the partition's step
     * execution context), or over nothing for an empty partition (the partitioner makes only empty ones
     * for a root kind not asked for).
     */
    public <S extends TraceRoot> KeysetItemReader<S> partitionReader(TraceRoots<S> roots, BackfillRequest request,
            Map<String, Object> partition) {
        String name = roots.readerName();
        PartitionRange range = PartitionRange.fromContext(name, partition);
        if (range == null) {
            throw new IllegalStateException(name + ": a windowed reader runs only in a partition, its context has no bounds");
        }
        SourceWindow window = range.window(request.window());
        return window == null ? new KeysetItemReader<>(name, PageSource.nothing(), chunkSize, Keyset.FIRST)
                : new KeysetItemReader<>(name, roots.source(window), roots.pageSize(chunkSize), Keyset.before(window.from()),
                        rowRate);
    }

    /**
     * A reader over the pending roots of one kind of the request's pending scope that are finished (or
     * stale) now, loaded from Dify with their children.
     */
    public <S extends TraceRoot, L extends PageSource<S> & RootLoader<S>> KeysetItemReader<S> pendingReader(String name,
            TraceRoots<S> roots, L loader, String pendingKind, BackfillRequest request, PendingStore pendingStore) {
        PageSource<S> source = PageSource.nothing();
        if (roots.selected(request)) {
            source = new PendingPageSource<>((after, limit) -> pendingStore.pageAfter(request.pendingScope(),
                    pendingKind, after, limit), loader, loader);
        }
        return new KeysetItemReader<>(name, source, chunkSize, Keyset.FIRST, rowRate);
    }
}
