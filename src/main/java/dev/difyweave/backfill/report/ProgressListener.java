package dev.difyweave.backfill.report;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import dev.difyweave.backfill.job.BackfillRequest;
import dev.difyweave.backfill.job.TraceItemWriter;
import dev.difyweave.backfill.partition.PartitionRange;

/**
 * While a step runs, one progress line every {@code interval} (5 s) on a terminal: traces and calls
 * done in this run of the step, their rate, where in the window the reader is, and an ETA. Nothing is
 * printed when stdout is no terminal ({@code System.console() == null}: tests, cron, pipes), nor for a
 * step that finishes within the first interval.
 *
 * <p>The window's total number of roots is not known without counting Dify's tables, which is not
 * cheap; what is known cheaply is the reader's checkpoint, the {@code created_at} of the last root it
 * handed out, and the window's end. The ETA extrapolates the pace at which that position moved
 * through the window's time span so far (marked {@code ~}); it is left out until the position moved,
 * and for steps whose position is not in the window (the pending roots of a sync).
 */
public final class ProgressListener implements StepExecutionListener {

    /** The default interval between two lines. */
    public static final Duration INTERVAL = Duration.ofSeconds(5);

    private static final String POSITION_SUFFIX = ".last.created_at";

    private final PrintStream out;
    private final boolean enabled;
    private final Duration interval;
    private final LongSupplier nanoTime;
    /** The step executions running now, by id: the partitions of one step run at once on several threads. */
    private final Map<Long, Ticking> running = new ConcurrentHashMap<>();

    /** A running step execution and the thread that prints its lines. */
    private static final class Ticking {
        final Run run;
        final ScheduledExecutorService ticker;
        volatile boolean printed;

        Ticking(Run run, ScheduledExecutorService ticker) {
            this.run = run;
            this.ticker = ticker;
        }
    }

    /** The state of one step execution, as seen from the ticker thread. */
    static final class Run {
        final StepExecution step;
        final long startNanos;
        final long callsBefore;
        final Instant windowFrom;
        final Instant windowTo;
        LocalDateTime origin;
        long originNanos;

        Run(StepExecution step, long startNanos) {
            this.step = step;
            this.startNanos = startNanos;
            this.callsBefore = step.getExecutionContext().getLong(TraceItemWriter.CALLS, 0L);
            Instant from = null;
            Instant to = null;
            try {
                BackfillRequest request = BackfillRequest.fromJobParameters(step.getJobExecution().getJobParameters());
                from = request.from();
                to = request.to();
                PartitionRange partition = PartitionRange.fromContext(step.getStepName(),
                        step.getExecutionContext().toMap());
                if (partition != null && !partition.isEmpty()) {
                    from = partition.from().toInstant(ZoneOffset.UTC);
                    to = partition.to().toInstant(ZoneOffset.UTC);
                }
            } catch (RuntimeException notABackfillJob) {
                // no window: lines without position and ETA
            }
            this.windowFrom = from;
            this.windowTo = to;
            this.origin = position(step);
            this.originNanos = startNanos;
        }
    }

    public ProgressListener(PrintStream out, boolean enabled, Duration interval, LongSupplier nanoTime) {
        this.out = out;
        this.enabled = enabled;
        this.interval = interval;
        this.nanoTime = nanoTime;
    }

    /** Lines on {@code System.out} every 5 s, only when stdout is a terminal. */
    public static ProgressListener onTerminal() {
        return new ProgressListener(System.out, System.console() != null, INTERVAL, System::nanoTime);
    }

    public boolean enabled() {
        return enabled;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        if (!enabled) {
            return;
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress-" + stepExecution.getStepName());
            t.setDaemon(true);
            return t;
        });
        Ticking ticking = new Ticking(new Run(stepExecution, nanoTime.getAsLong()), ticker);
        running.put(stepExecution.getId(), ticking);
        long millis = interval.toMillis();
        ticker.scheduleAtFixedRate(() -> tick(ticking), millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        Ticking ticking = running.remove(stepExecution.getId());
        if (!enabled || ticking == null) {
            return null;
        }
        ticking.ticker.shutdownNow();
        try {
            ticking.ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ticking.printed) {
            out.println(line(ticking.run, nanoTime.getAsLong(), stepExecution.getStatus().name().toLowerCase(Locale.ROOT)));
        }
        return null;
    }

    private void tick(Ticking ticking) {
        try {
            out.println(line(ticking.run, nanoTime.getAsLong(), null));
            ticking.printed = true;
        } catch (RuntimeException e) {
            // progress must never disturb the run
        }
    }

    /** One progress line; {@code done} is the final status, {@code null} while running. */
    static String line(Run run, long nowNanos, String done) {
        StepExecution step = run.step;
        long traces = step.getWriteCount();
        long calls = step.getExecutionContext().getLong(TraceItemWriter.CALLS, 0L) - run.callsBefore;
        double seconds = Math.max(1e-3, (nowNanos - run.startNanos) / 1e9);
        StringBuilder line = new StringBuilder();
        line.append('[').append(step.getStepName()).append("] ")
                .append(String.format(Locale.ROOT, "%,d traces, %,d calls in %s (%.1f traces/s, %.1f calls/s)", traces,
                        calls, elapsed(Duration.ofNanos(nowNanos - run.startNanos)), traces / seconds, calls / seconds));
        LocalDateTime position = position(step);
        if (position != null && run.windowFrom != null && inWindow(position, run)) {
            line.append(", at ").append(position.toLocalDate());
            if (run.origin == null || !inWindow(run.origin, run)) {
                run.origin = position;
                run.originNanos = nowNanos;
            }
            String eta = done == null ? eta(run, position, nowNanos) : null;
            if (eta != null) {
                line.append(", ETA ~").append(eta);
            }
        }
        if (done != null) {
            line.append(" (").append(done).append(')');
        }
        return line.toString();
    }

    private static boolean inWindow(LocalDateTime position, Run run) {
        Instant at = position.toInstant(ZoneOffset.UTC);
        return !at.isBefore(run.windowFrom) && at.isBefore(run.windowTo);
    }

    private static String eta(Run run, LocalDateTime position, long nowNanos) {
        Instant origin = run.origin.toInstant(ZoneOffset.UTC);
        Instant at = position.toInstant(ZoneOffset.UTC);
        long covered = Duration.between(origin, at).toMillis();
        long took = nowNanos - run.originNanos;
        if (covered <= 0 || took <= 0) {
            return null;
        }
        long left = Duration.between(at, run.windowTo).toMillis();
        double nanosLeft = (double) took * left / covered;
        return elapsed(Duration.ofNanos((long) Math.min(nanosLeft, Long.MAX_VALUE / 2.0)));
    }

    /** The reader's checkpoint in the step context ({@code <reader>.last.created_at}), when it has one. */
    static LocalDateTime position(StepExecution step) {
        for (Map.Entry<String, Object> e : step.getExecutionContext().entrySet()) {
            if (e.getKey().endsWith(POSITION_SUFFIX) && e.getValue() instanceof String value) {
                try {
                    return LocalDateTime.parse(value);
                } catch (RuntimeException notADate) {
                    return null;
                }
            }
        }
        return null;
    }

    static String elapsed(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 100 * 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86400, (s % 86400) / 3600);
    }
}
