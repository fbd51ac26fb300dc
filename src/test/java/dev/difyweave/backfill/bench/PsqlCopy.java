package dev.difyweave.backfill.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/**
 * The second floor: {@code psql \copy} of {@link SourceQueries} to {@code /dev/null}, one psql process for
 * all tables. It is what "reading the source" costs without a JVM or JDBC driver (PostgreSQL's own text
 * output, parsed by nothing), the lowest bar a backfill could be held to. {@code -Dbench.psql=} names the
 * psql binary (default {@code psql} on the PATH).
 */
final class PsqlCopy {

    private PsqlCopy() {
    }

    /** Runs the copies and returns the wall time in seconds, process start to exit. */
    static double run(TestDatabase dify, Path work) throws Exception {
        URI uri = URI.create(dify.jdbcUrl().substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of(System.getProperty("bench.psql", "psql"), "-X", "-q",
                "-v", "ON_ERROR_STOP=1", "-h", uri.getHost(), "-p", String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()),
                "-U", dify.username(), "-d", uri.getPath().substring(1)));
        for (String sql : SourceQueries.of(dify)) {
            command.addAll(List.of("-c", "\\copy (" + sql + ") TO '/dev/null'"));
        }
        Files.createDirectories(work);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(work.resolve("psql.out").toFile())
                .redirectError(work.resolve("psql.err").toFile());
        if (dify.password() != null) {
            builder.environment().put("PGPASSWORD", dify.password());
        }
        long start = System.nanoTime();
        Process psql = builder.start();
        if (!psql.waitFor(30, TimeUnit.MINUTES)) {
            psql.destroyForcibly();
            throw new AssertionError("psql \\copy did not end within 30 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (psql.exitValue() != 0) {
            throw new AssertionError("psql \\copy failed (exit " + psql.exitValue() + "): "
                    + Files.readString(work.resolve("psql.err")));
        }
        return seconds;
    }
}
