package dev.difyweave.backfill.job;

import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.difyweave.backfill.config.DatabaseSettings;
import dev.difyweave.backfill.source.UuidArray;

/** Builds the two connection pools: Dify (read-only, always) and the backfill's own state store. */
public final class DataSources {

    private DataSources() {
    }

    /**
     * Dify is never written to: connections are read-only at the JDBC level and every session's
     * transactions default to READ ONLY, so even a mistaken statement is refused by PostgreSQL. Every
     * statement is cut off after {@code statementTimeout} (zero: never), so that a query gone wrong on a
     * production database is stopped by PostgreSQL, not left running after the job gave up.
     */
    public static HikariDataSource difyReadOnly(DatabaseSettings dify, int poolSize, Duration statementTimeout) {
        HikariConfig config = base(dify, "dify-source", poolSize);
        config.setReadOnly(true);
        config.addDataSourceProperty("readOnlyMode", "always");
        // Every query of sql/dify/ is an index range or lookup by design, and has to stay one on a database
        // whose planner statistics are missing or stale (autovacuum off, a restored dump): each query is
        // planned with its values (plan_cache_mode: PostgreSQL's generic plan for a keyset page read and
        // sorted the rest of the window on every page, 0.8 s a page at 200k messages instead of 5 ms), and
        // sequential and bitmap scans are only the last resort (a child lookup by 100 ids was estimated at
        // half the table without statistics). A query is still parsed once per connection (pgjdbc prepares
        // it on the server from its fifth run): parsing every page's queries again was 0.4 s of PostgreSQL's
        // CPU in a 379,000-call dry run. Behind PgBouncer in transaction mode (before 1.21), add
        // prepareThreshold=0 to DIFY_DB_URL. JIT compilation is off: those settings add a huge cost to the
        // one plan that has to scan (a page of conversations: Dify has no index on their creation time),
        // which made PostgreSQL compile that short query every time, 100-300 ms a page instead of 2 ms.
        config.setConnectionInitSql("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY;"
                + " SET plan_cache_mode = force_custom_plan;"
                + " SET enable_seqscan = off; SET enable_bitmapscan = off; SET jit = off;"
                + " SET statement_timeout = " + statementTimeout.toMillis());
        return new HikariDataSource(config);
    }

    public static HikariDataSource state(DatabaseSettings state, int poolSize) {
        return new HikariDataSource(base(state, "backfill-state", poolSize));
    }

    private static HikariConfig base(DatabaseSettings db, String poolName, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(db.url());
        config.setUsername(db.username());
        config.setPassword(db.password());
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        // pools are sized for the partitions, so a wait this long means the database is gone: fail the
        // chunk (resumable) instead of holding every partition for Hikari's default 30 s per statement
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(10_000);
        config.addDataSourceProperty("ApplicationName", "dify-weave-backfill");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        // id arrays go in binary, not as text PostgreSQL parses id by id (UuidArray)
        config.addDataSourceProperty(UuidArray.BINARY_TRANSFER_ENABLE, UuidArray.UUID_ARRAY_OID);
        return config;
    }
}
