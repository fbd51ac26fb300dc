package dev.difyweave.backfill.call;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the backfill does with the content of Dify's rows (prompts, answers, tool arguments and
 * results, node inputs/outputs, error messages): send it ({@code keep}), leave it out ({@code drop})
 * or send a stable hash of every string ({@code hash}). See {@link ContentPolicy}.
 */
public enum ContentMode {
    KEEP, DROP, HASH;

    /** The value as written on the command line, in job definitions, job parameters and attributes. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code value} ({@code keep}, {@code drop}, {@code hash}); {@code null} is {@code keep}. */
    public static ContentMode of(String value) {
        if (value == null || value.isEmpty()) {
            return KEEP;
        }
        for (ContentMode mode : values()) {
            if (mode.parameter().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException("content mode must be one of "
                + Arrays.stream(values()).map(ContentMode::parameter).collect(Collectors.joining("|")) + ", got '"
                + value + "'");
    }
}
