package dev.difyweave.backfill.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.RowMapper;

import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/** {@code message-feedbacks.sql} and {@code message-annotations.sql} on Dify's schema. */
class FeedbackSourceTest {

    static final UUID APP = UUID.randomUUID();
    static final UUID TENANT = UUID.randomUUID();
    static final UUID M1 = UUID.fromString("00000000-0000-4000-8000-000000000001");
    static final UUID M2 = UUID.fromString("00000000-0000-4000-8000-000000000002");
    static final UUID OTHER = UUID.fromString("00000000-0000-4000-8000-000000000003");
    static final UUID SESSION_USER = UUID.randomUUID();
    static final UUID BLANK_SESSION_USER = UUID.randomUUID();
    static final UUID GONE_USER = UUID.randomUUID();
    static final UUID NAMED = UUID.randomUUID();
    static final UUID UNNAMED = UUID.randomUUID();
    static final UUID GONE_ACCOUNT = UUID.randomUUID();

    static TestDatabase db;
    static JdbcTemplate admin;

    @BeforeAll
    static void createRows() {
        db = TestDatabases.createDifyDatabase();
        admin = new JdbcTemplate(db.dataSource());
        admin.update("INSERT INTO end_users (id, tenant_id, app_id, type, session_id) VALUES (?, ?, ?, 'browser', "
                + "'web-session-7'), (?, ?, ?, 'service-api', '')", SESSION_USER, TENANT, APP, BLANK_SESSION_USER, TENANT,
                APP);
        admin.update("INSERT INTO accounts (id, name, email) VALUES (?, 'Ada Operator', 'ada@example.com'), "
                + "(?, '', 'grace@example.com')", NAMED, UNNAMED);
        feedback("10", M1, "like", "Great", "user", SESSION_USER, null, "2025-01-01 10:00:00");
        feedback("11", M1, "dislike", null, "admin", null, NAMED, "2025-01-01 10:01:00");
        feedback("12", M2, "like", "", "admin", null, UNNAMED, "2025-01-01 10:02:00");
        feedback("13", M2, "dislike", "?", "user", BLANK_SESSION_USER, null, "2025-01-01 10:03:00");
        feedback("14", M2, "like", null, "user", GONE_USER, null, "2025-01-01 10:04:00");
        feedback("15", M2, "like", null, "admin", null, GONE_ACCOUNT, "2025-01-01 10:05:00");
        feedback("16", OTHER, "like", null, "user", SESSION_USER, null, "2025-01-01 10:06:00");
        annotation("20", M1, "Opening hours?", "9 to 5", NAMED);
        annotation("21", M2, null, "Answer without a question", GONE_ACCOUNT);
        annotation("22", null, "Imported", "No message", NAMED);
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    static UUID id(String n) {
        return UUID.fromString("00000000-0000-4000-8000-0000000000" + n);
    }

    static void feedback(String n, UUID message, String rating, String content, String source, UUID endUser,
            UUID account, String at) {
        admin.update("INSERT INTO message_feedbacks (id, app_id, conversation_id, message_id, rating, content, "
                + "from_source, from_end_user_id, from_account_id, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamp, ?::timestamp)", id(n), APP, UUID.randomUUID(), message,
                rating, content, source, endUser, account, at, at);
    }

    static void annotation(String n, UUID message, String question, String content, UUID account) {
        admin.update("INSERT INTO message_annotations (id, app_id, message_id, question, content, account_id) "
                + "VALUES (?, ?, ?, ?, ?, ?)", id(n), APP, message, question, content, account);
    }

    /** Counts the queries a source sends. */
    static final class CountingJdbc extends JdbcTemplate {

        final AtomicInteger queries = new AtomicInteger();

        CountingJdbc(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        public <T> List<T> query(PreparedStatementCreator creator, RowMapper<T> mapper) {
            queries.incrementAndGet();
            return super.query(creator, mapper);
        }
    }

    @Test
    void ratingsOfAPageComeInOneQueryWithWhoGaveThemAsDifyShowsIt() {
        CountingJdbc jdbc = new CountingJdbc(db.dataSource());

        List<FeedbackRow> rows = new FeedbackSource(jdbc).feedbackOf(List.of(M1, M2));

        assertThat(jdbc.queries).hasValue(1);
        assertThat(rows).extracting(FeedbackRow::id, FeedbackRow::messageId, FeedbackRow::rating, FeedbackRow::content,
                FeedbackRow::creator, FeedbackRow::creatorFound).containsExactly(
                        tuple(id("10"), M1, "like", "Great", "web-session-7", true),
                        tuple(id("11"), M1, "dislike", null, "Ada Operator", true),
                        tuple(id("12"), M2, "like", "", "grace@example.com", true),
                        tuple(id("13"), M2, "dislike", "?", BLANK_SESSION_USER.toString(), true),
                        tuple(id("14"), M2, "like", null, GONE_USER.toString(), false),
                        tuple(id("15"), M2, "like", null, GONE_ACCOUNT.toString(), false));
        FeedbackRow first = rows.get(0);
        assertThat(first.appId()).isEqualTo(APP);
        assertThat(first.fromSource()).isEqualTo("user");
        assertThat(first.fromEndUserId()).isEqualTo(SESSION_USER);
        assertThat(first.createdAt()).hasToString("2025-01-01T10:00");
        assertThat(first.updatedAt()).hasToString("2025-01-01T10:00");
    }

    @Test
    void annotationsLinkedToAPageComeInOneQueryWithTheirAnnotator() {
        CountingJdbc jdbc = new CountingJdbc(db.dataSource());

        List<AnnotationRow> rows = new FeedbackSource(jdbc).annotationsOf(List.of(M1, M2));

        assertThat(jdbc.queries).hasValue(1);
        assertThat(rows).extracting(AnnotationRow::id, AnnotationRow::messageId, AnnotationRow::question,
                AnnotationRow::content, AnnotationRow::annotatedBy, AnnotationRow::annotatorFound).containsExactly(
                        tuple(id("20"), M1, "Opening hours?", "9 to 5", "Ada Operator", true),
                        tuple(id("21"), M2, null, "Answer without a question", GONE_ACCOUNT.toString(), false));
        assertThat(rows.get(0).accountId()).isEqualTo(NAMED);
        assertThat(rows.get(0).updatedAt()).isNotNull();
    }

    @Test
    void anEmptyPageSendsNoQuery() {
        CountingJdbc jdbc = new CountingJdbc(db.dataSource());

        assertThat(new FeedbackSource(jdbc).feedbackOf(List.of())).isEmpty();
        assertThat(new FeedbackSource(jdbc).annotationsOf(List.of())).isEmpty();
        assertThat(jdbc.queries).hasValue(0);
    }
}
