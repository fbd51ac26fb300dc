package dev.difyweave.backfill.report;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One progress line of a running step: traces and calls done in this run of the step, their rate, where
 * in the window the reader is and an ETA (both when known), and the step's final status on its last line.
 * {@link #text()} is what a terminal shows; {@link #log(Logger)} logs the same text with the values as
 * key-value pairs, which Boot's structured logging writes as JSON members ({@code backfill.step},
 * {@code backfill.traces}, ...).
 *
 * @param position the {@code created_at} day the reader has reached, {@code null} when not in the window
 * @param eta      the estimated time left, {@code null} when unknown
 * @param done     the step's final status (lower case), {@code null} while it runs
 */
record ProgressLine(String step, long traces, long calls, Duration elapsed, LocalDate position, Duration eta,
        String done) {

    String text() {
        StringBuilder line = new StringBuilder();
        line.append('[').append(step).append("] ")
                .append(String.format(Locale.ROOT, "%,d traces, %,d calls in %s (%.1f traces/s, %.1f calls/s)", traces,
                        calls, shortDuration(elapsed), tracesPerSecond(), callsPerSecond()));
        if (position != null) {
            line.append(", at ").append(position);
            if (eta != null) {
                line.append(", ETA ~").append(shortDuration(eta));
            }
        }
        if (done != null) {
            line.append(" (").append(done).append(')');
        }
        return line.toString();
    }

    void log(Logger log) {
        LoggingEventBuilder event = log.atInfo()
                .addKeyValue("backfill.step", step)
                .addKeyValue("backfill.traces", traces)
                .addKeyValue("backfill.calls", calls)
                .addKeyValue("backfill.seconds", elapsed.toSeconds())
                .addKeyValue("backfill.traces_per_second", round(tracesPerSecond()))
                .addKeyValue("backfill.calls_per_second", round(callsPerSecond()));
        if (position != null) {
            event = event.addKeyValue("backfill.position", position.toString());
        }
        if (eta != null) {
            event = event.addKeyValue("backfill.eta_seconds", eta.toSeconds());
        }
        if (done != null) {
            event = event.addKeyValue("backfill.step_status", done);
        }
        event.log(text());
    }

    double tracesPerSecond() {
        return traces / seconds();
    }

    double callsPerSecond() {
        return calls / seconds();
    }

    private double seconds() {
        return Math.max(1e-3, elapsed.toNanos() / 1e9);
    }

    private static double round(double rate) {
        return Math.round(rate * 10) / 10.0;
    }

    /** {@code 42s}, {@code 2m05s}, {@code 3h05m}, {@code 6d06h}. */
    static String shortDuration(Duration d) {
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
