package dev.difyweave.backfill.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.scheduling.support.CronExpression;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.difyweave.backfill.report.MetricsEndpoint;

/**
 * {@code schedule}: a long-running process that fires the job definitions of {@code jobs/} that have a
 * {@code schedule} (Spring cron, UTC) and runs each as its command would from the command line. Runs
 * are sequential: a trigger that passes while a run is going on is skipped and logged, so a job never
 * runs twice at a time; another process running the same sync scope makes the run skip (the
 * launcher's scope lock). SIGTERM stops the running execution at a chunk boundary (resumable) and
 * ends the loop. With {@code management.server.port} set, the process serves the metrics of its runs
 * ({@link MetricsEndpoint}) while it loops.
 */
final class ScheduleCommand {

    @Command(name = "schedule", description = Usage.SCHEDULE)
    static final class Options {

        @Option(names = "--jobs-dir", paramLabel = "<dir>", converter = OptionTypes.Text.class,
                description = "where the job definitions are (default jobs/)")
        String jobsDir = "jobs";

        @Option(names = "--max-runs", paramLabel = "<n>", converter = OptionTypes.Number.class,
                description = "end after that many runs (default: run until SIGTERM)")
        long maxRuns = Long.MAX_VALUE;

        @Mixin
        HelpOption help;
    }

    private final PrintStream out;
    private final Clock clock;
    private final Function<String[], Integer> runner;
    private final Runnable preflight;
    private volatile boolean stopping;
    /** Only a waiting scheduler is interrupted; a running job is stopped by GracefulShutdown at a chunk boundary. */
    private volatile boolean waiting;

    /** @param preflight checks the stores every scheduled run needs, once before the loop (throws when they do not answer) */
    ScheduleCommand(PrintStream out, Clock clock, Function<String[], Integer> runner, Runnable preflight) {
        this.out = out;
        this.clock = clock;
        this.runner = runner;
        this.preflight = preflight;
    }

    private record Scheduled(JobDefinition job, CronExpression cron) {
    }

    int run(Options options) {
        Path dir = Path.of(options.jobsDir);
        long maxRuns = options.maxRuns;
        List<Scheduled> jobs = load(dir);
        if (jobs.isEmpty()) {
            throw new UsageException("no job definition with a 'schedule' in " + dir);
        }
        preflight.run();
        try (MetricsEndpoint metrics = MetricsEndpoint.open()) {
            return loop(jobs, maxRuns);
        }
    }

    private int loop(List<Scheduled> jobs, long maxRuns) {
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            stopping = true;
            if (waiting) {
                main.interrupt();
            }
        }, "schedule-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Map<String, Instant> next = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (Scheduled s : jobs) {
            next.put(s.job().name(), nextAfter(s.cron(), now));
            out.println("scheduled " + s.job().name() + " (" + s.job().command() + ", '" + s.job().schedule()
                    + "' UTC), next at " + next.get(s.job().name()));
        }
        long runs = 0;
        while (!stopping && runs < maxRuns) {
            Scheduled due = jobs.stream().min(Comparator.comparing(s -> next.get(s.job().name()))).orElseThrow();
            Instant at = next.get(due.job().name());
            if (!sleepUntil(at)) {
                break;
            }
            out.println(clock.instant() + " running " + due.job().name());
            int status = runner.apply(new String[] {due.job().command(), "--job=" + due.job().file()});
            runs++;
            out.println(clock.instant() + " " + due.job().name() + " ended with exit status " + status);
            Instant after = clock.instant();
            for (Scheduled s : jobs) {
                Instant planned = next.get(s.job().name());
                if (!planned.isAfter(after)) {
                    Instant following = nextAfter(s.cron(), after);
                    if (!s.equals(due)) {
                        out.println("skipped the trigger of " + s.job().name() + " at " + planned + " (a run was going on)");
                    }
                    next.put(s.job().name(), following);
                }
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // SIGTERM: the hook already ran
        }
        out.println("schedule stopped after " + runs + " runs");
        return BackfillCli.OK;
    }

    private boolean sleepUntil(Instant at) {
        while (!stopping) {
            long millis = at.toEpochMilli() - clock.millis();
            if (millis <= 0) {
                return true;
            }
            waiting = true;
            try {
                Thread.sleep(Math.min(millis, 1000));
            } catch (InterruptedException e) {
                return false;
            } finally {
                waiting = false;
            }
        }
        return false;
    }

    private static Instant nextAfter(CronExpression cron, Instant after) {
        LocalDateTime next = cron.next(LocalDateTime.ofInstant(after, ZoneOffset.UTC));
        if (next == null) {
            return Instant.MAX;
        }
        return next.toInstant(ZoneOffset.UTC);
    }

    private static List<Scheduled> load(Path dir) {
        List<Scheduled> jobs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.yaml")) {
            for (Path file : files) {
                JobDefinition job = JobDefinition.load(file);
                if (job.schedule() == null) {
                    continue;
                }
                try {
                    jobs.add(new Scheduled(job, CronExpression.parse(job.schedule())));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(file + ": 'schedule' is not a cron expression (second minute hour day "
                            + "month weekday): " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read job definitions in " + dir, e);
        }
        return jobs;
    }
}
