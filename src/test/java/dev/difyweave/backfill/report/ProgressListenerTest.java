package dev.difyweave.backfill.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.step.StepExecution;

import dev.difyweave.backfill.job.BackfillRequest;
import dev.difyweave.backfill.job.TraceItemWriter;
import dev.difyweave.backfill.testsupport.LoggedEvents;

class ProgressListenerTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void offATerminalTheLineIsLoggedWithItsValuesAsKeyValuePairs() throws Exception {
        // surefire's stdout is no terminal, as under cron: the listener every step gets logs its lines
        assertThat(System.console()).isNull();
        try (LoggedEvents logged = LoggedEvents.of(ProgressListener.class)) {
            ProgressListener listener = ProgressListener.forThisProcess(Duration.ofMillis(20));
            StepExecution step = step();
            step.getExecutionContext().putLong(TraceItemWriter.CALLS, 100);
            listener.beforeStep(step);
            step.setWriteCount(30);
            step.getExecutionContext().putLong(TraceItemWriter.CALLS, 520);
            step.getExecutionContext().putString("workflowRuns.last.created_at", "2026-03-02T00:00:00");

            ILoggingEvent first = logged.next(l -> l.getFormattedMessage().contains("30 traces"));
            step.setStatus(BatchStatus.COMPLETED);
            listener.afterStep(step);
            ILoggingEvent last = logged.next(l -> l.getFormattedMessage().endsWith("(completed)"));

            assertThat(first.getLevel()).isEqualTo(Level.INFO);
            assertThat(first.getFormattedMessage()).startsWith("[workflowTraces] 30 traces, 420 calls in ")
                    .contains(", at 2026-03-02");
            Map<String, Object> values = new HashMap<>();
            first.getKeyValuePairs().forEach(p -> values.put(p.key, p.value));
            assertThat(values).containsEntry("backfill.step", "workflowTraces").containsEntry("backfill.traces", 30L)
                    .containsEntry("backfill.calls", 420L).containsEntry("backfill.position", "2026-03-02")
                    .containsKeys("backfill.seconds", "backfill.traces_per_second", "backfill.calls_per_second")
                    .doesNotContainKey("backfill.step_status");
            assertThat(last.getKeyValuePairs()).anyMatch(p -> p.key.equals("backfill.step_status")
                    && p.value.equals("completed"));
        }
        // afterStep stops the ticker; wait for the thread to end (the event), then nothing of it may be left
        for (Thread ticker : Thread.getAllStackTraces().keySet()) {
            if (ticker.getName().equals("progress-workflowTraces")) {
                ticker.join(TimeUnit.SECONDS.toMillis(10));
            }
        }
        assertThat(Thread.getAllStackTraces().keySet()).as("the ticker ended with the step")
                .noneMatch(t -> t.getName().equals("progress-workflowTraces") && t.isAlive());
    }

    @Test
    void aStepThatEndsWithinTheFirstIntervalWritesNothing() {
        List<String> lines = new ArrayList<>();
        ProgressListener listener = new ProgressListener(line -> lines.add(line.text()), Duration.ofHours(1),
                System::nanoTime);
        StepExecution step = step();

        listener.beforeStep(step);
        step.setStatus(BatchStatus.COMPLETED);
        listener.afterStep(step);

        assertThat(lines).isEmpty();
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() -> ProgressListener.logging(Duration.ZERO))
                .hasMessage("backfill.progress.interval must be positive, got PT0S");
    }

    @Test
    void onATerminalALineComesEveryIntervalAndAFinalOneAtTheEnd() throws Exception {
        Lines out = new Lines();
        ProgressListener listener = ProgressListener.printing(out.stream(), Duration.ofMillis(20));
        StepExecution step = step();

        listener.beforeStep(step);
        step.setWriteCount(30);
        step.getExecutionContext().putLong(TraceItemWriter.CALLS, 420);
        String counted = out.nextLineContaining("30 traces, 420 calls in ");
        String again = out.next();
        Thread ticker = out.writerOf(again);
        step.setStatus(BatchStatus.COMPLETED);
        listener.afterStep(step);

        assertThat(counted).startsWith("[workflowTraces] ").doesNotContain("(completed)");
        assertThat(again).as("the next interval's line").startsWith("[workflowTraces] 30 traces, 420 calls in ")
                .doesNotContain("(completed)");
        assertThat(ticker).isNotSameAs(Thread.currentThread());
        // once the ticker thread has ended no line can follow: the step's last line is the final one
        ticker.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(ticker.isAlive()).as("the ticker ended with the step").isFalse();
        List<String> rest = out.drain();
        assertThat(rest).isNotEmpty().allMatch(l -> l.startsWith("[workflowTraces] "));
        assertThat(rest.get(rest.size() - 1)).startsWith("[workflowTraces] 30 traces, 420 calls in ")
                .endsWith("(completed)").doesNotContain("ETA");
        assertThat(rest.subList(0, rest.size() - 1)).noneMatch(l -> l.contains("(completed)"));
    }

    @Test
    void theLineHasTheRateThePositionInTheWindowAndAnEta() {
        StepExecution step = step();
        step.getExecutionContext().putLong(TraceItemWriter.CALLS, 100);  // inherited from an earlier run
        ProgressListener.Run run = new ProgressListener.Run(step, 0);

        step.setWriteCount(50);
        step.getExecutionContext().putLong(TraceItemWriter.CALLS, 600);
        step.getExecutionContext().putString("workflowRuns.last.created_at", "2026-03-02T00:00:00");
        String first = ProgressListener.line(run, 5 * SECOND, null).text();
        assertThat(first).isEqualTo("[workflowTraces] 50 traces, 500 calls in 5s (10.0 traces/s, 100.0 calls/s), "
                + "at 2026-03-02");

        // one day of the window per 10 s since the first position seen, 8 days left: 80 s
        step.setWriteCount(150);
        step.getExecutionContext().putString("workflowRuns.last.created_at", "2026-03-03T00:00:00");
        String second = ProgressListener.line(run, 15 * SECOND, null).text();
        assertThat(second).isEqualTo("[workflowTraces] 150 traces, 500 calls in 15s (10.0 traces/s, 33.3 calls/s), "
                + "at 2026-03-03, ETA ~1m20s");
    }

    @Test
    void aPositionOutsideTheWindowGivesNoPositionNorEta() {
        StepExecution step = step();
        ProgressListener.Run run = new ProgressListener.Run(step, 0);
        step.getExecutionContext().putString("pendingWorkflowRuns.last.created_at", "2026-01-15T08:00:00");

        assertThat(ProgressListener.line(run, 2 * SECOND, null).text()).isEqualTo(
                "[workflowTraces] 0 traces, 0 calls in 2s (0.0 traces/s, 0.0 calls/s)");
    }

    @Test
    void elapsedTimesAreShort() {
        assertThat(ProgressLine.shortDuration(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(ProgressLine.shortDuration(Duration.ofSeconds(125))).isEqualTo("2m05s");
        assertThat(ProgressLine.shortDuration(Duration.ofMinutes(185))).isEqualTo("3h05m");
        assertThat(ProgressLine.shortDuration(Duration.ofHours(150))).isEqualTo("6d06h");
    }

    private static final class Lines extends OutputStream {

        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Map<String, Thread> writers = new ConcurrentHashMap<>();
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();

        PrintStream stream() {
            return new PrintStream(this, true, StandardCharsets.UTF_8);
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                String line = current.toString(StandardCharsets.UTF_8);
                current.reset();
                writers.putIfAbsent(line, Thread.currentThread());
                lines.add(line);
            } else {
                current.write(b);
            }
        }

        /** The next line, waiting for it up to 10 s. */
        String next() throws InterruptedException {
            String line = lines.poll(10, TimeUnit.SECONDS);
            assertThat(line).as("a progress line within 10 s").isNotNull();
            return line;
        }

        String nextLineContaining(String text) throws InterruptedException {
            String line = next();
            while (!line.contains(text)) {
                line = next();
            }
            return line;
        }

        Thread writerOf(String line) {
            return writers.get(line);
        }

        List<String> drain() {
            List<String> rest = new ArrayList<>();
            lines.drainTo(rest);
            return rest;
        }
    }

    private static StepExecution step() {
        BackfillRequest request = new BackfillRequest(Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-11T00:00:00Z"), List.of(), List.of(), List.of("workflow"),
                BackfillRequest.Sink.DRY_RUN, null, null, false, "migrate", null);
        JobExecution job = new JobExecution(1L, new JobInstance(1L, "traceBackfill"), request.toJobParameters());
        return new StepExecution("workflowTraces", job);
    }
}
