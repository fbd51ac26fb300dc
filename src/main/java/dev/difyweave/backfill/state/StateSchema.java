package dev.difyweave.backfill.state;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Creates the state store's schema at start: Spring Batch's own PostgreSQL job repository tables
 * (the script shipped in spring-batch-core) when absent, then {@code sql/state/backfill-schema.sql}.
 * An advisory lock serialises processes that start at the same moment.
 */
public final class StateSchema {

    static final long SCHEMA_LOCK = 0x64776266_00000001L;

    private StateSchema() {
    }

    public static void ensure(DataSource state) {
        JdbcTemplate jdbc = new JdbcTemplate(state);
        jdbc.execute((java.sql.Connection connection) -> {
            try (var lock = connection.createStatement()) {
                lock.execute("SELECT pg_advisory_lock(" + SCHEMA_LOCK + ")");
            }
            try {
                boolean batchTables;
                try (var check = connection.createStatement();
                        var rs = check.executeQuery("SELECT to_regclass('batch_job_instance') IS NOT NULL")) {
                    rs.next();
                    batchTables = rs.getBoolean(1);
                }
                ResourceDatabasePopulator populator = new ResourceDatabasePopulator();
                if (!batchTables) {
                    populator.addScript(new ClassPathResource("org/springframework/batch/core/schema-postgresql.sql"));
                }
                populator.addScript(new ClassPathResource("sql/state/backfill-schema.sql"));
                populator.populate(connection);
            } finally {
                try (var unlock = connection.createStatement()) {
                    unlock.execute("SELECT pg_advisory_unlock(" + SCHEMA_LOCK + ")");
                }
            }
            return null;
        });
    }
}
