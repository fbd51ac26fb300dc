package dev.difyweave.backfill.job;

import java.util.Set;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.call.RootKind;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.source.MessagePageSource;
import dev.difyweave.backfill.source.MessageTraceSource;
import dev.difyweave.backfill.source.SourceWindow;
import dev.difyweave.backfill.storage.PayloadStore;
import dev.difyweave.backfill.trace.AssembledTrace;
import dev.difyweave.backfill.trace.MessageTraceMapper;

/**
 * Messages of every chat-like mode, each the root of its trace: its llm, tool, retrieval and
 * moderation calls, or, for a chatflow, its run's workflow and node calls.
 */
public final class MessageRoots implements TraceRoots<MessageTraceSource> {

    private final JdbcTemplate dify;
    private final PayloadStore payloads;
    private final String filesUrl;

    public MessageRoots(JdbcTemplate dify, PayloadStore payloads, String filesUrl) {
        this.dify = dify;
        this.payloads = payloads;
        this.filesUrl = filesUrl;
    }

    @Override
    public RootKind kind() {
        return RootKind.MESSAGES;
    }

    @Override
    public TraceKind rootTraceKind() {
        return TraceKind.MESSAGE;
    }

    @Override
    public String readerName() {
        return "messages";
    }

    @Override
    public MessagePageSource source(SourceWindow window) {
        return new MessagePageSource(dify, window, payloads);
    }

    @Override
    public Function<MessageTraceSource, AssembledTrace> mapper(BackfillRequest request) {
        MessageTraceMapper mapper = new MessageTraceMapper(request.provenance(), filesUrl, request.staleness());
        Set<TraceKind> kinds = request.traceKinds();
        return source -> mapper.map(source, kinds);
    }

}
