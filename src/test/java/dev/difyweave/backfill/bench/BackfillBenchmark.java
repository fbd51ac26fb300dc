package dev.difyweave.backfill.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/**
 * The throughput and start-up benchmark (not a test: run with {@code ./mvnw -B verify -Pbenchmark}).
 *
 * <p>Generates a Dify dataset into PostgreSQL (default 100,000 workflow runs with ~10 nodes each and
 * ~200,000 messages of all modes; {@code -Dbench.runs=}, {@code -Dbench.messages=}) in one of the
 * {@link DatasetShape}s ({@code -Dbench.shape=default|small-payloads}), reads the same source columns as
 * the backfill twice as floors (a JDBC scan, {@link JdbcScan}, and {@code psql \copy}, {@link PsqlCopy}),
 * then runs {@code migrate} as a child JVM with {@code -Xmx<bench.heap>} into a sink that accepts and
 * discards ({@code -Dbench.sink=weave}, the default) or as {@code migrate --dry-run}
 * ({@code -Dbench.sink=dry-run}: assembled and sized, nothing sent). Prints traces/s, calls/s, MB/s, wall
 * time, the job's own time (without the JVM's start), peak heap (from the GC log) and RSS, the CPU seconds of the
 * run's JVMs and of the local PostgreSQL during the run ({@link CpuTimes}), the ratios of
 * the job's time to both floors, the average bytes per call on the wire (in a dry run from a sample: the
 * first tenth of the time range sent to the discarding sink), and the empty-window start-up times
 * ({@link StartupTimes}); then all of it again as markdown tables for {@code docs/performance.md}.
 * {@code -Dbench.configs=local:1,local:2,local:4,remote:2} runs several configurations on the same data,
 * each into a fresh state store (remote ones need the local RabbitMQ); {@code -Dbench.chunk=} sets
 * {@code BACKFILL_CHUNK_SIZE}. {@code -Dbench.repeats=N} measures N rounds (both floors, then each
 * configuration) and reports medians, the ratios taken within each round: this machine's speed drifts by
 * a third within minutes, which one floor and one job measured apart turn into a wrong ratio.
 * {@code -Dbench.database=<name>} reads a database already on the server instead of generating one
 * ({@link BenchDataset}: a dataset an earlier run kept with {@code -Dbench.keep=true}, or a restored copy of a real
 * Dify database). {@code -Dbench.startupOnly=true} measures only the start-up, on a database with Dify's schema
 * and no rows.
 */
@Tag("benchmark")
class BackfillBenchmark {

    @Test
    void migrateAgainstTheRawScan(@TempDir Path work) throws Exception {
        String heap = System.getProperty("bench.heap", "256m");
        try (DiscardingWeave weave = new DiscardingWeave()) {
            if (Boolean.getBoolean("bench.startupOnly")) {
                try (TestDatabase empty = TestDatabases.createDifyDatabase()) {
                    List<StartupTimes.Result> startup = StartupTimes.measure(work.resolve("startup"), empty, weave, heap);
                    System.out.println("=== benchmark results (markdown) ===");
                    printStartup(startup, "empty (Dify's schema, no rows)", heap);
                }
                return;
            }
            throughput(work, weave, heap);
        }
    }

    private static void throughput(Path work, DiscardingWeave weave, String heap) throws Exception {
        boolean dryRun = dryRun(System.getProperty("bench.sink", "weave"));
        List<String> configs = List.of(System.getProperty("bench.configs", "local").split(","));
        String existing = System.getProperty("bench.database", "").trim();
        try (BenchDataset data = existing.isEmpty() ? generated() : BenchDataset.existing(existing)) {
            TestDatabase dify = data.dify();
            List<String> everything = List.of("--to=" + data.start().plus(data.span()));
            int repeats = Integer.getInteger("bench.repeats", 1);
            List<Round> rounds = new ArrayList<>();
            List<Floors> allFloors = new ArrayList<>();
            for (int round = 1; round <= repeats; round++) {
                Floors floors = Floors.measure(dify, work.resolve("psql-" + round));
                allFloors.add(floors);
                for (String config : configs) {
                    try (TestDatabase state = TestDatabases.createFresh("benchstate")) {
                        rounds.add(new Round(floors, run(work.resolve(round + "-" + config.trim().replace(':', '-')),
                                config.trim(), dryRun, everything, dify, state, weave, heap)));
                    }
                }
            }
            ConfigResult first = rounds.get(0).result();
            long scannedChars = allFloors.get(0).scannedChars();
            double scan = Median.of(allFloors.stream().map(Floors::scan).toList());
            double psql = Median.of(allFloors.stream().map(Floors::psql).toList());
            ConfigResult wire = first;
            String wireSource = "all calls, sent to the discarding sink";
            if (dryRun) {
                Instant sampleEnd = data.start().plus(data.span().dividedBy(10));
                try (TestDatabase state = TestDatabases.createFresh("benchstate")) {
                    wire = run(work.resolve("wire-sample"), "local", false,
                            List.of("--from=" + data.start(), "--to=" + sampleEnd), dify, state, weave, heap);
                }
                wireSource = "a sample: the first tenth of the time range (" + wire.calls() + " calls) sent to the discarding sink";
            }
            List<StartupTimes.Result> startup = StartupTimes.measure(work.resolve("startup"), dify, weave, heap);

            System.out.println("=== benchmark results (markdown) ===");
            System.out.printf(Locale.ROOT, "**Dataset `%s`** (%,d workflow runs with %,d node executions + %,d messages: "
                    + "%,d traces, %,d calls; %,.0f bytes per call on the wire, from %s; %,.0f characters of source text per "
                    + "call; JDBC scan %.2f s for %.0f MB of text; `psql \\copy` %.2f s); sink `%s`, `-Xmx%s`:%n%n",
                    data.label(), data.workflowRuns(), data.nodeExecutions(), data.messages(),
                    first.traces(), first.calls(), (double) wire.bytes() / Math.max(1, wire.calls()), wireSource,
                    (double) scannedChars / Math.max(1, first.calls()), scan, scannedChars / 1e6, psql,
                    dryRun ? "dry-run" : "weave", heap + ChildJvm.describeOptions());
            System.out.println("| settings | job time | wall | traces/s | calls/s | MB/s | peak heap | peak RSS "
                    + "| JVM CPU | PostgreSQL CPU | job / scan | job / psql |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
            for (String config : configs) {
                System.out.println(Round.markdownRow(rounds.stream().filter(r -> r.result().config().equals(config.trim()))
                        .toList()));
            }
            if (repeats > 1) {
                System.out.printf(Locale.ROOT, "%nMedians of %d rounds, each a JDBC scan, `psql \\copy` and the job one "
                        + "after the other; the ratios are each round's, so a slower or faster minute of the machine "
                        + "moves floor and job together (floors: scan %s s, psql %s s).%n", repeats,
                        Round.list(allFloors.stream().map(Floors::scan).toList(), "%.2f"),
                        Round.list(allFloors.stream().map(Floors::psql).toList(), "%.2f"));
            }
            System.out.println();
            printStartup(startup, "the generated one", heap);
        }
    }

    private static boolean dryRun(String sink) {
        return switch (sink.trim().toLowerCase(Locale.ROOT)) {
            case "weave" -> false;
            case "dry-run" -> true;
            default -> throw new IllegalArgumentException("bench.sink: weave or dry-run, got " + sink);
        };
    }

    private static void printStartup(List<StartupTimes.Result> startup, String database, String heap) {
        if (startup.isEmpty() || startup.get(0).seconds().isEmpty()) {
            return; // -Dbench.startupRuns=0
        }
        System.out.printf(Locale.ROOT, "**Start-up over an empty window** (Dify database: %s; `-Xmx%s`; wall seconds "
                + "from process start to exit, runs each: %d):%n%n", database, heap, startup.get(0).seconds().size());
        System.out.println("| command | runs (s) | median (s) |");
        System.out.println("|---|---|---|");
        startup.forEach(r -> System.out.println(r.markdownRow()));
    }

    /** The dataset {@code bench.shape}, {@code bench.runs} and {@code bench.messages} describe, generated for the run. */
    private static BenchDataset generated() throws Exception {
        return BenchDataset.generate(DatasetShape.parse(System.getProperty("bench.shape", "default")),
                Integer.getInteger("bench.runs", 100_000), Integer.getInteger("bench.messages", 200_000),
                Boolean.getBoolean("bench.keep"));
    }

    /** One configuration's run: its counts, times and memory; {@code bytes} is what the sink received (0 in a dry run). */
    record ConfigResult(String config, boolean dryRun, long traces, long calls, double wall, double job, long bytes,
            long requests, long peakHeapMb, double peakRssMb, double jvmCpu, double postgresCpu) {
    }

    /** Both floors, measured one after the other: the JDBC scan of the source columns and {@code psql \copy}. */
    record Floors(double scan, long scannedChars, double psql) {

        static Floors measure(TestDatabase dify, Path psqlWork) throws Exception {
            double postgresCpuBefore = CpuTimes.postgres();
            long scanStart = System.nanoTime();
            long scannedChars = JdbcScan.run(dify);
            double scan = seconds(scanStart);
            double scanPostgresCpu = CpuTimes.postgres() - postgresCpuBefore;
            double psql = PsqlCopy.run(dify, psqlWork);
            System.out.printf(Locale.ROOT,
                    "floors: JDBC scan %.2f s (%.0f MB of text; PostgreSQL CPU %.1f s), psql \\copy %.2f s%n", scan,
                    scannedChars / 1e6, scanPostgresCpu, psql);
            return new Floors(scan, scannedChars, psql);
        }
    }

    /** A configuration's job and the floors measured just before it. */
    record Round(Floors floors, ConfigResult result) {

        /** One table row for a configuration's rounds: medians (the ratios: of each round's), and each round's ratios. */
        static String markdownRow(List<Round> rounds) {
            ConfigResult first = rounds.get(0).result();
            double job = Median.of(rounds.stream().map(r -> r.result().job()).toList());
            double wall = Median.of(rounds.stream().map(r -> r.result().wall()).toList());
            List<Double> toScan = rounds.stream().map(r -> r.result().job() / r.floors().scan()).toList();
            List<Double> toPsql = rounds.stream().map(r -> r.result().job() / r.floors().psql()).toList();
            long bytes = rounds.stream().mapToLong(r -> r.result().bytes()).sum() / rounds.size();
            String mbPerSecond = first.dryRun() ? "n/a" : String.format(Locale.ROOT, "%.1f", bytes / 1e6 / job);
            String jobs = rounds.size() == 1 ? "" : " (" + list(rounds.stream().map(r -> r.result().job()).toList()) + ")";
            return String.format(Locale.ROOT,
                    "| %s%s | %.1f s%s | %.1f s | %,.0f | %,.0f | %s | %d MB | %.0f MB | %s | %s | %s | %s |",
                    first.config(), first.dryRun() ? " --dry-run" : "", job, jobs, wall, first.traces() / job,
                    first.calls() / job, mbPerSecond,
                    rounds.stream().mapToLong(r -> r.result().peakHeapMb()).max().orElse(0),
                    rounds.stream().mapToDouble(r -> r.result().peakRssMb()).max().orElse(0),
                    cpu(rounds.stream().map(r -> r.result().jvmCpu()).toList()),
                    cpu(rounds.stream().map(r -> r.result().postgresCpu()).toList()), ratio(toScan), ratio(toPsql));
        }

        /** Median CPU seconds, or n/a when {@code /proc} did not show them. */
        private static String cpu(List<Double> seconds) {
            return seconds.stream().anyMatch(s -> s.isNaN()) ? "n/a"
                    : String.format(Locale.ROOT, "%.1f s", Median.of(seconds));
        }

        private static String ratio(List<Double> ratios) {
            String median = String.format(Locale.ROOT, "%.1f", Median.of(ratios));
            return ratios.size() == 1 ? median : median + " (" + list(ratios) + ")";
        }

        static String list(List<Double> values) {
            return list(values, "%.1f");
        }

        static String list(List<Double> values, String format) {
            return values.stream().map(v -> String.format(Locale.ROOT, format, v))
                    .collect(Collectors.joining(", "));
        }
    }

    /**
     * One configuration on a fresh state store: {@code local} (the default partition count),
     * {@code local:N} ({@code --partitions=N}), or {@code remote:W} (a manager and W worker JVMs over the
     * local RabbitMQ, 4 partitions per step per worker); over {@code window} (the whole dataset's, or a sample's).
     */
    private static ConfigResult run(Path work, String config, boolean dryRun, List<String> window, TestDatabase dify,
            TestDatabase state, DiscardingWeave weave, String heap) throws Exception {
        Files.createDirectories(work);
        long requestsBefore = weave.requests.get();
        long bytesBefore = weave.bytes.get();
        Map<String, String> env = ChildJvm.env(dify, state, dryRun ? null : weave);
        List<String> args = new ArrayList<>(List.of("migrate"));
        args.addAll(window);
        if (dryRun) {
            args.add("--dry-run");
        }
        double childrenCpuBefore = CpuTimes.endedChildren();
        double postgresCpuBefore = CpuTimes.postgres();
        List<Process> workers = new ArrayList<>();
        String[] parts = config.split(":");
        if (parts[0].equals("local") && parts.length > 1) {
            args.add("--partitions=" + parts[1]);
        } else if (parts[0].equals("remote")) {
            int count = Integer.parseInt(parts[1]);
            env.put("BACKFILL_REMOTE_QUEUE", "benchmark-" + System.nanoTime());
            env.put("BACKFILL_REMOTE_POLL", "PT0.2S");
            for (int i = 0; i < count; i++) {
                workers.add(ChildJvm.start(work, "worker-" + i, env, heap, List.of("worker", "--partitions=1")));
            }
            for (int i = 0; i < count; i++) {
                awaitText(work.resolve("worker-" + i + ".out"), "taking partition requests");
            }
            args.addAll(List.of("--remote", "--partitions=" + 4 * count));
        } else if (!parts[0].equals("local")) {
            throw new IllegalArgumentException("bench.configs: local, local:N or remote:W, got " + config);
        }
        long start = System.nanoTime();
        Process child = ChildJvm.start(work, "migrate", env, heap, args);
        long peakRssKb = 0;
        while (!child.waitFor(200, TimeUnit.MILLISECONDS)) {
            peakRssKb = Math.max(peakRssKb, ChildJvm.rssKb(child.pid()));
            for (Process worker : workers) {
                peakRssKb = Math.max(peakRssKb, ChildJvm.rssKb(worker.pid()));
            }
        }
        double wall = seconds(start);
        for (Process worker : workers) {
            worker.destroy();
            worker.waitFor(60, TimeUnit.SECONDS);
        }
        Thread.sleep(300); // the postmaster waits for the backends of the closed connections, so their CPU counts
        double jvmCpu = CpuTimes.endedChildren() - childrenCpuBefore;
        double postgresCpu = CpuTimes.postgres() - postgresCpuBefore;
        String out = Files.readString(work.resolve("migrate.out"));
        System.out.println(out);
        if (child.exitValue() != 0) {
            throw new AssertionError("migrate (" + config + ") failed: " + Files.readString(work.resolve("migrate.err")));
        }
        ConfigResult result = new ConfigResult(config, dryRun, number(out, "(\\d+) traces"),
                number(out, "(\\d+) calls delivered"), wall, jobSeconds(state), weave.bytes.get() - bytesBefore,
                weave.requests.get() - requestsBefore, peakHeapMb(work), peakRssKb / 1024.0, jvmCpu, postgresCpu);
        System.out.printf(Locale.ROOT, "%s%s: %d traces, %d calls, wall %.1f s, job %.1f s, %d requests, %d bytes sent, "
                + "peak heap %d MB, peak RSS %.0f MB, CPU: JVMs %.1f s, PostgreSQL %.1f s%n", config,
                dryRun ? " --dry-run" : "", result.traces(), result.calls(), result.wall(), result.job(), result.requests(),
                result.bytes(), result.peakHeapMb(), result.peakRssMb(), jvmCpu, postgresCpu);
        return result;
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
        Pattern before = Pattern.compile("(\\d+)M->\\d+M\\(\\d+M\\)");
        try (var files = Files.list(work)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".gc.log")).toList()) {
                Matcher m = before.matcher(Files.readString(log));
                while (m.find()) {
                    peak = Math.max(peak, Long.parseLong(m.group(1)));
                }
            }
        }
        return peak;
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        long last = 0;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }

    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
