package dev.difyweave.backfill.job;

import java.util.function.Function;

import dev.difyweave.backfill.call.RootKind;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.source.PageSource;
import dev.difyweave.backfill.source.SourceWindow;
import dev.difyweave.backfill.source.TraceRoot;
import dev.difyweave.backfill.trace.AssembledTrace;

/**
 * One root kind of the job (workflow runs, messages, conversations): which rows it reads, how they
 * become calls, and whether a request asks for it. The job's steps and {@code verify} both use it, so
 * what {@code verify} expects is what the job sends.
 *
 * @param <S> the root item, loaded with its children
 */
public interface TraceRoots<S extends TraceRoot> {

    /** The reader's name: the prefix of its checkpoint keys in the step context. */
    String readerName();

    /** The root kind: its table, its step, the trace kinds it serves. */
    RootKind kind();

    /** Whether the request asks for any kind this root serves. */
    default boolean selected(BackfillRequest request) {
        return kind().serves(request.traceKinds());
    }

    /** The window's ready roots, page by page, with their children. */
    PageSource<S> source(SourceWindow window);

    /**
     * Roots per page read from Dify: one chunk's worth by default (a page carries the roots' children).
     * The reader's checkpoint is the last root handed out, so a page may hold more than a chunk.
     */
    default int pageSize(int chunkSize) {
        return chunkSize;
    }

    /** The pure mapper of this root kind for the request (its provenance, content mode, staleness). */
    Function<S, AssembledTrace> mapper(BackfillRequest request);

    /** The step component that runs the mapper: a root whose assembly breaks becomes an "unsent" dead letter. */
    default TraceAssemblyProcessor<S> processor(BackfillRequest request) {
        return new TraceAssemblyProcessor<>(rootTraceKind(), mapper(request));
    }

    /** The kind of the trace's root call (what an assembly failure is counted as). */
    TraceKind rootTraceKind();
}
