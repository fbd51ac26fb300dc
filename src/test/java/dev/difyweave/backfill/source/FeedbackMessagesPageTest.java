package dev.difyweave.backfill.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/**
 * {@code feedback-messages-page.sql}: which messages a window sends feedback for, page by page in message
 * id order, whatever the page size: messages created in the window; for a sync, also older ones whose
 * feedback changed in the window; never a message filtered out, gone, or without feedback.
 */
class FeedbackMessagesPageTest {

    static final UUID TENANT = UUID.randomUUID();
    static final UUID OTHER_TENANT = UUID.randomUUID();
    static final UUID APP = UUID.randomUUID();
    static final UUID OTHER_APP = UUID.randomUUID();
    static final LocalDateTime FROM = LocalDateTime.of(2025, 3, 1, 0, 0);
    static final LocalDateTime TO = LocalDateTime.of(2025, 3, 2, 0, 0);

    static TestDatabase db;
    static JdbcTemplate admin;
    static FeedbackSource source;
    static final List<UUID> IN_WINDOW = new ArrayList<>();
    static final List<UUID> OLD_CHANGED = new ArrayList<>();
    static final List<UUID> OLD_UNCHANGED = new ArrayList<>();
    static UUID otherTenantsMessage;
    static UUID annotatedOnly;

    @BeforeAll
    static void createRows() {
        db = TestDatabases.createDifyDatabase();
        admin = new JdbcTemplate(db.dataSource());
        app(APP, TENANT);
        app(OTHER_APP, OTHER_TENANT);
        for (int i = 0; i < 7; i++) {
            UUID m = message(APP, FROM.plusHours(i + 1));
            rating(m, FROM.plusHours(i + 2), FROM.plusHours(i + 2));
            rating(m, FROM.plusHours(i + 3), FROM.plusHours(i + 3)); // a second row on the same message
            IN_WINDOW.add(m);
        }
        for (int i = 0; i < 5; i++) {
            UUID m = message(APP, FROM.minusDays(30 + i));
            rating(m, FROM.minusDays(29), FROM.plusMinutes(5 + i)); // changed in the window
            OLD_CHANGED.add(m);
            UUID u = message(APP, FROM.minusDays(40 + i));
            rating(u, FROM.minusDays(39), FROM.minusDays(39));
            OLD_UNCHANGED.add(u);
        }
        annotatedOnly = message(APP, FROM.plusHours(10));
        admin.update("INSERT INTO message_annotations (id, app_id, conversation_id, message_id, question, content, "
                + "account_id) VALUES (?, ?, ?, ?, 'q', 'a', ?)", UUID.randomUUID(), APP, UUID.randomUUID(), annotatedOnly,
                UUID.randomUUID());
        IN_WINDOW.add(annotatedOnly);
        otherTenantsMessage = message(OTHER_APP, FROM.plusHours(3));
        rating(otherTenantsMessage, FROM.plusHours(4), FROM.plusHours(4));
        rating(UUID.randomUUID(), FROM.plusHours(4), FROM.plusHours(4)); // its message is gone
        message(APP, FROM.plusHours(5)); // no feedback
        source = new FeedbackSource(admin);
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aMigrateGetsTheWindowsMessagesWithFeedbackWhateverThePageSize() {
        SourceWindow window = new SourceWindow(FROM, TO, List.of(), List.of(TENANT));
        for (int pageSize : List.of(1, 2, 3, 100)) {
            assertThat(all(window, false, pageSize)).as("page size %d", pageSize)
                    .containsExactlyInAnyOrderElementsOf(IN_WINDOW);
        }
    }

    @Test
    void aSyncAlsoGetsOlderMessagesWhoseFeedbackChangedInTheWindow() {
        SourceWindow window = new SourceWindow(FROM, TO, List.of(APP), List.of());
        List<UUID> expected = new ArrayList<>(IN_WINDOW);
        expected.addAll(OLD_CHANGED);
        for (int pageSize : List.of(1, 4, 100)) {
            assertThat(all(window, true, pageSize)).as("page size %d", pageSize)
                    .containsExactlyInAnyOrderElementsOf(expected).doesNotContainAnyElementsOf(OLD_UNCHANGED)
                    .doesNotContain(otherTenantsMessage);
        }
    }

    @Test
    void aPageThatLooksFurtherAheadEndsAtItsLastWantedMessageAndTheNextGoesOnFromThere() {
        SourceWindow window = new SourceWindow(FROM, TO, List.of(APP), List.of());
        List<UUID> expected = all(window, true, 100);
        for (int maxWanted : List.of(1, 2, 5)) {
            List<UUID> ids = new ArrayList<>();
            UUID after = FeedbackSource.FIRST;
            for (FeedbackSource.MessagePage page = source.messagesAfter(window, true, after, 100, maxWanted);
                    page.last() != null; page = source.messagesAfter(window, true, after, 100, maxWanted)) {
                assertThat(page.wanted()).hasSizeLessThanOrEqualTo(maxWanted);
                if (page.wanted().size() == maxWanted) {
                    assertThat(page.last()).as("a full page ends at its last wanted message")
                            .isEqualTo(page.wanted().get(maxWanted - 1).id());
                }
                page.wanted().forEach(k -> ids.add(k.id()));
                after = page.last();
            }
            assertThat(ids).as("at most %d wanted a page", maxWanted).isEqualTo(expected);
        }
    }

    @Test
    void pagesFollowPostgresqlsUuidOrderAndEndWithAnEmptyOne() {
        SourceWindow window = new SourceWindow(FROM, TO, List.of(), List.of());
        List<UUID> seen = new ArrayList<>();
        UUID after = FeedbackSource.FIRST;
        for (FeedbackSource.MessagePage page = source.messagesAfter(window, true, after, 3); page.last() != null;
                page = source.messagesAfter(window, true, after, 3)) {
            seen.add(page.last());
            after = page.last();
        }
        List<UUID> sorted = admin.queryForList("SELECT unnest(?::uuid[]) AS id ORDER BY id", UUID.class,
                (Object) seen.stream().map(UUID::toString).toArray(String[]::new));
        assertThat(seen).isEqualTo(sorted).doesNotHaveDuplicates();
    }

    @Test
    void theFewWantedMessagesComeInOneQueryAsTheWalkFindsThemEachOnce() {
        for (SourceWindow window : List.of(new SourceWindow(FROM, TO, List.of(), List.of(TENANT)),
                new SourceWindow(FROM, TO, List.of(APP), List.of()), new SourceWindow(FROM, TO, List.of(), List.of()))) {
            for (boolean changed : List.of(false, true)) {
                List<UUID> walked = all(window, changed, 100);
                assertThat(source.fewWanted(window, changed, 100)).as("%s, changed %s", window, changed)
                        .hasValueSatisfying(few -> assertThat(few).extracting(Keyset::id).isEqualTo(walked));
            }
        }
    }

    @Test
    void moreWantedMessagesThanTheLimitAreLeftToTheWalk() {
        SourceWindow window = new SourceWindow(FROM, TO, List.of(APP), List.of());
        // a migrate finds each of the window's messages once: exactly the limit is still few
        assertThat(source.fewWanted(window, false, IN_WINDOW.size())).hasValueSatisfying(
                few -> assertThat(few).extracting(Keyset::id).containsExactlyInAnyOrderElementsOf(IN_WINDOW));
        assertThat(source.fewWanted(window, false, IN_WINDOW.size() - 1)).isEmpty();
        // a sync counts a message once per way it is wanted, so it gives up no later than that
        assertThat(source.fewWanted(window, true, IN_WINDOW.size() + OLD_CHANGED.size() - 1)).isEmpty();
        assertThat(source.fewWanted(new SourceWindow(TO, TO.plusDays(1), List.of(), List.of()), true, 0))
                .hasValue(List.of());
    }

    private static List<UUID> all(SourceWindow window, boolean changed, int pageSize) {
        List<UUID> ids = new ArrayList<>();
        UUID after = FeedbackSource.FIRST;
        for (FeedbackSource.MessagePage page = source.messagesAfter(window, changed, after, pageSize); page.last() != null;
                page = source.messagesAfter(window, changed, after, pageSize)) {
            page.wanted().forEach(k -> ids.add(k.id()));
            after = page.last();
        }
        return ids;
    }

    private static void app(UUID id, UUID tenant) {
        admin.update("INSERT INTO apps (id, tenant_id, name, mode, enable_site, enable_api) VALUES (?, ?, 'app', 'chat', "
                + "true, true)", id, tenant);
    }

    private static UUID message(UUID app, LocalDateTime createdAt) {
        UUID id = UUID.randomUUID();
        admin.update("INSERT INTO messages (id, app_id, conversation_id, inputs, query, message, message_unit_price, answer, "
                + "answer_unit_price, currency, from_source, created_at, updated_at) VALUES (?, ?, ?, '{}', 'q', '[]', 0, "
                + "'a', 0, 'USD', 'api', ?, ?)", id, app, UUID.randomUUID(), createdAt, createdAt);
        return id;
    }

    private static void rating(UUID message, LocalDateTime createdAt, LocalDateTime updatedAt) {
        admin.update("INSERT INTO message_feedbacks (id, app_id, conversation_id, message_id, rating, from_source, "
                + "created_at, updated_at) VALUES (?, ?, ?, ?, 'like', 'admin', ?, ?)", UUID.randomUUID(), APP,
                UUID.randomUUID(), message, createdAt, updatedAt);
    }
}
