package dev.difyweave.backfill.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/**
 * Start-up: what a cron {@code sync} pays every few minutes when there is nothing (or almost nothing) to
 * do. Each command runs {@code bench.startupRuns} times (default 3) as a child JVM over an empty window,
 * timed from process start to exit, on one state store per command (created fresh, so the first run also
 * creates the state schema; the median is the steady cost):
 * <ul>
 * <li>{@code sync --from=<now - 30 min>} into the discarding Weave sink: the first sync covers the 20
 * minutes before now minus the safety lag, each later one the seconds since the previous watermark;</li>
 * <li>{@code migrate --dry-run} of a day in 2001 (a different day per run, so no run finds its window
 * already done), which needs no Weave.</li>
 * </ul>
 */
final class StartupTimes {

    /** The wall times of one command's runs, in seconds. */
    record Result(String command, List<Double> seconds) {

        double median() {
            return Median.of(seconds);
        }

        String markdownRow() {
            return String.format(Locale.ROOT, "| %s | %s | %.2f |", command,
                    seconds.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).collect(Collectors.joining(", ")),
                    median());
        }
    }

    /** Long before any generated data. */
    private static final LocalDate FIRST_EMPTY_DAY = LocalDate.of(2001, 1, 1);

    private StartupTimes() {
    }

    static List<Result> measure(Path work, TestDatabase dify, DiscardingWeave weave, String heap) throws Exception {
        int runs = Integer.getInteger("bench.startupRuns", 3);
        List<Result> results = new ArrayList<>();
        try (TestDatabase state = TestDatabases.createFresh("benchstartup")) {
            String from = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS).toString();
            List<Double> times = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                times.add(timed(work.resolve("sync-" + i), ChildJvm.env(dify, state, weave), heap,
                        List.of("sync", "--from=" + from)));
            }
            results.add(new Result("`sync` (discarding Weave sink)", times));
        }
        try (TestDatabase state = TestDatabases.createFresh("benchstartup")) {
            List<Double> times = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                times.add(timed(work.resolve("migrate-" + i), ChildJvm.env(dify, state, null), heap,
                        List.of("migrate", "--dry-run", "--from=" + FIRST_EMPTY_DAY.plusDays(i - 1),
                                "--to=" + FIRST_EMPTY_DAY.plusDays(i))));
            }
            results.add(new Result("`migrate --dry-run`", times));
        }
        return results;
    }

    private static double timed(Path work, Map<String, String> env, String heap, List<String> args)
            throws Exception {
        long start = System.nanoTime();
        Process child = ChildJvm.start(work, "run", env, heap, args);
        if (!child.waitFor(10, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new AssertionError(String.join(" ", args) + " did not end within 10 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (child.exitValue() != 0) {
            throw new AssertionError(String.join(" ", args) + " failed (exit " + child.exitValue() + "): "
                    + Files.readString(work.resolve("run.out")) + Files.readString(work.resolve("run.err")));
        }
        List<String> said = Files.readAllLines(work.resolve("run.out")).stream().filter(l -> !l.isBlank()).toList();
        System.out.printf(Locale.ROOT, "start-up %s: %.2f s (it said: %s)%n", String.join(" ", args), seconds,
                said.isEmpty() ? "nothing" : String.join(" / ", said.subList(Math.max(0, said.size() - 3), said.size())));
        return seconds;
    }
}
