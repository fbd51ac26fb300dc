package dev.difyweave.backfill.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.flywaydb.core.api.MigrationVersion;

import dev.difyweave.backfill.config.ConfigurationException;
import dev.difyweave.backfill.config.DatabaseSettings;
import dev.difyweave.backfill.config.Redact;

/**
 * The database half of the preflight: one short connection each, with the configured credentials
 * and short time limits, so a wrong URL, password or privilege is one named line in seconds (not a
 * pool's stack trace later). Messages show the URL without credentials and never a password.
 */
public final class DatabasePreflight {

    public static final int CONNECT_SECONDS = 5;
    private static final int SOCKET_SECONDS = 15;

    private DatabasePreflight() {
    }

    /** Opens a read-only connection to Dify ({@code SELECT 1}); the caller closes it. */
    public static Connection dify(DatabaseSettings dify) {
        Connection c = open("DIFY_DB_URL", dify);
        try {
            c.setReadOnly(true);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                rs.next();
            }
            return c;
        } catch (SQLException e) {
            close(c);
            throw failure("DIFY_DB_URL", dify, e);
        }
    }

    /**
     * The state store takes writes: not a standby, not read-only, temporary tables can be written, and
     * the user may create the state tables and their schema history (or write them and read the history,
     * once they exist).
     */
    public static void state(DatabaseSettings state) {
        try (Connection c = open("BACKFILL_DB_URL", state); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("""
                    SELECT pg_is_in_recovery(), current_user, current_schema(),
                           CASE WHEN current_schema() IS NULL THEN false
                                WHEN to_regclass('batch_job_execution') IS NULL OR to_regclass('backfill_dead_letter') IS NULL
                                     OR to_regclass('backfill_schema_history') IS NULL
                                THEN has_schema_privilege(current_schema(), 'CREATE')
                                ELSE has_table_privilege('batch_job_execution', 'INSERT')
                                     AND has_table_privilege('batch_job_execution', 'UPDATE')
                                     AND has_table_privilege('backfill_dead_letter', 'INSERT')
                                     AND has_table_privilege('backfill_schema_history', 'SELECT') END""")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    throw new ConfigurationException(where("BACKFILL_DB_URL", state)
                            + ": the server is a read-only standby (in recovery); the state store needs the primary");
                }
                if (rs.getString(3) == null) {
                    throw new ConfigurationException(where("BACKFILL_DB_URL", state) + ": no schema of the search_path "
                            + "exists for user " + rs.getString(2));
                }
                if (!rs.getBoolean(4)) {
                    throw new ConfigurationException(where("BACKFILL_DB_URL", state) + ": user " + rs.getString(2)
                            + " may not create or write the state tables in schema " + rs.getString(3)
                            + " (GRANT CREATE ON SCHEMA, or the tables' INSERT/UPDATE)");
                }
            }
            refuseNewerSchema(state, c);
            c.setAutoCommit(false);
            st.execute("CREATE TEMPORARY TABLE backfill_preflight (ok int) ON COMMIT DROP");
            st.execute("INSERT INTO backfill_preflight VALUES (1)");
            c.rollback();
        } catch (SQLException e) {
            throw failure("BACKFILL_DB_URL", state, e);
        }
    }

    /** A schema a later release upgraded (see {@link StateSchema}) is refused here too, before any work. */
    private static void refuseNewerSchema(DatabaseSettings state, Connection c) throws SQLException {
        Optional<MigrationVersion> applied = SchemaHistory.read(c).map(SchemaHistory.Applied::newest);
        Optional<MigrationVersion> known = StateMigrations.newest(List.of(StateSchema.MIGRATIONS));
        if (applied.isPresent() && known.isPresent() && applied.get().isNewerThan(known.get())) {
            throw new ConfigurationException(where("BACKFILL_DB_URL", state) + ": "
                    + StateMigrations.newerStore(applied.get(), known.get()).getMessage());
        }
    }

    /** Without {@code BACKFILL_DB_URL} the embedded store lives in {@code dir}: it must be creatable and writable. */
    public static void embedded(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException | SecurityException e) {
            throw new ConfigurationException("BACKFILL_DB_URL is not set and the embedded state store cannot be kept in "
                    + absolute + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        if (!Files.isWritable(absolute)) {
            throw new ConfigurationException("BACKFILL_DB_URL is not set and the embedded state store cannot be kept in "
                    + absolute + ": not writable");
        }
    }

    private static Connection open(String setting, DatabaseSettings db) {
        Properties properties = new Properties();
        if (db.username() != null) {
            properties.setProperty("user", db.username());
        }
        if (db.password() != null) {
            properties.setProperty("password", db.password());
        }
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_SECONDS));
        properties.setProperty("loginTimeout", Integer.toString(CONNECT_SECONDS));
        properties.setProperty("socketTimeout", Integer.toString(SOCKET_SECONDS));
        properties.setProperty("ApplicationName", "dify-weave-backfill preflight");
        try {
            return DriverManager.getConnection(db.url(), properties);
        } catch (SQLException e) {
            throw failure(setting, db, e);
        }
    }

    public static ConfigurationException failure(String setting, DatabaseSettings db, SQLException e) {
        return failure(setting, db, cause(e));
    }

    public static ConfigurationException failure(String setting, DatabaseSettings db, String reason) {
        return new ConfigurationException(where(setting, db) + ": " + Redact.url(reason).replaceAll("\\s+", " ").trim());
    }

    private static String where(String setting, DatabaseSettings db) {
        return setting + " (" + Redact.url(db.url()) + (db.username() == null ? "" : ", user " + db.username()) + ")";
    }

    /** The driver's message, and the root cause when it says more ("The connection attempt failed." alone does not). */
    private static String cause(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return message.replaceAll("\\s+", " ").trim();
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the preflight failed already
        }
    }
}
