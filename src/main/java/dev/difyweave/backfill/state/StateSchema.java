package dev.difyweave.backfill.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Brings the state store's schema to the version this build knows, at start, with Flyway
 * ({@link StateMigrations}): the migrations of {@code sql/state/migration/} (V1 is Spring Batch's job
 * repository and the backfill's own tables) applied to the state store's current schema, their history
 * in {@value #HISTORY_TABLE}. It runs on the state store only (Boot's Flyway auto-configuration is off),
 * never on Dify.
 *
 * <ul>
 *   <li>An empty store gets every migration.</li>
 *   <li>A store without a history table but with tables (made before Flyway, or a schema shared with other
 *       tables) is baselined at version 0 and then migrated: V1 is idempotent and completes it as the
 *       release before Flyway did at every start; nothing in it is dropped or rewritten.</li>
 *   <li>A store migrated by a newer build (a version this build does not have), or whose applied
 *       migrations differ from this build's, is refused with one line.</li>
 *   <li>A store whose history ends, without a failure, at the newest version this build has is left as it
 *       is after one query: Flyway (about a thousand classes to load) runs only when there is work or a
 *       mismatch, which keeps the start of a run short.</li>
 * </ul>
 * A session advisory lock serialises processes that start at the same moment (two cron runs): the
 * second one waits, then finds the store up to date.
 */
public final class StateSchema {

    public static final String HISTORY_TABLE = "backfill_schema_history";
    static final String MIGRATIONS = "classpath:sql/state/migration";
    static final long SCHEMA_LOCK = 0x64776266_00000001L;

    private static final Logger log = LoggerFactory.getLogger(StateSchema.class);

    private StateSchema() {
    }

    public static void ensure(DataSource state) {
        ensure(state, List.of(MIGRATIONS));
    }

    /** With other migration locations than this build's own (tests: a later version). */
    static void ensure(DataSource state, List<String> locations) {
        StateMigrations migrations = new StateMigrations(state, locations);
        new JdbcTemplate(state).execute((Connection connection) -> {
            try (Statement lock = connection.createStatement()) {
                lock.execute("SELECT pg_advisory_lock(" + SCHEMA_LOCK + ")");
            }
            try {
                if (!upToDate(connection, migrations.newest())) {
                    report(connection.getSchema(), migrations.migrate());
                }
            } finally {
                try (Statement unlock = connection.createStatement()) {
                    unlock.execute("SELECT pg_advisory_unlock(" + SCHEMA_LOCK + ")");
                }
            }
            return null;
        });
    }

    /** The history of the current schema has no failure and its newest version is {@code newest}. */
    private static boolean upToDate(Connection connection, Optional<MigrationVersion> newest) throws SQLException {
        if (newest.isEmpty()) {
            return false;
        }
        Optional<SchemaHistory.Applied> applied = SchemaHistory.read(connection);
        return applied.isPresent() && !applied.get().failed() && newest.get().equals(applied.get().newest());
    }

    private static void report(String schema, MigrateResult result) {
        if (result.migrationsExecuted > 0) {
            String from = result.initialSchemaVersion == null ? "empty"
                    : result.initialSchemaVersion.equals("0") ? "made before Flyway" : "version " + result.initialSchemaVersion;
            log.info("state store schema {}: {}, now version {} ({} migrations applied)", schema, from,
                    result.targetSchemaVersion, result.migrationsExecuted);
        }
    }
}
