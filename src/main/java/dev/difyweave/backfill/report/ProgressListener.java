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
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import dev.difyweave.backfill.job.BackfillRequest;
import dev.difyweave.backfill.job.TraceItemWriter;
import dev.difyweave.backfill.partition.PartitionRange;

/**
 * While a step runs, a progress line at a fixed interval: traces and calls done in this run of the step,
 * their rate, where in the window the reader is, and an ETA ({@link ProgressLine}). On a terminal
 * ({@code System.console() != null}) the line goes to stdout every 5 s; otherwise (cron, CI, a pipe, a
 * container's log) it is logged at INFO every {@code backfill.progress.interval} (default 30 s), so it
 * reaches stderr with the other logs, as JSON with Boot's structured logging. Nothing is written for a
 * step that finishes within the first interval.
 *
 * <p>The window's total number of roots is not known without counting Dify's tables, which is not
 * cheap; what is known cheaply is the reader's checkpoint, the {@code created_at} of the last root it
 * handed out, and the window's end. The ETA extrapolates the pace at which that position moved
 * through the window's time span so far (marked {@code ~}); it is left out until the position moved,
 * and for steps whose position is not in the window (the pending roots of a sync).
 */
public final class ProgressListener implements StepExecutionListener {

    /** The interval between two lines on a terminal. */
    public static final Duration TERMINAL_INTERVAL = Duration.ofSeconds(5);
    /** The Spring property of the interval between two logged lines, and its default. */
    public static final String INTERVAL_PROPERTY = "backfill.progress.interval";
    public static final Duration DEFAULT_LOG_INTERVAL = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);
    private static final String POSITION_SUFFIX = ".last.created_at";

    private final Consumer<ProgressLine> out;
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

    public ProgressListener(Consumer<ProgressLine> out, Duration interval, LongSupplier nanoTime) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(INTERVAL_PROPERTY + " must be positive, got " + interval);
        }
        this.out = out;
        this.interval = interval;
        this.nanoTime = nanoTime;
    }

    /** On a terminal, lines on stdout every 5 s; otherwise logged lines every {@code logInterval}. */
    public static ProgressListener forThisProcess(Duration logInterval) {
        return System.console() != null ? printing(System.out, TERMINAL_INTERVAL) : logging(logInterval);
    }

    static ProgressListener printing(PrintStream stream, Duration interval) {
        return new ProgressListener(line -> stream.println(line.text()), interval, System::nanoTime);
    }

    static ProgressListener logging(Duration interval) {
        return new ProgressListener(line -> line.log(log), interval, System::nanoTime);
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
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
        if (ticking == null) {
            return null;
        }
        ticking.ticker.shutdownNow();
        try {
            ticking.ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ticking.printed) {
            out.accept(line(ticking.run, nanoTime.getAsLong(), stepExecution.getStatus().name().toLowerCase(Locale.ROOT)));
        }
        return null;
    }

    private void tick(Ticking ticking) {
        try {
            out.accept(line(ticking.run, nanoTime.getAsLong(), null));
            ticking.printed = true;
        } catch (RuntimeException e) {
            // progress must never disturb the run
        }
    }

    /** One progress line; {@code done} is the final status, {@code null} while running. */
    static ProgressLine line(Run run, long nowNanos, String done) {
        StepExecution step = run.step;
        long traces = step.getWriteCount();
        long calls = step.getExecutionContext().getLong(TraceItemWriter.CALLS, 0L) - run.callsBefore;
        LocalDateTime position = position(step);
        if (position == null || run.windowFrom == null || !inWindow(position, run)) {
            position = null;
        } else if (run.origin == null || !inWindow(run.origin, run)) {
            run.origin = position;
            run.originNanos = nowNanos;
        }
        Duration eta = position != null && done == null ? eta(run, position, nowNanos) : null;
        return new ProgressLine(step.getStepName(), traces, calls, Duration.ofNanos(nowNanos - run.startNanos),
                position == null ? null : position.toLocalDate(), eta, done);
    }

    private static boolean inWindow(LocalDateTime position, Run run) {
        Instant at = position.toInstant(ZoneOffset.UTC);
        return !at.isBefore(run.windowFrom) && at.isBefore(run.windowTo);
    }

    private static Duration eta(Run run, LocalDateTime position, long nowNanos) {
        Instant origin = run.origin.toInstant(ZoneOffset.UTC);
        Instant at = position.toInstant(ZoneOffset.UTC);
        long covered = Duration.between(origin, at).toMillis();
        long took = nowNanos - run.originNanos;
        if (covered <= 0 || took <= 0) {
            return null;
        }
        long left = Duration.between(at, run.windowTo).toMillis();
        double nanosLeft = (double) took * left / covered;
        return Duration.ofNanos((long) Math.min(nanosLeft, Long.MAX_VALUE / 2.0));
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
}
