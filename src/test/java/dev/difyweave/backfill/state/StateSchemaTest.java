package dev.difyweave.backfill.state;

import static dev.difyweave.backfill.state.StateStoreContents.NEXT_VERSION;
import static dev.difyweave.backfill.state.StateStoreContents.history;
import static dev.difyweave.backfill.state.StateStoreContents.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.difyweave.backfill.config.ConfigurationException;
import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/**
 * The state store's schema under Flyway: an empty store gets version 1, which is exactly the schema of
 * the release before Flyway ({@code state/previous-release-dump.sql}); a store of that release is adopted
 * and upgraded in place with every row kept; a store newer than the build, or with an edited migration,
 * is refused in one line; two processes starting at once migrate once.
 */
class StateSchemaTest {

    private static final List<String> STATE_TABLES = List.of("backfill_app_calls", "backfill_daily_calls",
            "backfill_dead_letter", "backfill_feedback", "backfill_feedback_counts", "backfill_pending", "backfill_problem",
            "backfill_watermark", "batch_job_execution", "batch_job_execution_context", "batch_job_execution_params",
            "batch_job_instance", "batch_step_execution", "batch_step_execution_context");
    private static final List<String> WITH_NEXT_VERSION = List.of(StateSchema.MIGRATIONS, NEXT_VERSION);
    private static final String BASELINE = "0 state store made before Flyway BASELINE true";
    private static final String V1 = "1 state store SQL true";

    private final List<TestDatabase> databases = new ArrayList<>();

    @AfterEach
    void drop() {
        databases.forEach(TestDatabase::close);
    }

    private TestDatabase fresh(String prefix) {
        TestDatabase db = TestDatabases.createFresh(prefix);
        databases.add(db);
        return db;
    }

    private TestDatabase previousRelease(String prefix) throws SQLException {
        TestDatabase db = fresh(prefix);
        StateStoreContents.loadPreviousRelease(db);
        return db;
    }

    @Test
    void anEmptyStoreGetsVersionOneWhichIsTheSchemaOfTheReleaseBeforeFlyway() throws SQLException {
        TestDatabase created = fresh("flyway_new");
        TestDatabase previous = previousRelease("flyway_old");

        StateSchema.ensure(created.dataSource());

        assertThat(history(created.dataSource())).containsExactly(V1);
        assertThat(StateStoreContents.tables(created.dataSource())).containsExactlyElementsOf(STATE_TABLES);
        List<String> schema = schema(created.dataSource());
        assertThat(schema).hasSizeGreaterThan(100)
                .contains("column backfill_dead_letter.id #1 bigint nullable=NO default nextval('backfill_dead_letter_id_seq'::regclass)",
                        "sequence batch_job_execution_seq bigint start 1 min 1 max 9223372036854775807 by 1 cycle NO");
        assertThat(schema).isEqualTo(schema(previous.dataSource()));
    }

    @Test
    void aStoreOfTheReleaseBeforeFlywayIsUpgradedInPlaceWithNothingLost() throws SQLException {
        TestDatabase store = previousRelease("flyway_upgrade");
        DataSource state = store.dataSource();
        Map<String, List<String>> columns = StateStoreContents.columns(state);
        Map<String, String> before = StateStoreContents.fingerprints(state, columns);
        List<String> schemaBefore = schema(state);
        assertThat(before.keySet()).containsExactlyElementsOf(STATE_TABLES);
        assertThat(before.values()).as("the dump has rows in every table").noneMatch(rows -> rows.startsWith("0 rows"));

        StateSchema.ensure(state, WITH_NEXT_VERSION);

        assertThat(history(state)).containsExactly(BASELINE, V1, "2 dead letter replayed at SQL true");
        assertThat(StateStoreContents.fingerprints(state, columns)).isEqualTo(before);
        List<String> added = new ArrayList<>(schema(state));
        added.removeAll(schemaBefore);
        assertThat(schema(state)).containsAll(schemaBefore);
        assertThat(added).containsExactlyInAnyOrder(
                "column backfill_dead_letter.replayed_at #13 timestamp with time zone nullable=YES",
                "column backfill_dead_letter.replays #14 integer nullable=NO default 0",
                "index backfill_dead_letter_replayed_idx CREATE INDEX backfill_dead_letter_replayed_idx ON public.backfill_dead_letter USING btree (replayed_at)");

        JdbcTemplate jdbc = new JdbcTemplate(state);
        assertThat(jdbc.queryForMap("SELECT * FROM backfill_dead_letter"))
                .containsEntry("id", 1L).containsEntry("job_execution_id", 2L)
                .containsEntry("call_id", "0086eb80-8a08-41dd-9556-c13b05867f45")
                .containsEntry("source_key", "workflow_node_executions:0086eb80-8a08-41dd-9556-c13b05867f45")
                .containsEntry("http_status", 400).containsEntry("replays", 1).containsEntry("replayed_at", null);
        assertThat(jdbc.queryForObject("SELECT window_end FROM backfill_watermark WHERE scope LIKE 'sync|kinds=%'",
                Timestamp.class).toInstant()).isEqualTo(Instant.parse("2026-11-25T23:50:00Z"));
        assertThat(jdbc.queryForList("SELECT job_execution_id || ' ' || status FROM batch_job_execution ORDER BY 1",
                String.class)).containsExactly("1 COMPLETED", "2 COMPLETED");
        assertThat(StateStoreContents.count(state, "SELECT count(*) FROM backfill_pending")).isEqualTo(9);
        assertThat(StateStoreContents.count(state, "SELECT count(*) FROM backfill_feedback")).isEqualTo(13);

        StateSchema.ensure(state, WITH_NEXT_VERSION);
        StateSchema.ensure(state, WITH_NEXT_VERSION);
        assertThat(history(state)).as("a later start finds it up to date").hasSize(3);
        assertThat(StateStoreContents.fingerprints(state, columns)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT nextval('batch_job_execution_seq')", Long.class))
                .as("the job repository goes on from where it was").isEqualTo(3L);
    }

    @Test
    void aStoreUpgradedByANewerBuildIsRefusedInOneLine() {
        TestDatabase store = fresh("flyway_newer");
        StateSchema.ensure(store.dataSource(), WITH_NEXT_VERSION);

        assertThatThrownBy(() -> StateSchema.ensure(store.dataSource()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("the state store's schema is at version 2, newer than this build of dify-weave-backfill knows "
                        + "(up to version 1): a later release upgraded it; run that release or a newer one");
        assertThat(history(store.dataSource())).containsExactly(V1, "2 dead letter replayed at SQL true");
    }

    /** Checked whenever Flyway runs, that is when there is something to migrate (here: version 2). */
    @Test
    void aStoreWhoseVersionOneIsNotThisBuildsIsRefusedInOneLine() {
        TestDatabase store = fresh("flyway_edited");
        StateSchema.ensure(store.dataSource());
        new JdbcTemplate(store.dataSource()).update("UPDATE " + StateSchema.HISTORY_TABLE
                + " SET checksum = checksum + 1 WHERE version = '1'");

        assertThatThrownBy(() -> StateSchema.ensure(store.dataSource(), WITH_NEXT_VERSION))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("the state store's schema history (backfill_schema_history) does not match this "
                        + "build's migrations: ")
                .hasMessageContaining("checksum mismatch for migration version 1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(history(store.dataSource())).containsExactly(V1);
    }

    /** Two cron runs starting at once: one adopts the store, the other waits for it and finds it done. */
    @Test
    void twoProcessesStartingAtOnceMigrateOnce() throws Exception {
        TestDatabase store = previousRelease("flyway_race");
        ExecutorService processes = Executors.newFixedThreadPool(2);
        try (Connection holder = store.connect(); Statement lock = holder.createStatement()) {
            lock.execute("SELECT pg_advisory_lock(" + StateSchema.SCHEMA_LOCK + ")");
            List<Future<?>> starts = List.of(processes.submit(() -> StateSchema.ensure(process(store))),
                    processes.submit(() -> StateSchema.ensure(process(store))));
            awaitWaitingForTheSchemaLock(store, 2);
            lock.execute("SELECT pg_advisory_unlock(" + StateSchema.SCHEMA_LOCK + ")");
            for (Future<?> start : starts) {
                start.get(2, TimeUnit.MINUTES);
            }
        } finally {
            processes.shutdownNow();
        }

        assertThat(history(store.dataSource())).containsExactly(BASELINE, V1);
    }

    @Test
    void aSchemaHoldingOtherTablesGetsTheStateTablesBesideThem() throws SQLException {
        TestDatabase store = fresh("flyway_shared");
        JdbcTemplate jdbc = new JdbcTemplate(store.dataSource());
        jdbc.execute("CREATE TABLE other_app_settings (name TEXT PRIMARY KEY, value TEXT)");
        jdbc.update("INSERT INTO other_app_settings VALUES ('theme', 'dark')");
        TestDatabase previous = previousRelease("flyway_old");

        StateSchema.ensure(store.dataSource());

        assertThat(history(store.dataSource())).containsExactly(BASELINE, V1);
        assertThat(schema(store.dataSource()).stream().filter(line -> !line.contains("other_app_settings")))
                .containsExactlyElementsOf(schema(previous.dataSource()));
        assertThat(jdbc.queryForList("SELECT name || '=' || value FROM other_app_settings", String.class))
                .containsExactly("theme=dark");
    }

    /**
     * A store of an earlier build before Flyway: without the feedback tables (added later) and with a pending
     * root under a scope that still begins with the job's name. Version 1 completes it as that release's
     * start did, and keeps everything else as it was.
     */
    @Test
    void aStoreOfAnEarlierBuildIsCompletedAsTheReleaseBeforeFlywayDidAtStart() throws SQLException {
        TestDatabase store = previousRelease("flyway_earlier");
        TestDatabase previous = previousRelease("flyway_old");
        JdbcTemplate jdbc = new JdbcTemplate(store.dataSource());
        jdbc.execute("DROP TABLE backfill_feedback, backfill_feedback_counts");
        String scope = "kinds=workflow|apps=|tenants=|sink=weave|project=acme/dify-history";
        jdbc.update("INSERT INTO backfill_pending (scope, kind, source_id, created_at) "
                + "VALUES (?, 'workflow_runs', '7f1d52c6-4a43-4d3b-9a0e-2f8f3b2f3c11', '2026-10-01 10:00:00')", "nightly|" + scope);
        Map<String, List<String>> columns = StateStoreContents.columns(store.dataSource());
        columns.remove("backfill_pending");
        Map<String, String> before = StateStoreContents.fingerprints(store.dataSource(), columns);

        StateSchema.ensure(store.dataSource());

        assertThat(history(store.dataSource())).containsExactly(BASELINE, V1);
        assertThat(schema(store.dataSource())).isEqualTo(schema(previous.dataSource()));
        assertThat(StateStoreContents.fingerprints(store.dataSource(), columns)).isEqualTo(before);
        assertThat(jdbc.queryForList("SELECT scope FROM backfill_pending WHERE source_id = '7f1d52c6-4a43-4d3b-9a0e-2f8f3b2f3c11'",
                String.class)).containsExactly(scope);
        assertThat(StateStoreContents.count(store.dataSource(), "SELECT count(*) FROM backfill_pending")).isEqualTo(10);
    }

    /** A process of its own: connections that are not the test's pool. */
    private static DataSource process(TestDatabase db) {
        return new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
    }

    private static void awaitWaitingForTheSchemaLock(TestDatabase db, int sessions) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            long waiting = StateStoreContents.count(db.dataSource(), "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                    + "AND NOT granted AND classid::text::bigint = ? AND objid::text::bigint = ? AND objsubid = 1 "
                    + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                    StateSchema.SCHEMA_LOCK >>> 32, StateSchema.SCHEMA_LOCK & 0xFFFF_FFFFL);
            if (waiting == sessions) {
                return;
            }
            Thread.sleep(20);
        }
        fail("the two starts never both waited for the schema lock");
    }
}
