package dev.difyweave.backfill.job;

import java.util.function.Function;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.difyweave.backfill.call.SourceKey;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.source.TraceRoot;
import dev.difyweave.backfill.trace.AssembledTrace;
import dev.difyweave.backfill.trace.TraceProblem;

/**
 * Runs a pure mapper on each root. A mapper bug on one odd row must not stop the window nor lose the
 * row silently: such a root comes out as a trace of {@code kind} with the root's key and app, no calls
 * and an "unsent" problem the writer records.
 */
public class TraceAssemblyProcessor<S extends TraceRoot> implements ItemProcessor<S, AssembledTrace> {

    public static final String UNSENT = "(assembly)";

    private final TraceKind kind;
    private final Function<S, AssembledTrace> mapper;

    public TraceAssemblyProcessor(TraceKind kind, Function<S, AssembledTrace> mapper) {
        this.kind = kind;
        this.mapper = mapper;
    }

    @Override
    public AssembledTrace process(S root) {
        try {
            return mapper.apply(root);
        } catch (RuntimeException e) {
            SourceKey key = root.sourceKey();
            return AssembledTrace.failed(kind, root, new TraceProblem(key.table(), key.id().toString(), UNSENT,
                    "could not assemble the trace: " + e));
        }
    }
}
