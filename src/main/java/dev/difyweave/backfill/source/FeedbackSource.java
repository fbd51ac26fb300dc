package dev.difyweave.backfill.source;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private static final DifySql MESSAGES_PAGE = DifySql.load("feedback-messages-page");
    private static final DifySql MESSAGES_FEW = DifySql.load("feedback-messages-few");
    private static final DifySql FEEDBACKS_EXISTING = DifySql.load("message-feedbacks-existing");
    private static final DifySql ANNOTATIONS_EXISTING = DifySql.load("message-annotations-existing");
    private static final DifySql ANNOTATIONS_UNLINKED = DifySql.load("annotations-unlinked");
    private static final DifySql APPS_OF_TENANTS = DifySql.load("apps-of-tenants");

    /** Before every message id in PostgreSQL's uuid order: where a scan of messages starts. */
    public static final UUID FIRST = new UUID(0, 0);

    /**
     * A page of {@link #messagesAfter}: the messages the window sends feedback for, and the last id
     * looked at (where the next page starts), {@code null} when there was nothing left.
     */
    public record MessagePage(List<Keyset> wanted, UUID last) {
    }

    /** An annotation without a message: reported, never sent. */
    public record UnlinkedAnnotation(UUID id, UUID appId) {
    }

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

    /**
     * The next {@code limit} messages with feedback after {@code after} ({@link #FIRST} to begin), in
     * message id order, and of them those whose feedback the window sends: created in the window and,
     * when {@code changed} (a sync), of any age with feedback created or changed in the window.
     */
    public MessagePage messagesAfter(SourceWindow window, boolean changed, UUID after, int limit) {
        return messagesAfter(window, changed, after, limit, limit);
    }

    /**
     * {@link #messagesAfter(SourceWindow, boolean, UUID, int)}, ending early at the {@code maxWanted}-th wanted
     * message (then the page's {@code last}, so the next page starts after it).
     */
    public MessagePage messagesAfter(SourceWindow window, boolean changed, UUID after, int limit, int maxWanted) {
        List<Keyset> wanted = new ArrayList<>();
        UUID[] last = {null};
        MESSAGES_PAGE.query(dify, Map.of("after", after, "app_ids", window.appIds(), "tenant_ids",
                window.tenantIds(), "from", window.from(), "to", window.to(), "changed", changed, "limit", limit),
                (rs, n) -> {
                    if (wanted.size() == maxWanted) {
                        return null;
                    }
                    last[0] = uuid(rs, "id");
                    if (rs.getBoolean("wanted")) {
                        wanted.add(new Keyset(time(rs, "created_at"), last[0]));
                    }
                    return null;
                });
        return new MessagePage(wanted, last[0]);
    }

    /**
     * The messages {@link #messagesAfter} would find wanted, all at once when there are at most {@code limit}
     * of them (a quiet sync, a short window), in message id order (an empty list: none); {@link Optional#empty()}
     * when there may be more: then walk them with {@link #messagesAfter}. One query instead of a walk over every
     * message with feedback.
     */
    public Optional<List<Keyset>> fewWanted(SourceWindow window, boolean changed, int limit) {
        Map<UUID, Keyset> wanted = new HashMap<>();
        int[] rows = {0};
        MESSAGES_FEW.query(dify, Map.of("app_ids", window.appIds(), "tenant_ids", window.tenantIds(), "from",
                window.from(), "to", window.to(), "changed", changed, "limit", limit + 1), (rs, n) -> {
                    rows[0]++;
                    UUID id = uuid(rs, "id");
                    wanted.putIfAbsent(id, new Keyset(time(rs, "created_at"), id));
                    return null;
                });
        if (rows[0] > limit) {
            return Optional.empty();
        }
        List<Keyset> messages = new ArrayList<>(wanted.values());
        messages.sort(Comparator.comparing(Keyset::id, Keyset.UUID_ORDER));
        return Optional.of(messages);
    }

    /** Which of these ratings still exist. */
    public Set<UUID> existingFeedback(Collection<UUID> ids) {
        return ids.isEmpty() ? Set.of() : new HashSet<>(FEEDBACKS_EXISTING.query(dify, Map.of("ids", ids),
                (rs, n) -> uuid(rs, "id")));
    }

    /** Which of these annotations still exist, linked to a message. */
    public Set<UUID> existingAnnotations(Collection<UUID> ids) {
        return ids.isEmpty() ? Set.of() : new HashSet<>(ANNOTATIONS_EXISTING.query(dify, Map.of("ids", ids),
                (rs, n) -> uuid(rs, "id")));
    }

    /** The annotations without a message created or changed in the window. */
    public List<UnlinkedAnnotation> unlinkedAnnotations(SourceWindow window) {
        return ANNOTATIONS_UNLINKED.query(dify, Map.of("app_ids", window.appIds(), "tenant_ids", window.tenantIds(),
                "from", window.from(), "to", window.to()), (rs, n) -> new UnlinkedAnnotation(uuid(rs, "id"),
                        uuid(rs, "app_id")));
    }

    /** The apps of these workspaces. */
    public Set<UUID> appsOfTenants(Collection<UUID> tenantIds) {
        return new HashSet<>(APPS_OF_TENANTS.query(dify, Map.of("tenant_ids", tenantIds), (rs, n) -> uuid(rs, "id")));
    }

    private static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    private static LocalDateTime time(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class);
    }
}
