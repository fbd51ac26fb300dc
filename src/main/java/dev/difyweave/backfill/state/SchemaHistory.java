package dev.difyweave.backfill.state;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import org.flywaydb.core.api.MigrationVersion;

/**
 * What the state store's schema history ({@value StateSchema#HISTORY_TABLE} in the connection's current
 * schema) says, read with two plain queries: the start's fast path and the preflight use it, Flyway is
 * not loaded for it.
 */
final class SchemaHistory {

    /** The newest version applied ({@code null}: none) and whether any migration failed. */
    record Applied(MigrationVersion newest, boolean failed) {
    }

    private SchemaHistory() {
    }

    /** Empty when the current schema has no history table (a new store, or one made before Flyway). */
    static Optional<Applied> read(Connection connection) throws SQLException {
        String table;
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT quote_ident(current_schema()) || '." + StateSchema.HISTORY_TABLE + "', "
                        + "to_regclass(quote_ident(current_schema()) || '." + StateSchema.HISTORY_TABLE + "') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(2)) {
                return Optional.empty();
            }
            table = rs.getString(1);
        }
        MigrationVersion newest = null;
        boolean failed = false;
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT version, success FROM " + table)) {
            while (rs.next()) {
                failed |= !rs.getBoolean(2);
                MigrationVersion version = rs.getString(1) == null ? null : MigrationVersion.fromVersion(rs.getString(1));
                newest = version != null && (newest == null || version.isNewerThan(newest)) ? version : newest;
            }
        }
        return Optional.of(new Applied(newest, failed));
    }
}
