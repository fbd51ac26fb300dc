package dev.difyweave.demo.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;
import dev.difyweave.demo.generator.DifyDataGenerator.Spec;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The feedback tables the generator writes ({@code message_feedbacks}, {@code message_annotations}):
 * they point at rows that exist, hold every kind a feedback backfill has to handle, and come from their
 * own random stream (same seed, same ids; without feedback every other row is the same).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageFeedbackGeneratorTest {

    /** Two workspaces with two chat apps each and every other message-side mode; no workflow apps. */
    private final Spec spec = Spec.small().toBuilder().tenants(2).chatAppsPerTenant(2).workflowAppsPerTenant(0)
            .build();
    private final List<TestDatabase> databases = new ArrayList<>();
    private GenerationResult result;
    private JdbcTemplate jdbc;

    @BeforeAll
    void generate() {
        TestDatabase db = newDatabase();
        result = new DifyDataGenerator().generate(db.dataSource(), spec);
        jdbc = new JdbcTemplate(db.dataSource());
    }

    @AfterAll
    void dropDatabases() {
        databases.forEach(TestDatabase::close);
    }

    @Test
    void countsAndRecordsMatchTheTables() {
        assertThat(result.feedbackCount()).isEqualTo(count("SELECT count(*) FROM message_feedbacks"))
                .isEqualTo(result.feedbacks().size());
        assertThat(result.annotationCount()).isEqualTo(count("SELECT count(*) FROM message_annotations"))
                .isEqualTo(result.annotations().size());
        assertThat(result.linkedAnnotationCount())
                .isEqualTo(count("SELECT count(*) FROM message_annotations WHERE message_id IS NOT NULL"))
                .isEqualTo(result.annotations().stream().filter(GeneratedAnnotation::linked).count());
        assertThat(result.feedbacks()).extracting(GeneratedFeedback::id).doesNotHaveDuplicates();

        // roughly one message in six is rated, one in 25 annotated (every app has at least one rating)
        long messages = result.messageCount();
        long rated = count("SELECT count(DISTINCT message_id) FROM message_feedbacks");
        assertThat(rated).isBetween(messages / 12, messages / 3);
        assertThat(result.linkedAnnotationCount()).isBetween(2L, messages / 8);
        assertThat(count("SELECT count(DISTINCT app_id) FROM message_feedbacks")).isEqualTo(result.chatAppCount());
    }

    @Test
    void feedbackPointsAtExistingMessagesUsersAndAccounts() {
        assertThat(count("""
                SELECT count(*) FROM message_feedbacks f
                JOIN messages m ON m.id = f.message_id AND m.app_id = f.app_id AND m.conversation_id = f.conversation_id
                """)).isEqualTo(result.feedbackCount());
        // a user's rating comes from the conversation's end user, of the same app
        assertThat(count("""
                SELECT count(*) FROM message_feedbacks f
                JOIN conversations c ON c.id = f.conversation_id AND c.from_end_user_id = f.from_end_user_id
                JOIN end_users u ON u.id = f.from_end_user_id AND u.app_id = f.app_id
                WHERE f.from_source = 'user' AND f.from_account_id IS NULL
                """)).isEqualTo(count("SELECT count(*) FROM message_feedbacks WHERE from_source = 'user'"));
        // an admin's rating comes from an account of the app's workspace
        assertThat(count("""
                SELECT count(*) FROM message_feedbacks f
                JOIN apps a ON a.id = f.app_id
                JOIN accounts ac ON ac.id = f.from_account_id
                JOIN tenant_account_joins j ON j.account_id = ac.id AND j.tenant_id = a.tenant_id
                WHERE f.from_source = 'admin' AND f.from_end_user_id IS NULL
                """)).isEqualTo(count("SELECT count(*) FROM message_feedbacks WHERE from_source = 'admin'"));
        assertThat(distinct("SELECT DISTINCT from_source FROM message_feedbacks"))
                .containsExactlyInAnyOrder("user", "admin");
        assertThat(distinct("SELECT DISTINCT rating FROM message_feedbacks")).containsExactlyInAnyOrder("like", "dislike");
        // Dify keeps one user and one admin rating per message; some messages have both
        assertThat(count("SELECT count(*) FROM (SELECT 1 FROM message_feedbacks GROUP BY message_id, from_source"
                + " HAVING count(*) > 1) d")).isZero();
        assertThat(count("SELECT count(*) FROM (SELECT 1 FROM message_feedbacks GROUP BY message_id"
                + " HAVING count(*) = 2) d")).isPositive();

        // each workspace has every kind
        for (GeneratedTenant tenant : result.tenants()) {
            List<GeneratedFeedback> own = result.feedbacks().stream()
                    .filter(f -> appsOf(tenant).contains(f.appId())).toList();
            assertThat(own).extracting(GeneratedFeedback::rating).contains("like", "dislike");
            assertThat(own).extracting(GeneratedFeedback::fromSource).contains("user", "admin");
            assertThat(own).filteredOn(GeneratedFeedback::fromUser).extracting(GeneratedFeedback::creator)
                    .allSatisfy(creator -> assertThat(creator).isNotBlank());
            assertThat(own).filteredOn(f -> !f.fromUser()).extracting(GeneratedFeedback::fromAccountId)
                    .allSatisfy(account -> assertThat(tenant.accountIds()).contains(account));
        }
    }

    @Test
    void feedbackComesAfterItsMessageAndChangedRatingsLater() {
        assertThat(count("""
                SELECT count(*) FROM message_feedbacks f JOIN messages m ON m.id = f.message_id
                WHERE f.created_at <= m.created_at OR f.updated_at < f.created_at
                   OR f.created_at > m.created_at + interval '5 days'
                """)).isZero();
        LocalDateTime latest = LocalDateTime.ofInstant(spec.end(), ZoneOffset.UTC).plusDays(30);
        assertThat(result.feedbacks()).allSatisfy(f -> assertThat(f.updatedAt()).isBeforeOrEqualTo(latest));
        assertThat(result.annotations()).allSatisfy(a -> assertThat(a.updatedAt()).isBeforeOrEqualTo(latest));
        assertThat(count("SELECT count(*) FROM message_feedbacks WHERE updated_at > created_at")).isPositive();
        assertThat(count("SELECT count(*) FROM message_feedbacks WHERE updated_at = created_at")).isPositive();
        // read back as text: the same naive UTC times the records hold
        Map<String, String> stored = jdbc.queryForList("SELECT id::text AS id, created_at::text AS t FROM message_feedbacks")
                .stream().collect(Collectors.toMap(r -> (String) r.get("id"), r -> (String) r.get("t")));
        for (GeneratedFeedback f : result.feedbacks()) {
            assertThat(LocalDateTime.parse(stored.get(f.id().toString()).replace(' ', 'T'))).isEqualTo(f.createdAt());
        }
    }

    @Test
    void commentsAreMixedAndOneIsLongerThanAWeaveNote() {
        long withContent = count("SELECT count(*) FROM message_feedbacks WHERE content IS NOT NULL");
        assertThat(withContent).isPositive().isLessThan(result.feedbackCount());
        // PostgreSQL counts characters (code points) of UTF-8 text
        assertThat(count("SELECT count(*) FROM message_feedbacks WHERE char_length(content) > 1024"))
                .isEqualTo(spec.tenants());
        for (GeneratedTenant tenant : result.tenants()) {
            GeneratedChatApp firstChat = result.chatApps().stream()
                    .filter(a -> a.tenantId().equals(tenant.id()) && a.mode().equals("chat")).findFirst().orElseThrow();
            GeneratedFeedback first = result.feedbacks().stream().filter(f -> f.appId().equals(firstChat.id()))
                    .findFirst().orElseThrow();
            assertThat(first.contentCodePoints()).isEqualTo(FeedbackTexts.LONG_COMMENT_CODE_POINTS).isGreaterThan(1024);
            assertThat(first.content().codePoints().filter(c -> c > 0xFFFF).count()).as("astral emoji").isPositive();
            assertThat(first.content().length()).isGreaterThan(first.contentCodePoints());
            assertThat(first.like()).isTrue();
        }
        List<String> contents = result.feedbacks().stream().filter(GeneratedFeedback::hasContent)
                .map(GeneratedFeedback::content).toList();
        assertThat(contents).anySatisfy(c -> assertThat(c).matches("[\\x20-\\x7E]+"));
        assertThat(contents).anySatisfy(c -> assertThat(c.codePoints().anyMatch(
                cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
                        || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL
                        || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HIRAGANA)).isTrue());
        assertThat(contents).filteredOn(c -> c.length() < 100)
                .anySatisfy(c -> assertThat(c.codePoints().anyMatch(cp -> cp > 0xFFFF)).isTrue());
    }

    @Test
    void annotationsAnswerMessagesOrWereImported() {
        assertThat(count("""
                SELECT count(*) FROM message_annotations a
                JOIN messages m ON m.id = a.message_id AND m.conversation_id = a.conversation_id AND m.app_id = a.app_id
                WHERE a.question = CASE WHEN m.query = '' THEN m.inputs->>'query' ELSE m.query END
                  AND a.created_at > m.created_at AND a.updated_at >= a.created_at AND a.content <> ''
                """)).isEqualTo(result.linkedAnnotationCount());
        assertThat(count("""
                SELECT count(*) FROM message_annotations n
                JOIN apps a ON a.id = n.app_id
                JOIN tenant_account_joins j ON j.account_id = n.account_id AND j.tenant_id = a.tenant_id
                """)).isEqualTo(result.annotationCount());

        // one imported annotation (no message, no conversation) per chat app, with a question and an answer
        Map<String, Long> importedPerApp = new TreeMap<>();
        jdbc.queryForList("""
                SELECT a.id::text AS app, a.mode, count(n.id) AS n FROM apps a
                LEFT JOIN message_annotations n ON n.app_id = a.id AND n.message_id IS NULL
                     AND n.conversation_id IS NULL AND n.question <> '' AND n.content <> ''
                GROUP BY a.id, a.mode
                """).forEach(r -> importedPerApp.put(r.get("mode") + " " + r.get("app"), ((Number) r.get("n")).longValue()));
        assertThat(importedPerApp).hasSize((int) result.chatAppCount());
        importedPerApp.forEach((app, n) -> assertThat(n).as(app).isEqualTo(app.startsWith("chat ") ? 1L : 0L));
        assertThat(count("SELECT count(*) FROM message_annotations WHERE message_id IS NULL"))
                .isEqualTo(2L * spec.tenants());

        // each workspace has an annotated advanced-chat message
        assertThat(count("""
                SELECT count(DISTINCT a.tenant_id) FROM message_annotations n
                JOIN messages m ON m.id = n.message_id JOIN apps a ON a.id = m.app_id
                WHERE a.mode = 'advanced-chat'
                """)).isEqualTo(spec.tenants());
    }

    @Test
    void sameSeedSameFeedback_andWithoutFeedbackEverythingElseIsTheSame() {
        TestDatabase again = newDatabase();
        GenerationResult repeated = new DifyDataGenerator().generate(again.dataSource(), spec);
        JdbcTemplate againJdbc = new JdbcTemplate(again.dataSource());
        String feedback = "SELECT id::text || ' ' || message_id::text || ' ' || rating || ' ' || from_source || ' '"
                + " || coalesce(md5(content), '-') || ' ' || created_at::text || ' ' || updated_at::text"
                + " FROM message_feedbacks ORDER BY id";
        String annotations = "SELECT id::text || ' ' || coalesce(message_id::text, '-') || ' ' || md5(question || content)"
                + " || ' ' || account_id::text || ' ' || updated_at::text FROM message_annotations ORDER BY id";
        assertThat(againJdbc.queryForList(feedback, String.class)).isEqualTo(jdbc.queryForList(feedback, String.class))
                .isNotEmpty();
        assertThat(againJdbc.queryForList(annotations, String.class))
                .isEqualTo(jdbc.queryForList(annotations, String.class)).isNotEmpty();
        assertThat(repeated.feedbacks()).isEqualTo(result.feedbacks());
        assertThat(repeated.annotations()).isEqualTo(result.annotations());

        TestDatabase without = newDatabase();
        GenerationResult noFeedback = new DifyDataGenerator().generate(without.dataSource(),
                spec.toBuilder().feedback(false).build());
        assertThat(noFeedback.feedbackCount()).isZero();
        assertThat(noFeedback.annotationCount()).isZero();
        assertThat(noFeedback.feedbacks()).isEmpty();
        Map<String, Long> otherTables = new TreeMap<>(result.rowCounts());
        otherTables.keySet().removeAll(Set.of("message_feedbacks", "message_annotations"));
        assertThat(noFeedback.rowCounts()).containsAllEntriesOf(otherTables);
        assertThat(noFeedback.messages()).isEqualTo(result.messages());
        assertThat(noFeedback.conversations()).isEqualTo(result.conversations());
        String messages = "SELECT id::text || ' ' || updated_at::text || ' ' || md5(query || answer) FROM messages ORDER BY id";
        assertThat(new JdbcTemplate(without.dataSource()).queryForList(messages, String.class))
                .isEqualTo(jdbc.queryForList(messages, String.class));

        GenerationResult otherSeed = new DifyDataGenerator().generate(newDatabase().dataSource(),
                spec.toBuilder().seed(spec.seed() + 1).build());
        assertThat(otherSeed.feedbacks()).extracting(GeneratedFeedback::id)
                .doesNotContainAnyElementsOf(result.feedbacks().stream().map(GeneratedFeedback::id).toList());
    }

    private Set<UUID> appsOf(GeneratedTenant tenant) {
        return result.chatApps().stream().filter(a -> a.tenantId().equals(tenant.id())).map(GeneratedChatApp::id)
                .collect(Collectors.toSet());
    }

    private TestDatabase newDatabase() {
        TestDatabase db = TestDatabases.createDifyDatabase();
        databases.add(db);
        return db;
    }

    private long count(String sql) {
        Long value = jdbc.queryForObject(sql, Long.class);
        return value == null ? 0 : value;
    }

    private List<String> distinct(String sql) {
        return jdbc.queryForList(sql, String.class);
    }
}
