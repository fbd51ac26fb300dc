package dev.difyweave.backfill.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;
import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.GenerationResult;

/**
 * The Dify database a benchmark reads, with what the results print about it: generated for the run in one of the
 * {@link DatasetShape}s, or one already on the server ({@code -Dbench.database=<name>}: a dataset kept by an
 * earlier run with {@code -Dbench.keep=true}, or a copy of a real Dify database restored there), used as it is
 * and never dropped. Its time range (Dify stores UTC without a zone) places the wire sample.
 */
record BenchDataset(TestDatabase dify, String label, long workflowRuns, long nodeExecutions, long messages,
        Instant start, Duration span) implements AutoCloseable {

    static BenchDataset generate(DatasetShape shape, int runs, int messages, boolean keep) throws Exception {
        TestDatabase dify = TestDatabases.createDifyDatabase();
        try {
            if (keep) {
                dify.keep();
                System.out.println("bench.keep: the generated Dify database stays on the server: " + dify.name());
            }
            DifyDataGenerator.Spec spec = shape.spec(runs, messages);
            long t0 = System.nanoTime();
            GenerationResult generated = new DifyDataGenerator().generate(dify.dataSource(), spec);
            System.out.printf(Locale.ROOT, "generated (%s) %d workflow runs, %d node executions, %d messages in %.1f s%n",
                    shape.label(), generated.workflowRunCount(), generated.nodeExecutionCount(),
                    generated.messageCount(), BackfillBenchmark.seconds(t0));
            vacuumAnalyze(dify);
            return new BenchDataset(dify, shape.label(), generated.workflowRunCount(), generated.nodeExecutionCount(),
                    generated.messageCount(), spec.start(), spec.span());
        } catch (Exception | Error e) {
            dify.close();
            throw e;
        }
    }

    /** A database already on the server, counted and measured as it stands. */
    static BenchDataset existing(String name) throws SQLException {
        TestDatabase dify = TestDatabases.existing(name);
        try (Connection c = dify.connect(); Statement statement = c.createStatement();
                ResultSet rs = statement.executeQuery("SELECT (SELECT count(*) FROM workflow_runs WHERE type = 'workflow'),"
                        + " (SELECT count(*) FROM workflow_node_executions), (SELECT count(*) FROM messages),"
                        + " least((SELECT min(created_at) FROM workflow_runs), (SELECT min(created_at) FROM messages)),"
                        + " greatest((SELECT max(created_at) FROM workflow_runs), (SELECT max(created_at) FROM messages))")) {
            rs.next();
            // read as the wall time it is (UTC in Dify), never through the JVM's zone and its DST gaps
            LocalDateTime first = rs.getObject(4, LocalDateTime.class);
            LocalDateTime last = rs.getObject(5, LocalDateTime.class);
            if (first == null) {
                throw new IllegalStateException("bench.database " + name + " has no workflow runs and no messages");
            }
            Instant start = first.toInstant(ZoneOffset.UTC);
            Duration span = Duration.between(start, last.toInstant(ZoneOffset.UTC)).plusSeconds(1);
            BenchDataset data = new BenchDataset(dify, name, rs.getLong(1), rs.getLong(2), rs.getLong(3), start, span);
            System.out.printf(Locale.ROOT, "bench.database: %s as it is, %d workflow runs, %d node executions, %d messages%n",
                    name, data.workflowRuns(), data.nodeExecutions(), data.messages());
            return data;
        }
    }

    @Override
    public void close() {
        dify.close();
    }

    /**
     * The generated tables vacuumed and analyzed, as autovacuum has long since done on a live Dify database: else
     * the first round's floor sets the fresh rows' hint bits, and autovacuum reads the tables during its job.
     */
    private static void vacuumAnalyze(TestDatabase dify) throws SQLException {
        long t0 = System.nanoTime();
        try (Connection c = dify.dataSource().getConnection(); Statement statement = c.createStatement()) {
            c.setAutoCommit(true);
            statement.execute("VACUUM (ANALYZE)");
        }
        System.out.printf(Locale.ROOT, "vacuumed and analyzed in %.1f s%n", BackfillBenchmark.seconds(t0));
    }
}
