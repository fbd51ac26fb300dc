package dev.difyweave.backfill.job;

import dev.difyweave.backfill.call.CallSanitizer;
import dev.difyweave.backfill.call.ContentPolicy;
import dev.difyweave.backfill.state.FailureLedger;
import dev.difyweave.backfill.state.PendingStore;
import dev.difyweave.backfill.weave.TraceSink;

/** Builds the writer of a step: for the window's roots, or for pending roots (which it resolves as it writes them). */
public final class TraceWriters {

    private final TraceSink sink;
    private final CallSanitizer sanitizer;
    private final FailureLedger ledger;
    private final ProjectRoutesLoader routes;
    private final PendingStore pendingStore;

    /** @param sink the step's sink (a step-scoped proxy: each step writes to its own) */
    public TraceWriters(TraceSink sink, CallSanitizer sanitizer, FailureLedger ledger, ProjectRoutesLoader routes,
            PendingStore pendingStore) {
        this.sink = sink;
        this.sanitizer = sanitizer;
        this.ledger = ledger;
        this.routes = routes;
        this.pendingStore = pendingStore;
    }

    public TraceItemWriter window(BackfillRequest request) {
        return writer(request, null);
    }

    /** A writer whose written roots stop being pending, in the chunk's transaction. */
    public TraceItemWriter resolvingPending(BackfillRequest request, String pendingKind) {
        return writer(request, new TraceItemWriter.PendingResolution(pendingStore, request.pendingScope(), pendingKind));
    }

    private TraceItemWriter writer(BackfillRequest request, TraceItemWriter.PendingResolution pending) {
        return new TraceItemWriter(sink, sanitizer, ledger, step -> routes.routes(step, request), pending,
                new ContentPolicy(request.content()));
    }
}
