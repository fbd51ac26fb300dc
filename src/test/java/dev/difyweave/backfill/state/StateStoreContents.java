package dev.difyweave.backfill.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;
import dev.difyweave.demo.generator.SqlScript;

/**
 * What a state store holds, to compare two stores or one store before and after an upgrade: its schema
 * (tables, columns, constraints, indexes, sequences of the current schema, the history table left out)
 * and a fingerprint of every table's rows.
 */
final class StateStoreContents {

    /** The store the last release before Flyway made, with data in every table. */
    static final String PREVIOUS_RELEASE_DUMP = "state/previous-release-dump.sql";
    /** A test-only version 2 (a column and an index on backfill_dead_letter). */
    static final String NEXT_VERSION = "classpath:state/migration-next";

    private static final String NOT_HISTORY = " NOT IN ('" + StateSchema.HISTORY_TABLE + "', '"
            + StateSchema.HISTORY_TABLE + "_pk', '" + StateSchema.HISTORY_TABLE + "_s_idx')";

    private StateStoreContents() {
    }

    static void loadPreviousRelease(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            SqlScript.run(c, PREVIOUS_RELEASE_DUMP);
        }
    }

    /** One line per column, constraint, index and sequence of the current schema, sorted. */
    static List<String> schema(DataSource store) {
        JdbcTemplate jdbc = new JdbcTemplate(store);
        return jdbc.queryForList("""
                SELECT 'column ' || table_name || '.' || column_name || ' #' || ordinal_position || ' ' || data_type
                       || coalesce('(' || character_maximum_length || ')', '') || ' nullable=' || is_nullable
                       || coalesce(' default ' || column_default, '')
                FROM information_schema.columns WHERE table_schema = current_schema() AND table_name""" + NOT_HISTORY + """
                UNION ALL
                SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
                  AND conrelid::regclass::text""" + NOT_HISTORY + """
                UNION ALL
                SELECT 'index ' || indexname || ' ' || indexdef
                FROM pg_indexes WHERE schemaname = current_schema() AND tablename""" + NOT_HISTORY + """
                UNION ALL
                SELECT 'sequence ' || sequence_name || ' ' || data_type || ' start ' || start_value || ' min ' || minimum_value
                       || ' max ' || maximum_value || ' by ' || increment || ' cycle ' || cycle_option
                FROM information_schema.sequences WHERE sequence_schema = current_schema()
                ORDER BY 1""", String.class);
    }

    /** The tables of the current schema (the history table left out), sorted. */
    static List<String> tables(DataSource store) {
        return new JdbcTemplate(store).queryForList("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name" + NOT_HISTORY
                + " ORDER BY 1", String.class);
    }

    /**
     * Per table: its row count and an md5 over its rows, each row taken as the columns it had in
     * {@code columnsOf} (so a store that gained columns since compares on the ones it had).
     */
    static Map<String, String> fingerprints(DataSource store, Map<String, List<String>> columnsOf) {
        JdbcTemplate jdbc = new JdbcTemplate(store);
        Map<String, String> fingerprints = new LinkedHashMap<>();
        columnsOf.forEach((table, columns) -> fingerprints.put(table, jdbc.queryForObject(
                "SELECT count(*) || ' rows, md5 ' || coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '-') "
                        + "FROM (SELECT ROW(\"" + String.join("\", \"", columns) + "\") AS r FROM " + table + ") t",
                String.class)));
        return fingerprints;
    }

    /** The columns of every table of the current schema (the history table left out). */
    static Map<String, List<String>> columns(DataSource store) {
        JdbcTemplate jdbc = new JdbcTemplate(store);
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (String table : tables(store)) {
            columns.put(table, jdbc.queryForList("SELECT column_name FROM information_schema.columns "
                    + "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position", String.class, table));
        }
        return columns;
    }

    /** The rows of the history table: version, description, type, success; oldest first. */
    static List<String> history(DataSource store) {
        return new JdbcTemplate(store).queryForList("SELECT coalesce(version, '-') || ' ' || description || ' ' || type "
                + "|| ' ' || success FROM " + StateSchema.HISTORY_TABLE + " ORDER BY installed_rank", String.class);
    }

    static long count(DataSource store, String sql, Object... args) {
        Long n = new JdbcTemplate(store).queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
