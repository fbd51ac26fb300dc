package dev.difyweave.backfill.job;

import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.call.RootKind;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.source.ConversationPageSource;
import dev.difyweave.backfill.source.ConversationRow;
import dev.difyweave.backfill.source.SourceWindow;
import dev.difyweave.backfill.trace.AssembledTrace;
import dev.difyweave.backfill.trace.ConversationNameMapper;

/** Conversations whose name Dify generated: each a {@code generate_conversation_name} trace (C12). */
public final class ConversationRoots implements TraceRoots<ConversationRow> {

    private final JdbcTemplate dify;

    public ConversationRoots(JdbcTemplate dify) {
        this.dify = dify;
    }

    @Override
    public RootKind kind() {
        return RootKind.CONVERSATIONS;
    }

    @Override
    public TraceKind rootTraceKind() {
        return TraceKind.GENERATE_NAME;
    }

    @Override
    public String readerName() {
        return "conversations";
    }

    @Override
    public ConversationPageSource source(SourceWindow window) {
        return new ConversationPageSource(dify, window);
    }

    @Override
    public Function<ConversationRow, AssembledTrace> mapper(BackfillRequest request) {
        return new ConversationNameMapper(request.provenance())::map;
    }

}
