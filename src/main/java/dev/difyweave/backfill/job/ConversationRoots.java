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

    /**
     * Conversations have no {@code (created_at, id)} index in Dify, so every page scans the table
     * ({@code sql/dify/conversations-page.sql}); their rows are small and have no children, so pages are
     * big: 25,000 conversations took 92 pages of 15 ms of PostgreSQL each with pages of 100.
     */
    static final int MIN_PAGE_SIZE = 1000;

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
    public int pageSize(int chunkSize) {
        return Math.max(chunkSize, MIN_PAGE_SIZE);
    }

    @Override
    public Function<ConversationRow, AssembledTrace> mapper(BackfillRequest request) {
        return new ConversationNameMapper(request.provenance())::map;
    }

}
