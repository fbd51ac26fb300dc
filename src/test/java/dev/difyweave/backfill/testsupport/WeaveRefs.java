package dev.difyweave.backfill.testsupport;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code weave:///} ref parsing as the server does it.
 *
 * <p>Two levels, as on the real server: every {@code weave:///} string anywhere in a request is converted from
 * external to internal form, which needs {@code entity/project/rest} ({@link #hasProjectScope}); strings inside
 * {@code inputs}/{@code output} (and {@code op_name}) are then fully parsed as refs ({@link #isValidRef}).
 *
 * <p>Which strings the converter looks at ({@link #rejectedRef}): every string value of the request; one that
 * starts with {@code weave:///} or {@code weave-trace-internal:///} is converted (an internal ref is refused: a
 * client cannot know internal project ids); one that only contains a prefix is decoded with Python's
 * {@code json.loads} ({@link PythonJson}) and, if that works, its string values are looked at by the same rule,
 * JSON inside JSON at most {@value #MAX_REF_SEARCH_DEPTH} times ({@code _MAX_REF_SEARCH_DEPTH}).
 */
final class WeaveRefs {

    static final String PREFIX = "weave:///";
    static final String INTERNAL_PREFIX = "weave-trace-internal:///";
    static final int MAX_REF_SEARCH_DEPTH = 8;

    /** Edge types allowed in the extra path of a ref ({@code .../attr/x/key/y}). */
    private static final Set<String> EXTRA_EDGE_TYPES = Set.of("key", "ndx", "atr", "id", "attr", "index");

    private WeaveRefs() {
    }

    static boolean looksLikeRef(String value) {
        return value.startsWith(PREFIX);
    }

    /**
     * The string the server's ref converter would fail on in this string value of a request, or {@code null}:
     * {@code accepted} tells which {@code weave:///} refs the field takes.
     */
    static String rejectedRef(String value, Predicate<String> accepted) {
        return rejectedRef(value, 0, accepted);
    }

    private static String rejectedRef(String value, int depth, Predicate<String> accepted) {
        if (value.startsWith(INTERNAL_PREFIX)) {
            return value;
        }
        if (value.startsWith(PREFIX)) {
            return accepted.test(value) ? null : value;
        }
        if (depth < MAX_REF_SEARCH_DEPTH && (value.contains(PREFIX) || value.contains(INTERNAL_PREFIX))) {
            Optional<Object> decoded = PythonJson.loads(value);
            if (decoded.isPresent()) {
                for (String embedded : PythonJson.strings(decoded.get())) {
                    String rejected = rejectedRef(embedded, depth + 1, accepted);
                    if (rejected != null) {
                        return rejected;
                    }
                }
            }
        }
        return null;
    }

    static boolean hasProjectScope(String value) {
        String[] parts = value.substring(PREFIX.length()).split("/", 3);
        return parts.length == 3 && !parts[0].isEmpty() && !parts[1].isEmpty() && !parts[2].isEmpty();
    }

    /** {@code weave:///entity/project/(object|op)/name:digest[/edge/value...]}, {@code .../table/digest}, {@code .../call/id}. */
    static boolean isValidRef(String value) {
        return parse(value) != null;
    }

    /** A valid op ref, usable as {@code op_name}: {@code weave:///entity/project/op/name:digest}. */
    static boolean isValidOpRef(String value) {
        Parsed parsed = parse(value);
        return parsed != null && parsed.kind().equals("op") && parsed.extra().isEmpty();
    }

    /** The name the UI shows for an op: the name part of an op ref, or the plain op name itself. */
    static String displayOpName(String opName) {
        Parsed parsed = parse(opName);
        return parsed != null && parsed.kind().equals("op") ? parsed.name() : opName;
    }

    private record Parsed(String kind, String name, List<String> extra) {
    }

    private static Parsed parse(String value) {
        if (!looksLikeRef(value)) {
            return null;
        }
        String[] parts = value.substring(PREFIX.length()).split("/", -1);
        if (parts.length < 4 || Arrays.stream(parts).anyMatch(String::isEmpty)) {
            return null;
        }
        String kind = parts[2];
        String name;
        switch (kind) {
            case "object", "op" -> {
                int colon = parts[3].indexOf(':');
                boolean nameAndDigest = colon > 0 && colon < parts[3].length() - 1
                        && parts[3].indexOf(':', colon + 1) < 0;
                if (!nameAndDigest) {
                    return null;
                }
                name = parts[3].substring(0, colon);
            }
            case "table", "call" -> name = parts[3];
            default -> {
                return null;
            }
        }
        List<String> extra = List.of(parts).subList(4, parts.length);
        if (extra.size() % 2 != 0) {
            return null;
        }
        for (int i = 0; i < extra.size(); i += 2) {
            if (!EXTRA_EDGE_TYPES.contains(extra.get(i))) {
                return null;
            }
        }
        return new Parsed(kind, name, extra);
    }
}
