package dev.difyweave.backfill.call;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which strings Weave's ref converter would turn into refs (C14), so that they can be escaped first.
 * The converter (weave/trace_server ref conversion) looks at every string value of a call request:
 * <ol>
 * <li>a string that starts with {@code weave:///} or {@code weave-trace-internal:///} is converted, and
 * anything that is not a ref of the project fails the whole request: such a string is <em>dangerous</em>;</li>
 * <li>a string that only contains one of the prefixes is read with Python's {@code json.loads}; when that
 * succeeds, every string value (not key) of the decoded value is looked at by the same rule, descending
 * into JSON inside JSON at most {@value #MAX_REF_SEARCH_DEPTH} times.</li>
 * </ol>
 * The JSON reading accepts what Python's does (surrounding whitespace, {@code NaN}, {@code Infinity}, no
 * trailing data). Embedded JSON nested deeper than {@value #MAX_EMBEDDED_NESTING} levels counts as dangerous:
 * Python's decoder and the converter's walk recurse per level, and the request would fail on the
 * interpreter's recursion limit instead; escaping it is the safe choice.
 */
final class WeaveRefRule {

    static final String REF_PREFIX = "weave:///";
    static final String INTERNAL_REF_PREFIX = "weave-trace-internal:///";
    /** Weave's {@code _MAX_REF_SEARCH_DEPTH}. */
    static final int MAX_REF_SEARCH_DEPTH = 8;
    static final int MAX_EMBEDDED_NESTING = 64;
    private static final byte[] REF_BYTES = REF_PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INTERNAL_REF_BYTES = INTERNAL_REF_PREFIX.getBytes(StandardCharsets.US_ASCII);

    private static final JsonMapper PYTHON_LIKE = JsonMapper.builder(JsonFactory.builder()
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_EMBEDDED_NESTING)
                            .maxStringLength(Integer.MAX_VALUE)
                            .maxNumberLength(Integer.MAX_VALUE)
                            .maxNameLength(Integer.MAX_VALUE)
                            .maxDocumentLength(-1)
                            .maxTokenCount(-1)
                            .build())
                    .build())
            .build();

    private WeaveRefRule() {
    }

    /** Whether Weave would try to resolve a ref in this string value of a call (and fail on it). */
    static boolean isDangerous(String value) {
        return isDangerous(value, 0);
    }

    /** Whether a ref prefix starts at {@code utf8[at]}. */
    static boolean prefixAt(byte[] utf8, int at) {
        return startsWith(utf8, at, utf8.length, REF_BYTES) || startsWith(utf8, at, utf8.length, INTERNAL_REF_BYTES);
    }

    /**
     * Whether a ref prefix lies in {@code utf8[from, to)}, a string's UTF-8 without its quotes. Both prefixes
     * start with {@code weave}, looked at first in the loop: text has many a {@code w}, few a {@code weave}.
     */
    static boolean holdsPrefix(byte[] utf8, int from, int to) {
        int last = to - REF_BYTES.length; // the shorter prefix
        for (int i = from; i <= last; i++) {
            if (utf8[i] == 'w' && utf8[i + 1] == 'e' && utf8[i + 2] == 'a' && utf8[i + 3] == 'v' && utf8[i + 4] == 'e'
                    && (startsWith(utf8, i, to, REF_BYTES) || startsWith(utf8, i, to, INTERNAL_REF_BYTES))) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] utf8, int at, int to, byte[] prefix) {
        return to - at >= prefix.length && Arrays.equals(utf8, at, at + prefix.length, prefix, 0, prefix.length);
    }

    static boolean startsWithPrefix(String value) {
        return value.startsWith(REF_PREFIX) || value.startsWith(INTERNAL_REF_PREFIX);
    }

    static boolean containsPrefix(String value) {
        return value.contains(REF_PREFIX) || value.contains(INTERNAL_REF_PREFIX);
    }

    private static boolean isDangerous(String value, int depth) {
        if (startsWithPrefix(value)) {
            return true;
        }
        if (depth < MAX_REF_SEARCH_DEPTH && containsPrefix(value)) {
            return embedsDanger(value, depth + 1);
        }
        return false;
    }

    /**
     * Decodes {@code text} as JSON and looks at its string values. Python decodes the whole text before it
     * walks anything, so invalid JSON anywhere (or after the value) means nothing inside is looked at.
     */
    private static boolean embedsDanger(String text, int depth) {
        List<String> candidates = new ArrayList<>();
        try (JsonParser parser = PYTHON_LIKE.createParser(text)) {
            if (parser.nextToken() == null) {
                return false;
            }
            if (!collectCandidates(parser, candidates) || parser.nextToken() != null) {
                return false; // cut short, or trailing data ("Extra data" for json.loads)
            }
        } catch (StreamConstraintsException tooDeep) {
            return true;
        } catch (JacksonException notJson) {
            return false;
        }
        for (String candidate : candidates) {
            if (isDangerous(candidate, depth)) {
                return true;
            }
        }
        return false;
    }

    /** Reads one value (the parser is on its first token) and keeps the string values holding a prefix. */
    private static boolean collectCandidates(JsonParser parser, List<String> candidates) {
        int open = 0;
        JsonToken token = parser.currentToken();
        while (true) {
            if (token == null) {
                return false; // the text ended inside a container
            } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                open++;
            } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                open--;
            } else if (token == JsonToken.VALUE_STRING) {
                String value = parser.getString();
                if (containsPrefix(value)) {
                    candidates.add(value);
                }
            }
            if (open == 0) {
                return true;
            }
            token = parser.nextToken();
        }
    }
}
