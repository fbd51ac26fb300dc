package dev.difyweave.backfill.trace;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Dify stores naive UTC timestamps; this is the only place they become instants (correction C6). */
public final class DifyTime {

    private DifyTime() {
    }

    public static Instant utc(LocalDateTime naiveUtc) {
        return naiveUtc == null ? null : naiveUtc.toInstant(ZoneOffset.UTC);
    }

    public static Instant plusSeconds(Instant start, double seconds) {
        if (Double.isNaN(seconds) || seconds <= 0) {
            return start;
        }
        return start.plusNanos(Math.round(seconds * 1_000_000_000d));
    }

    /** Weave's {@code latency_ms}: whole milliseconds, floored, never negative. */
    public static long latencyMillis(Instant start, Instant end) {
        return Math.max(0, java.time.Duration.between(start, end).toMillis());
    }
}
