package dev.difyweave.backfill.trace;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Dify stores naive UTC timestamps; this is the only place they become instants (correction C6). */
public final class DifyTime {

    private DifyTime() {
    }

    public static Instant utc(LocalDateTime naiveUtc) {
        return naiveUtc == null ? null : naiveUtc.toInstant(ZoneOffset.UTC);
    }

    /**
     * {@code start + timedelta(seconds=seconds)} as Python computes it: whole microseconds, the
     * fraction rounded half to even (so that {@code ended_at} matches live Dify to the microsecond).
     */
    public static Instant plusSeconds(Instant start, double seconds) {
        if (Double.isNaN(seconds) || seconds <= 0) {
            return start;
        }
        if (seconds > 9e9) {
            return start.plusNanos(Long.MAX_VALUE); // absurd values: as before, about 292 years later
        }
        double whole = Math.floor(seconds);
        long micros = (long) whole * 1_000_000L + (long) Math.rint((seconds - whole) * 1e6);
        return start.plus(micros, ChronoUnit.MICROS);
    }

    /** Weave's {@code latency_ms}: whole milliseconds, floored, never negative. */
    public static long latencyMillis(Instant start, Instant end) {
        return Math.max(0, java.time.Duration.between(start, end).toMillis());
    }
}
