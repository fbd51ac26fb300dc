package dev.difyweave.backfill.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How option values are read, named in an option's declaration ({@code converter = ...}). A value
 * that does not fit fails with the rest of its one-line reason; {@link OptionParser} puts the option's
 * name in front ({@code --from must be an ISO-8601 date-time ...}). Public for the commands of
 * {@link ExtraCommand}.
 */
public final class OptionTypes {

    /** The reason of an empty value: {@code --name needs a value: --name=...}. */
    static final String NEEDS_VALUE = "needs a value";

    private OptionTypes() {
    }

    /** Any text but an empty one. */
    public static final class Text implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return required(value);
        }
    }

    /** One item of a comma-separated list, trimmed. */
    public static final class Item implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return required(value).trim();
        }
    }

    /** {@code --flag}, {@code --flag=true} or {@code --flag=false}. */
    public static final class Flag implements ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            if (value.equalsIgnoreCase("true")) {
                return true;
            }
            if (value.equalsIgnoreCase("false")) {
                return false;
            }
            throw new TypeConversionException("takes no value (or true/false), got '" + value + "'");
        }
    }

    /** ISO-8601 instant, offset date-time, local date-time (UTC) or date (UTC midnight). */
    public static final class Time implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            required(value);
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
                    } catch (DateTimeParseException notDate) {
                        throw new TypeConversionException("must be an ISO-8601 date-time such as 2025-06-01T00:00:00Z, got '"
                                + value + "'");
                    }
                }
            }
        }
    }

    /** A non-negative ISO-8601 duration. */
    public static final class Length implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            required(value);
            Duration duration;
            try {
                duration = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("must be an ISO-8601 duration such as PT10M, got '" + value + "'");
            }
            if (duration.isNegative()) {
                throw new TypeConversionException("must not be negative");
            }
            return duration;
        }
    }

    public static final class Uuid implements ITypeConverter<UUID> {
        @Override
        public UUID convert(String value) {
            try {
                return UUID.fromString(required(value).trim());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("must be a UUID, got '" + value + "'");
            }
        }
    }

    /** A whole number from 1 to a maximum. */
    abstract static class Between implements ITypeConverter<Integer> {

        private final int max;

        Between(int max) {
            this.max = max;
        }

        @Override
        public Integer convert(String value) {
            required(value);
            try {
                int n = Integer.parseInt(value.trim());
                if (n >= 1 && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // the same reason as out of range
            }
            throw new TypeConversionException("must be a number from 1 to " + max + ", got '" + value + "'");
        }
    }

    static final class ChunkSize extends Between {
        ChunkSize() {
            super(10_000);
        }
    }

    static final class BatchCalls extends Between {
        BatchCalls() {
            super(100_000);
        }
    }

    static final class BatchBytes extends Between {
        BatchBytes() {
            super(31 * 1024 * 1024);
        }
    }

    static final class Partitions extends Between {
        Partitions() {
            super(64);
        }
    }

    static final class RowsPerSecond extends Between {
        RowsPerSecond() {
            super(10_000_000);
        }
    }

    /** A whole number of at least 1 and no upper bound. */
    static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int n = Integer.parseInt(required(value).trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // the same reason as below 1
            }
            throw new TypeConversionException("must be a positive number");
        }
    }

    /** A whole number, any sign. */
    public static final class Number implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.parseLong(required(value).trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("must be a number");
            }
        }
    }

    /** A job execution id, as {@code status} shows them. */
    static final class ExecutionId implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.parseLong(required(value).trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("must be an execution id (see status)");
            }
        }
    }

    private static String required(String value) {
        if (value == null || value.isBlank()) {
            throw new TypeConversionException(NEEDS_VALUE);
        }
        return value;
    }
}
