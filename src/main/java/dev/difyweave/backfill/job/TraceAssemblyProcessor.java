package dev.difyweave.backfill.job;

import java.util.UUID;
import java.util.function.Function;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.difyweave.backfill.trace.AssembledTrace;
import dev.difyweave.backfill.trace.TraceProblem;

/**
 * Runs a pure mapper on each root. A mapper bug on one odd row must not stop the window nor lose the
 * row silently: such a root comes out with no calls and an "unsent" problem the writer records.
 * Every result carries the root's app, which the writer routes by.
 */
public class TraceAssemblyProcessor<S> implements ItemProcessor<S, AssembledTrace> {

    public static final String UNSENT = "(assembly)";

    private final String kind;
    private final Function<S, AssembledTrace> mapper;
    private final Function<S, String> sourceKey;
    private final Function<S, UUID> appId;

    public TraceAssemblyProcessor(String kind, Function<S, AssembledTrace> mapper, Function<S, String> sourceKey,
            Function<S, UUID> appId) {
        this.kind = kind;
        this.mapper = mapper;
        this.sourceKey = sourceKey;
        this.appId = appId;
    }

    @Override
    public AssembledTrace process(S item) {
        UUID app = appId.apply(item);
        try {
            return mapper.apply(item).withAppId(app);
        } catch (RuntimeException e) {
            String key = sourceKey.apply(item);
            int colon = key.indexOf(':');
            return AssembledTrace.failed(kind, key, new TraceProblem(key.substring(0, colon), key.substring(colon + 1),
                    UNSENT, "could not assemble the trace: " + e)).withAppId(app);
        }
    }
}
