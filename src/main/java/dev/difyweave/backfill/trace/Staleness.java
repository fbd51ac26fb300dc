package dev.difyweave.backfill.trace;

import java.time.Duration;
import java.time.Instant;

/**
 * When an unfinished Dify root stops waiting (C15, {@code --stale-after}): a run still
 * {@code running}/{@code paused} or a message whose answer was never saved, created more than
 * {@code after} before {@code asOf} (when the window was first launched), is sent as it is, with an
 * exception naming its Dify status and age.
 */
public record Staleness(Instant asOf, Duration after) {

    public static final Duration DEFAULT_AFTER = Duration.ofDays(1);

    public Staleness {
        if (after.isNegative()) {
            throw new IllegalArgumentException("--stale-after must not be negative");
        }
    }

    /** Roots created before this instant are stale while unfinished. */
    public Instant staleBefore() {
        return asOf.minus(after);
    }

    /** The exception of a root sent unfinished: its Dify status, its age at {@link #asOf}, and why it was sent. */
    public String exception(String what, String difyState, Instant createdAt) {
        return what + " was still " + difyState + " in Dify " + age(Duration.between(createdAt, asOf))
                + " after it started (as of " + asOf + "); dify-weave-backfill sent it as it is after --stale-after="
                + after;
    }

    static String age(Duration age) {
        long minutes = Math.max(0, age.toMinutes());
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        if (days > 0) {
            return days + (days == 1 ? " day " : " days ") + hours + (hours == 1 ? " hour" : " hours");
        }
        return hours + (hours == 1 ? " hour " : " hours ") + minutes % 60 + " min";
    }
}
