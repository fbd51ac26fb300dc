package dev.difyweave.backfill.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * A PostgreSQL session advisory lock per job instance, held by the process that runs it. PostgreSQL
 * releases it when that session ends, also when the process was killed, so "the lock is free" means
 * "nobody is running this window": the guard that lets a run take over an execution a dead process
 * left {@code STARTED}, and never a live one.
 */
public final class WindowLock implements AutoCloseable {

    private final Connection connection;
    private final long key;

    private WindowLock(Connection connection, long key) {
        this.connection = connection;
        this.key = key;
    }

    /** The lock, or {@code null} when another live process holds it. */
    public static WindowLock tryAcquire(DataSource state, String instanceKey) throws SQLException {
        long key = keyOf(instanceKey);
        Connection connection = state.getConnection();
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT pg_try_advisory_lock(" + key + ")")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return new WindowLock(connection, key);
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return null;
    }

    static long keyOf(String instanceKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(instanceKey.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        try (var statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + key + ")");
        } finally {
            connection.close();
        }
    }
}
