package dev.difyweave.demo.generator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.Collections;

/**
 * One INSERT statement fed through JDBC batches: rows are bound with {@link #add(Object...)} and sent
 * {@code batchSize} at a time, never one round trip per row.
 *
 * <p>Values are bound with {@link PreparedStatement#setObject(int, Object)}: {@code UUID} goes to
 * {@code uuid}, {@code LocalDateTime} to {@code timestamp without time zone} (no zone conversion),
 * {@code String}, boxed numbers and booleans as usual; {@code null} as an untyped NULL; a
 * {@link JsonValue} as text of unspecified type, so that PostgreSQL casts it to the column's
 * {@code json}/{@code jsonb} type.
 */
final class BatchInsert implements AutoCloseable {

    /** JSON text for a {@code json} or {@code jsonb} column (a plain {@code String} would be refused there). */
    record JsonValue(String text) {
    }

    private final String table;
    private final int columnCount;
    private final PreparedStatement statement;
    private final int batchSize;
    private int pending;
    private long rows;

    BatchInsert(Connection connection, String table, String[] columns, int batchSize) throws SQLException {
        this.table = table;
        this.columnCount = columns.length;
        this.batchSize = batchSize;
        String quoted = String.join(", ", Arrays.stream(columns).map(c -> '"' + c + '"').toList());
        String placeholders = String.join(", ", Collections.nCopies(columns.length, "?"));
        this.statement = connection.prepareStatement(
                "INSERT INTO " + table + " (" + quoted + ") VALUES (" + placeholders + ")");
    }

    void add(Object... values) throws SQLException {
        if (values.length != columnCount) {
            throw new IllegalArgumentException(
                    table + ": expected " + columnCount + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                statement.setNull(i + 1, Types.NULL);
            } else if (values[i] instanceof JsonValue json) {
                statement.setObject(i + 1, json.text(), Types.OTHER);
            } else {
                statement.setObject(i + 1, values[i]);
            }
        }
        statement.addBatch();
        pending++;
        rows++;
        if (pending >= batchSize) {
            flush();
        }
    }

    void flush() throws SQLException {
        if (pending > 0) {
            statement.executeBatch();
            pending = 0;
        }
    }

    /** Rows added so far (sent or pending). */
    long rows() {
        return rows;
    }

    /** The table it writes to. */
    String table() {
        return table;
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
