package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import dev.difyweave.backfill.config.DatabaseSettings;
import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/** The Dify database is read-only to us, and PostgreSQL itself enforces it on our connections. */
class DifyConnectionIsReadOnlyTest {

    @Test
    void everyWriteThroughTheDifyConnectionIsRefused() {
        try (TestDatabase dify = TestDatabases.createDifyDatabase();
                HikariDataSource source = pool(dify, 2, Duration.ofSeconds(90));
                HikariDataSource impatient = pool(dify, 1, Duration.ofMillis(200))) {
            JdbcTemplate jdbc = new JdbcTemplate(source);

            // and no statement runs on for ever (BACKFILL_DIFY_STATEMENT_TIMEOUT)
            assertThat(jdbc.queryForObject("SHOW statement_timeout", String.class)).isEqualTo("90s");
            assertThatThrownBy(() -> new JdbcTemplate(impatient).queryForObject("SELECT pg_sleep(2)::text", String.class)).isInstanceOf(DataAccessException.class).hasMessageContaining("statement timeout");

            assertThat(jdbc.queryForObject("SELECT count(*) FROM workflow_runs", Long.class)).isZero();
            assertThatThrownBy(() -> jdbc.update("DELETE FROM workflow_runs"))
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("read-only");
            assertThatThrownBy(() -> jdbc.execute("CREATE TABLE intruder (id int)"))
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("read-only");
            assertThatThrownBy(() -> jdbc.update(
                    "INSERT INTO tenants (id, name) VALUES (gen_random_uuid(), 'x')"))
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("read-only");
        }
    }

    /**
     * Page queries are planned with sequential scans as the last resort, which prices a scan in the
     * billions; PostgreSQL must not take that price as a reason to JIT-compile a short page query.
     */
    @Test
    void pageQueriesAreNotCompiledByPostgresqlJit() {
        try (TestDatabase dify = TestDatabases.createDifyDatabase();
                HikariDataSource source = pool(dify, 1, Duration.ofSeconds(90))) {
            JdbcTemplate jdbc = new JdbcTemplate(source);
            assertThat(jdbc.queryForObject("SHOW jit", String.class)).isEqualTo("off");
            String plan = String.join("\n", jdbc.queryForList(
                    "EXPLAIN SELECT id FROM conversations ORDER BY created_at, id LIMIT 100", String.class));
            assertThat(plan).contains("Seq Scan on conversations").doesNotContain("JIT");
        }
    }

    /**
     * A page query is parsed once per connection (pgjdbc prepares it on the server after a few runs) but
     * planned with its values every time: PostgreSQL's generic plan for a keyset page read the rest of the
     * window on every page.
     */
    @Test
    void repeatedQueriesAreParsedOnceButAlwaysPlannedWithTheirValues() {
        try (TestDatabase dify = TestDatabases.createDifyDatabase();
                HikariDataSource source = pool(dify, 1, Duration.ofSeconds(90))) {
            JdbcTemplate jdbc = new JdbcTemplate(source);
            assertThat(jdbc.queryForObject("SHOW plan_cache_mode", String.class)).isEqualTo("force_custom_plan");
            String page = "SELECT id FROM conversations WHERE created_at > ? ORDER BY created_at, id LIMIT 100";
            for (int i = 0; i < 6; i++) {
                jdbc.queryForList(page, Timestamp.valueOf("2025-01-01 00:00:00"));
            }
            assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE ?",
                    Long.class, "SELECT id FROM conversations WHERE created_at > $1%")).isEqualTo(1L);
        }
    }

    private static HikariDataSource pool(TestDatabase dify, int size, Duration statementTimeout) {
        return DataSources.difyReadOnly(new DatabaseSettings(dify.jdbcUrl(), dify.username(), dify.password()), size,
                statementTimeout);
    }
}
