package dev.difyweave.backfill.source;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The feedback of a page of messages: its ratings ({@code message_feedbacks}) and the annotations linked
 * to it ({@code message_annotations}), each one query for the whole page, with who gave them resolved in
 * the same query (never a query per row).
 */
public final class FeedbackSource {

    private static final DifySql FEEDBACKS = DifySql.load("message-feedbacks");
    private static final DifySql ANNOTATIONS = DifySql.load("message-annotations");

    private final JdbcTemplate dify;

    public FeedbackSource(JdbcTemplate dify) {
        this.dify = dify;
    }

    /** The ratings of these messages, by message, then oldest first. */
    public List<FeedbackRow> feedbackOf(Collection<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return FEEDBACKS.query(dify, Map.of("ids", messageIds), (rs, n) -> new FeedbackRow(uuid(rs, "id"),
                uuid(rs, "app_id"), uuid(rs, "conversation_id"), uuid(rs, "message_id"), rs.getString("rating"),
                rs.getString("content"), rs.getString("from_source"), uuid(rs, "from_end_user_id"),
                uuid(rs, "from_account_id"), rs.getString("creator"), rs.getBoolean("creator_found"),
                time(rs, "created_at"), time(rs, "updated_at")));
    }

    /** The annotations linked to these messages, by message, then oldest first. */
    public List<AnnotationRow> annotationsOf(Collection<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return ANNOTATIONS.query(dify, Map.of("ids", messageIds), (rs, n) -> new AnnotationRow(uuid(rs, "id"),
                uuid(rs, "app_id"), uuid(rs, "conversation_id"), uuid(rs, "message_id"), rs.getString("question"),
                rs.getString("content"), uuid(rs, "account_id"), rs.getString("annotated_by"),
                rs.getBoolean("annotator_found"), time(rs, "created_at"), time(rs, "updated_at")));
    }

    private static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    private static LocalDateTime time(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class);
    }
}
