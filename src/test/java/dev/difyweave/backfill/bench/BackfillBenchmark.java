package dev.difyweave.backfill.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.difyweave.backfill.BackfillApplication;
import dev.difyweave.backfill.demo.DifyDataGenerator;
import dev.difyweave.backfill.demo.DifyDataGenerator.GenerationResult;
import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/**
 * The throughput benchmark (not a test: run with {@code ./mvnw -B verify -Pbenchmark}). Generates a Dify
 * dataset into PostgreSQL (default 100,000 workflow runs with ~10 nodes each and ~200,000 messages of all
 * modes; {@code -Dbench.runs=}, {@code -Dbench.messages=}), runs {@code migrate} as a child JVM with
 * {@code -Xmx<bench.heap>} into a sink that accepts and discards, times a plain JDBC scan of the same
 * source columns (the floor), and prints traces/s, calls/s, MB/s, wall time, peak RSS and the ratio.
 */
@Tag("benchmark")
class BackfillBenchmark {

    @Test
    void migrateAgainstTheRawScan(@TempDir Path work) throws Exception {
        int runs = Integer.getInteger("bench.runs", 100_000);
        int messages = Integer.getInteger("bench.messages", 200_000);
        String heap = System.getProperty("bench.heap", "256m");
        try (TestDatabase dify = TestDatabases.createDifyDatabase();
                TestDatabase state = TestDatabases.createFresh("benchstate");
                DiscardingWeave weave = new DiscardingWeave()) {
            long t0 = System.nanoTime();
            GenerationResult generated = new DifyDataGenerator().generate(dify.dataSource(), spec(runs, messages));
            double generation = seconds(t0);
            System.out.printf("generated %d workflow runs, %d node executions, %d messages in %.1f s%n",
                    generated.workflowRunCount(), generated.nodeExecutionCount(), generated.messageCount(), generation);

            long scanStart = System.nanoTime();
            long scannedBytes = rawScan(dify);
            double scan = seconds(scanStart);

            Map<String, String> env = Map.of("DIFY_DB_URL", dify.jdbcUrl(), "DIFY_DB_USERNAME", dify.username(),
                    "BACKFILL_DB_URL", state.jdbcUrl(), "BACKFILL_DB_USERNAME", state.username(),
                    "WANDB_API_KEY", "benchmark", "WEAVE_PROJECT", "bench/backfill", "WF_TRACE_SERVER_URL", weave.baseUrl());
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap));
            String jvmArgs = System.getProperty("bench.jvmArgs", "");
            if (!jvmArgs.isBlank()) {
                command.addAll(List.of(jvmArgs.trim().split("\\s+")));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), BackfillApplication.class.getName(),
                    "migrate", "--to=2026-12-01T00:00:00Z"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(new File(work.toFile(), "migrate.out"))
                    .redirectError(new File(work.toFile(), "migrate.err"));
            builder.environment().putAll(env);
            long start = System.nanoTime();
            Process child = builder.start();
            long peakRssKb = 0;
            while (!child.waitFor(200, TimeUnit.MILLISECONDS)) {
                peakRssKb = Math.max(peakRssKb, rssKb(child.pid()));
            }
            double wall = seconds(start);
            String out = Files.readString(work.resolve("migrate.out"));
            System.out.println(out);
            if (child.exitValue() != 0) {
                throw new AssertionError("migrate failed: " + Files.readString(work.resolve("migrate.err")));
            }
            long traces = number(out, "(\\d+) traces");
            long calls = number(out, "(\\d+) calls delivered");
            double mb = weave.bytes.get() / 1e6;
            System.out.println("=== benchmark ===");
            System.out.printf("dataset: %d workflow runs, %d node executions, %d messages (%d traces)%n",
                    generated.workflowRunCount(), generated.nodeExecutionCount(), generated.messageCount(), traces);
            System.out.printf("migrate: %.1f s wall, %.0f traces/s, %.0f calls/s, %.1f MB/s (%.0f MB sent in %d requests)%n",
                    wall, traces / wall, calls / wall, mb / wall, mb, weave.requests.get());
            System.out.printf("memory: -Xmx%s, peak RSS %.0f MB%n", heap, peakRssKb / 1024.0);
            System.out.printf("raw JDBC scan of the same columns: %.1f s (%.0f MB of text)%n", scan, scannedBytes / 1e6);
            System.out.printf("ratio backfill / scan: %.2f%n", wall / scan);
        }
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
