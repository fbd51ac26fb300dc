package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.state.StateSchema;
import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.SqlScript;

/**
 * The state store of the release before Flyway ({@code state/previous-release-dump.sql}: made by that
 * release from the same generated Dify data, a {@code sync} and a {@code migrate} with a dead letter)
 * under this build: {@code status} adopts it and shows its executions, a {@code sync} goes on from its
 * watermark, and every row the earlier runs left is still there, unchanged. Flyway never touches Dify.
 */
class PreviousReleaseStoreJobTest {

    /** The rows of the two executions in the dump, per table. */
    private static final Map<String, String> EARLIER_RUNS = new TreeMap<>(Map.of(
            "batch_job_instance", "job_instance_id <= 2",
            "batch_job_execution", "job_execution_id <= 2",
            "batch_job_execution_params", "job_execution_id <= 2",
            "batch_job_execution_context", "job_execution_id <= 2",
            "batch_step_execution", "job_execution_id <= 2",
            "backfill_daily_calls", "job_execution_id <= 2",
            "backfill_app_calls", "job_execution_id <= 2",
            "backfill_feedback_counts", "job_execution_id <= 2",
            "backfill_dead_letter", "job_execution_id <= 2",
            "backfill_problem", "job_execution_id <= 2"));

    private BackfillHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void statusAndSyncRunOnAStoreOfTheReleaseBeforeFlywayAndKeepEveryRowOfIt() throws SQLException {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        try (Connection c = harness.state.connect()) {
            SqlScript.run(c, "state/previous-release-dump.sql");
        }
        JdbcTemplate state = harness.stateJdbc();
        Map<String, String> earlierRuns = fingerprints(state);
        assertThat(earlierRuns.values()).noneMatch(rows -> rows.startsWith("0 rows"));
        long ledger = count(state, "SELECT count(*) FROM backfill_feedback");

        BackfillHarness.Result status = harness.run("status");

        assertThat(status.exitStatus()).as(status.err()).isZero();
        assertThat(status.out()).containsPattern("(?m)^2 +COMPLETED +2026-08-01T00:00:00Z +2026-11-01T00:00:00Z")
                .containsPattern("(?m)^1 +COMPLETED +2000-01-01T00:00:00Z +2026-11-25T23:50:00Z")
                .contains("roots not finished yet in Dify");
        assertThat(state.queryForList("SELECT version || ' ' || type || ' ' || success FROM " + StateSchema.HISTORY_TABLE
                + " ORDER BY installed_rank", String.class)).containsExactly("0 BASELINE true", "1 SQL true");
        assertThat(fingerprints(state)).isEqualTo(earlierRuns);

        BackfillHarness.Result sync = harness.runAt(Instant.parse("2026-11-26T00:20:00Z"), "sync");

        assertThat(sync.exitStatus()).as(sync.out() + sync.err()).isZero();
        assertThat(sync.out()).contains("from the watermark 2026-11-25T23:50:00Z", "execution 3 COMPLETED",
                "watermark advanced to 2026-11-26T00:10:00Z");
        assertThat(fingerprints(state)).as("the rows of the runs before the upgrade").isEqualTo(earlierRuns);
        assertThat(state.queryForList("SELECT job_execution_id || ' ' || status FROM batch_job_execution ORDER BY 1",
                String.class)).containsExactly("1 COMPLETED", "2 COMPLETED", "3 COMPLETED");
        assertThat(state.queryForObject("SELECT execution_id FROM backfill_watermark", Long.class)).isEqualTo(3L);
        assertThat(count(state, "SELECT count(*) FROM backfill_feedback")).isEqualTo(ledger);
        assertThat(harness.difyJdbc().queryForObject("SELECT to_regclass('" + StateSchema.HISTORY_TABLE
                + "') IS NULL AND to_regclass('batch_job_instance') IS NULL", Boolean.class)).as("Dify untouched").isTrue();
    }

    /** What an older jar does on a store a later release upgraded: refuses in the preflight, before any work. */
    @Test
    void aStoreALaterReleaseUpgradedIsRefusedInOneLineBeforeAnyWork() {
        harness = BackfillHarness.empty();
        assertThat(harness.run("status").exitStatus()).isZero();
        JdbcTemplate state = harness.stateJdbc();
        state.update("INSERT INTO " + StateSchema.HISTORY_TABLE + " (installed_rank, version, description, type, script, "
                + "checksum, installed_by, execution_time, success) VALUES (2, '2', 'from a later release', 'SQL', "
                + "'V2__from_a_later_release.sql', 1, current_user, 1, true)");

        BackfillHarness.Result status = harness.run("status");

        assertThat(status.exitStatus()).isEqualTo(2);
        assertThat(status.err().lines()).singleElement().asString()
                .startsWith("configuration error: BACKFILL_DB_URL (")
                .endsWith(": the state store's schema is at version 2, newer than this build of dify-weave-backfill "
                        + "knows (up to version 1): a later release upgraded it; run that release or a newer one");
        assertThat(status.out()).isEmpty();
    }

    /** Per table: the count and an md5 of the rows of the two executions in the dump. */
    private static Map<String, String> fingerprints(JdbcTemplate state) {
        Map<String, String> prints = new LinkedHashMap<>();
        EARLIER_RUNS.forEach((table, rows) -> prints.put(table, state.queryForObject("SELECT count(*) || ' rows, md5 ' "
                + "|| coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') FROM " + table + " t WHERE " + rows,
                String.class)));
        return prints;
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
