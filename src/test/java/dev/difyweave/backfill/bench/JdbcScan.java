package dev.difyweave.backfill.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/** The first floor: {@link SourceQueries} streamed with a cursor over JDBC, every value read as text. */
final class JdbcScan {

    private JdbcScan() {
    }

    /** Reads everything and returns the characters of text read. */
    static long run(TestDatabase dify) throws Exception {
        long chars = 0;
        try (Connection c = dify.dataSource().getConnection()) {
            c.setAutoCommit(false);
            for (String sql : SourceQueries.of(dify)) {
                try (PreparedStatement statement = c.prepareStatement(sql)) {
                    statement.setFetchSize(1000);
                    try (ResultSet rs = statement.executeQuery()) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= columns; i++) {
                                String value = rs.getString(i);
                                chars += value == null ? 0 : value.length();
                            }
                        }
                    }
                }
            }
            c.commit();
        }
        return chars;
    }
}
