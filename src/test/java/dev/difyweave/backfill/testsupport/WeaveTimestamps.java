package dev.difyweave.backfill.testsupport;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import tools.jackson.databind.JsonNode;

/**
 * Datetimes as pydantic reads them and the server writes them: ISO-8601 with {@code Z} or an offset, naive = UTC,
 * unix seconds or milliseconds as numbers; stored with microsecond precision ({@code DateTime64(6)}); written back
 * in UTC with {@code Z}.
 */
final class WeaveTimestamps {

    private static final DateTimeFormatter ISO_INPUT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_DATE_TIME)
            .toFormatter();
    private static final DateTimeFormatter UTC_OUTPUT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** pydantic: numbers above this are milliseconds, below it seconds. */
    private static final BigDecimal MILLIS_THRESHOLD = new BigDecimal("2e10");

    private WeaveTimestamps() {
    }

    /** @throws IllegalArgumentException if the value is not a datetime pydantic would accept */
    static Instant parse(JsonNode value) {
        if (value.isNumber()) {
            return fromEpochNumber(value.decimalValue());
        }
        if (!value.isString()) {
            throw new IllegalArgumentException("not a string or number");
        }
        String text = value.stringValue();
        if (text.length() > 10 && text.charAt(10) == ' ') {
            text = text.substring(0, 10) + 'T' + text.substring(11);
        }
        try {
            TemporalAccessor parsed = ISO_INPUT.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            Instant instant = parsed instanceof OffsetDateTime withOffset
                    ? withOffset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            return instant.truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static String format(Instant instant) {
        return UTC_OUTPUT.format(instant);
    }

    private static Instant fromEpochNumber(BigDecimal number) {
        BigDecimal seconds = number.abs().compareTo(MILLIS_THRESHOLD) > 0 ? number.movePointLeft(3) : number;
        long micros = seconds.movePointRight(6).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
