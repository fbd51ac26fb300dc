package dev.difyweave.demo.generator;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Time as Dify stores it: microseconds since the epoch, rendered as naive UTC {@link LocalDateTime}s.
 * Nothing here looks at the JVM's default zone.
 */
final class UtcTime {

    static final long MICROS_PER_SECOND = 1_000_000L;
    static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

    private static final DateTimeFormatter PYTHON_STR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter PYTHON_STR_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private UtcTime() {
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND),
                instant.getNano() / 1_000);
    }

    static LocalDateTime utc(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                (int) Math.floorMod(micros, MICROS_PER_SECOND) * 1_000, ZoneOffset.UTC);
    }

    /** Rounded to whole seconds, like PostgreSQL's {@code CURRENT_TIMESTAMP(0)} defaults. */
    static LocalDateTime utcSeconds(long micros) {
        long seconds = Math.floorDiv(micros + MICROS_PER_SECOND / 2, MICROS_PER_SECOND);
        return LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    }

    /** Truncated to whole seconds, still in microseconds. */
    static long wholeSeconds(long micros) {
        return Math.floorDiv(micros, MICROS_PER_SECOND) * MICROS_PER_SECOND;
    }

    static long epochSeconds(long micros) {
        return Math.floorDiv(micros, MICROS_PER_SECOND);
    }

    /** Python's {@code str(datetime)}, which Dify uses as the version of a published workflow. */
    static String pythonString(long micros) {
        LocalDateTime time = utc(micros);
        return time.getNano() == 0 ? PYTHON_STR_SECONDS.format(time) : PYTHON_STR.format(time);
    }

    static double seconds(long micros) {
        return micros / (double) MICROS_PER_SECOND;
    }
}
