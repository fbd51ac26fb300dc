package dev.difyweave.backfill.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.difyweave.backfill.BackfillApplication;
import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.GenerationResult;
import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/**
 * The throughput benchmark (not a test: run with {@code ./mvnw -B verify -Pbenchmark}). Generates a Dify
 * dataset into PostgreSQL (default 100,000 workflow runs with ~10 nodes each and ~200,000 messages of all
 * modes; {@code -Dbench.runs=}, {@code -Dbench.messages=}), runs {@code migrate} as a child JVM with
 * {@code -Xmx<bench.heap>} into a sink that accepts and discards, times a plain JDBC scan of the same
 * source columns (the floor), and prints traces/s, calls/s, MB/s, wall time, the job's own time (without
 * the JVM's start), peak heap (from the GC log) and RSS, and the ratio of the job's time to the scan's.
 * {@code -Dbench.configs=local:1,local:2,local:4,remote:2} runs several configurations on the same data,
 * each into a fresh state store (remote ones need the local RabbitMQ); {@code -Dbench.chunk=} sets
 * {@code BACKFILL_CHUNK_SIZE}.
 */
@Tag("benchmark")
class BackfillBenchmark {

    @Test
    void migrateAgainstTheRawScan(@TempDir Path work) throws Exception {
        int runs = Integer.getInteger("bench.runs", 100_000);
        int messages = Integer.getInteger("bench.messages", 200_000);
        String heap = System.getProperty("bench.heap", "256m");
        List<String> configs = List.of(System.getProperty("bench.configs", "local").split(","));
        try (TestDatabase dify = TestDatabases.createDifyDatabase();
                DiscardingWeave weave = new DiscardingWeave()) {
            long t0 = System.nanoTime();
            GenerationResult generated = new DifyDataGenerator().generate(dify.dataSource(), spec(runs, messages));
            double generation = seconds(t0);
            System.out.printf("generated %d workflow runs, %d node executions, %d messages in %.1f s%n",
                    generated.workflowRunCount(), generated.nodeExecutionCount(), generated.messageCount(), generation);

            long scanStart = System.nanoTime();
            long scannedBytes = rawScan(dify);
            double scan = seconds(scanStart);

            List<String> results = new ArrayList<>();
            for (String config : configs) {
                try (TestDatabase state = TestDatabases.createFresh("benchstate")) {
                    results.add(run(work.resolve(config.trim().replace(':', '-')), config.trim(), dify, state, weave,
                            heap, scan));
                }
            }
            System.out.println("=== benchmark ===");
            System.out.printf("dataset: %d workflow runs, %d node executions, %d messages%n",
                    generated.workflowRunCount(), generated.nodeExecutionCount(), generated.messageCount());
            System.out.printf("raw JDBC scan of the same columns: %.1f s (%.0f MB of text)%n", scan, scannedBytes / 1e6);
            System.out.println("config      traces  calls    wall s  job s  traces/s  calls/s   MB/s  peak heap  peak RSS  ratio");
            results.forEach(System.out::println);
        }
    }

    /**
     * One configuration on a fresh state store: {@code local} (the default partition count),
     * {@code local:N} ({@code --partitions=N}), or {@code remote:W} (a manager and W worker JVMs over the
     * local RabbitMQ, 4 partitions per step per worker).
     */
    private static String run(Path work, String config, TestDatabase dify, TestDatabase state, DiscardingWeave weave,
            String heap, double scan) throws Exception {
        Files.createDirectories(work);
        long requestsBefore = weave.requests.get();
        long bytesBefore = weave.bytes.get();
        Map<String, String> env = new HashMap<>(Map.of("DIFY_DB_URL", dify.jdbcUrl(), "DIFY_DB_USERNAME", dify.username(),
                "BACKFILL_DB_URL", state.jdbcUrl(), "BACKFILL_DB_USERNAME", state.username(),
                "WANDB_API_KEY", "benchmark", "WEAVE_PROJECT", "bench/backfill", "WF_TRACE_SERVER_URL", weave.baseUrl()));
        String chunk = System.getProperty("bench.chunk", "");
        if (!chunk.isBlank()) {
            env.put("BACKFILL_CHUNK_SIZE", chunk);
        }
        List<String> args = new ArrayList<>(List.of("migrate", "--to=2026-12-01T00:00:00Z"));
        List<Process> workers = new ArrayList<>();
        String[] parts = config.split(":");
        if (parts[0].equals("local") && parts.length > 1) {
            args.add("--partitions=" + parts[1]);
        } else if (parts[0].equals("remote")) {
            int count = Integer.parseInt(parts[1]);
            env.put("BACKFILL_REMOTE_QUEUE", "benchmark-" + System.nanoTime());
            env.put("BACKFILL_REMOTE_POLL", "PT0.2S");
            for (int i = 0; i < count; i++) {
                workers.add(start(work, "worker-" + i, env, heap, List.of("worker", "--partitions=1")));
            }
            for (int i = 0; i < count; i++) {
                awaitText(work.resolve("worker-" + i + ".out"), "taking partition requests");
            }
            args.addAll(List.of("--remote", "--partitions=" + 4 * count));
        } else if (!parts[0].equals("local")) {
            throw new IllegalArgumentException("bench.configs: local, local:N or remote:W, got " + config);
        }
        long start = System.nanoTime();
        Process child = start(work, "migrate", env, heap, args);
        long peakRssKb = 0;
        while (!child.waitFor(200, TimeUnit.MILLISECONDS)) {
            peakRssKb = Math.max(peakRssKb, rssKb(child.pid()));
            for (Process worker : workers) {
                peakRssKb = Math.max(peakRssKb, rssKb(worker.pid()));
            }
        }
        double wall = seconds(start);
        for (Process worker : workers) {
            worker.destroy();
            worker.waitFor(60, TimeUnit.SECONDS);
        }
        String out = Files.readString(work.resolve("migrate.out"));
        System.out.println(out);
        if (child.exitValue() != 0) {
            throw new AssertionError("migrate (" + config + ") failed: " + Files.readString(work.resolve("migrate.err")));
        }
        long traces = number(out, "(\\d+) traces");
        long calls = number(out, "(\\d+) calls delivered");
        double mb = (weave.bytes.get() - bytesBefore) / 1e6;
        double job = jobSeconds(state);
        long peakHeapMb = peakHeapMb(work);
        return String.format("%-10s %7d %7d %8.1f %6.1f %9.0f %8.0f %6.1f %8d MB %6.0f MB %6.1f", config, traces, calls,
                wall, job, traces / job, calls / job, mb / job, peakHeapMb, peakRssKb / 1024.0, job / scan)
                + String.format("   (%d requests)", weave.requests.get() - requestsBefore);
    }

    private static Process start(Path work, String name, Map<String, String> env, String heap, List<String> args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Xlog:gc:file=" + work.resolve(name + ".gc.log")));
        String jvmArgs = System.getProperty("bench.jvmArgs", "");
        if (!jvmArgs.isBlank()) {
            command.addAll(List.of(jvmArgs.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BackfillApplication.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(work.resolve(name + ".out").toFile()).redirectError(work.resolve(name + ".err").toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    private static void awaitText(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(file + " never said '" + text + "'");
    }

    /** The job's own time, start to end, from the job repository: the wall time without the JVM's start. */
    private static double jobSeconds(TestDatabase state) throws Exception {
        try (Connection c = state.dataSource().getConnection();
                PreparedStatement statement = c.prepareStatement(
                        "SELECT EXTRACT(EPOCH FROM max(end_time) - min(start_time)) FROM batch_job_execution");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    /** The largest heap occupancy before a collection, over the GC logs of the run's JVMs ({@code 120M->30M(256M)}). */
    private static long peakHeapMb(Path work) throws Exception {
        long peak = 0;
        java.util.regex.Pattern before = java.util.regex.Pattern.compile("(\\d+)M->\\d+M\\(\\d+M\\)");
        try (var files = Files.list(work)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".gc.log")).toList()) {
                java.util.regex.Matcher m = before.matcher(Files.readString(log));
                while (m.find()) {
                    peak = Math.max(peak, Long.parseLong(m.group(1)));
                }
            }
        }
        return peak;
    }

    private static DifyDataGenerator.Spec spec(int runs, int messages) {
        int workflowApps = 10;
        int chatLikeApps = 4;
        int conversations = Math.max(1, messages / (chatLikeApps * 2 * 10));
        return DifyDataGenerator.Spec.small().toBuilder()
                .seed(7).tenants(2).workflowAppsPerTenant(workflowApps / 2).runsPerApp(runs / workflowApps)
                .conversationsPerApp(conversations).messagesPerConversation(10)
                .recordRuns(false).build();
    }

    /** Every source column the backfill reads, streamed with a cursor: the floor of any backfill. */
    private static long rawScan(TestDatabase dify) throws Exception {
        long bytes = 0;
        try (Connection c = dify.dataSource().getConnection()) {
            c.setAutoCommit(false);
            for (String sql : List.of(
                    "SELECT id, tenant_id, app_id, workflow_id, type, triggered_from, version, inputs, outputs, status, error,"
                            + " elapsed_time, total_tokens, created_by_role, created_by, created_at, finished_at FROM workflow_runs",
                    "SELECT id, workflow_run_id, tenant_id, app_id, index, node_id, node_type, title, inputs, process_data,"
                            + " outputs, status, error, elapsed_time, execution_metadata, created_at, finished_at"
                            + " FROM workflow_node_executions WHERE triggered_from = 'workflow-run'",
                    "SELECT id, app_id, conversation_id, model_provider, model_id, inputs::text, query, message::text, answer,"
                            + " message_tokens, answer_tokens, provider_response_latency, from_source, from_end_user_id,"
                            + " from_account_id, created_at, updated_at, agent_based, workflow_run_id, status, error,"
                            + " message_metadata FROM messages",
                    "SELECT id, message_id, position, tool, tool_input, observation, tool_meta_str, created_at FROM message_agent_thoughts",
                    "SELECT id, mode, name, created_at FROM conversations")) {
                try (PreparedStatement statement = c.prepareStatement(sql)) {
                    statement.setFetchSize(1000);
                    try (ResultSet rs = statement.executeQuery()) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= columns; i++) {
                                String value = rs.getString(i);
                                bytes += value == null ? 0 : value.length();
                            }
                        }
                    }
                }
            }
            c.commit();
        }
        return bytes;
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception e) {
            // the process ended
        }
        return 0;
    }

    private static long number(String text, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
        long last = 0;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
