package dev.difyweave.backfill.source;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/** Pages of conversations with a generated name, each with its first message (one query per page). */
public final class ConversationPageSource implements PageSource<ConversationRow> {

    private static final DifySql CONVERSATIONS = DifySql.load("conversations-page");
    private static final DifySql FIRST_MESSAGES = DifySql.load("first-messages");

    private final JdbcTemplate dify;
    private final SourceWindow window;

    public ConversationPageSource(JdbcTemplate dify, SourceWindow window) {
        this.dify = dify;
        this.window = window;
    }

    private record First(UUID id, String query, LocalDateTime createdAt) {
    }

    @Override
    public Page<ConversationRow> pageAfter(Keyset after, int limit) {
        List<ConversationRow> conversations = CONVERSATIONS.query(dify, WindowParameters.of(window, after, limit),
                (rs, n) -> new ConversationRow(rs.getObject("id", UUID.class), rs.getObject("app_id", UUID.class),
                        rs.getObject("tenant_id", UUID.class), rs.getString("mode"), rs.getString("name"),
                        rs.getObject("created_at", LocalDateTime.class), null, null, null));
        if (conversations.isEmpty()) {
            return Page.empty();
        }
        Map<UUID, First> first = new HashMap<>();
        FIRST_MESSAGES.query(dify, Map.of("ids", conversations.stream().map(ConversationRow::id).toList()), (rs, n) ->
                first.put(rs.getObject("conversation_id", UUID.class), new First(rs.getObject("id", UUID.class),
                        rs.getString("query"), rs.getObject("created_at", LocalDateTime.class))));
        return Page.of(conversations.stream().map(c -> {
            First f = first.get(c.id());
            return f == null ? c : new ConversationRow(c.id(), c.appId(), c.tenantId(), c.mode(), c.name(),
                    c.createdAt(), f.id(), f.query(), f.createdAt());
        }).toList(), this::keyOf);
    }

    @Override
    public Keyset keyOf(ConversationRow item) {
        return new Keyset(item.createdAt(), item.id());
    }
}
