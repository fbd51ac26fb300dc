package dev.difyweave.backfill.testsupport;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Id and project-id formats accepted by the Weave trace server ({@code validation.py}). */
final class WeaveIds {

    private static final Pattern HEX_16 = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern HEX_32 = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private WeaveIds() {
    }

    /** {@code id} / {@code parent_id}: a lowercase canonical UUID or a 16-hex OTel span id. */
    static boolean isValidCallId(String value) {
        return HEX_16.matcher(value).matches() || isCanonicalUuid(value);
    }

    /** {@code trace_id}: a lowercase canonical UUID or a 32-hex OTel trace id. */
    static boolean isValidTraceId(String value) {
        return HEX_32.matcher(value).matches() || isCanonicalUuid(value);
    }

    /** Python's {@code str(uuid.UUID(x)) == x}: 36 chars, hyphenated, lowercase. The version is not checked. */
    static boolean isCanonicalUuid(String value) {
        if (value.length() != 36 || !value.equals(value.toLowerCase(Locale.ROOT))) {
            return false;
        }
        try {
            return UUID.fromString(value).toString().equals(value);
        } catch (IllegalArgumentException notAUuid) {
            return false;
        }
    }

    /** {@code "entity/project"}: exactly one slash, both parts non-empty. */
    static boolean isValidProjectId(String value) {
        int slash = value.indexOf('/');
        return slash > 0 && slash < value.length() - 1 && value.indexOf('/', slash + 1) < 0;
    }

    /** What the server does when a start arrives without an id: a fresh UUIDv7. */
    static String newUuid7() {
        long millis = System.currentTimeMillis();
        long mostSignificant = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0fffL);
        long leastSignificant = (RANDOM.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}
