package dev.difyweave.backfill.job;

import java.util.Set;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.source.MessagePageSource;
import dev.difyweave.backfill.source.MessageTraceSource;
import dev.difyweave.backfill.source.SourceWindow;
import dev.difyweave.backfill.storage.PayloadStore;
import dev.difyweave.backfill.trace.AssembledTrace;
import dev.difyweave.backfill.trace.MessageTraceMapper;
import dev.difyweave.backfill.trace.WorkflowTraceMapper;

/**
 * Messages of every chat-like mode, each the root of its trace: its llm, tool, retrieval and
 * moderation calls, or, for a chatflow, its run's workflow and node calls.
 */
public final class MessageRoots implements TraceRoots<MessageTraceSource> {

    /** The kinds a message's trace serves: chatflow workflow calls hang off messages too. */
    public static final Set<String> KINDS = Set.of(MessageTraceMapper.KIND, "tool", "dataset_retrieval",
            "moderation", WorkflowTraceMapper.KIND);

    private final JdbcTemplate dify;
    private final PayloadStore payloads;
    private final String filesUrl;

    public MessageRoots(JdbcTemplate dify, PayloadStore payloads, String filesUrl) {
        this.dify = dify;
        this.payloads = payloads;
        this.filesUrl = filesUrl;
    }

    @Override
    public String readerName() {
        return "messages";
    }

    @Override
    public boolean selected(BackfillRequest request) {
        return request.kinds().stream().anyMatch(KINDS::contains);
    }

    @Override
    public MessagePageSource source(SourceWindow window) {
        return new MessagePageSource(dify, window, payloads);
    }

    @Override
    public Function<MessageTraceSource, AssembledTrace> mapper(BackfillRequest request) {
        MessageTraceMapper mapper = new MessageTraceMapper(request.provenance(), filesUrl, request.staleness());
        Set<String> kinds = Set.copyOf(request.kinds());
        return source -> mapper.map(source, kinds);
    }

    @Override
    public TraceAssemblyProcessor<MessageTraceSource> processor(BackfillRequest request) {
        return new TraceAssemblyProcessor<>(MessageTraceMapper.KIND, mapper(request),
                s -> "messages:" + s.message().id(), s -> s.message().appId());
    }
}
