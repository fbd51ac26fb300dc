package dev.difyweave.backfill.job;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.difyweave.backfill.config.DatabaseSettings;

/** Builds the two connection pools: Dify (read-only, always) and the backfill's own state store. */
public final class DataSources {

    private DataSources() {
    }

    /**
     * Dify is never written to: connections are read-only at the JDBC level and every session's
     * transactions default to READ ONLY, so even a mistaken statement is refused by PostgreSQL.
     */
    public static HikariDataSource difyReadOnly(DatabaseSettings dify, int poolSize) {
        HikariConfig config = base(dify, "dify-source", poolSize);
        config.setReadOnly(true);
        config.addDataSourceProperty("readOnlyMode", "always");
        config.setConnectionInitSql("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
        // Every query is planned with its values: a server-prepared statement would soon get PostgreSQL's
        // generic plan, which for a keyset page (bounds unknown) reads and sorts the rest of the window
        // instead of stopping after the page (seen: 0.8 s a page at 200k messages instead of 5 ms).
        config.addDataSourceProperty("prepareThreshold", "0");
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
        return config;
    }
}
