package dev.difyweave.backfill.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fake server's request rules for tests outside this package (property tests of the sanitizer): what the
 * fake Weave would answer to an upsert_batch body, without a server.
 */
public final class WeaveRequestRules {

    /** Weave answers 413 for a request body whose containers nest deeper than this. */
    public static final int MAX_NESTING = 200;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WeaveRequestRules() {
    }

    /** The deepest nesting of objects and arrays in a JSON text (brackets inside strings do not count). */
    public static int nesting(byte[] json) {
        int level = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                deepest = Math.max(deepest, ++level);
            } else if (b == '}' || b == ']') {
                level--;
            }
        }
        return deepest;
    }

    /**
     * Why the fake Weave would refuse this {@code /call/upsert_batch} body ({@code "413: ..."},
     * {@code "400: ..."}, {@code "422: ..."}), or empty when it would take it.
     */
    public static Optional<String> upsertBatchRefusal(byte[] body) {
        try {
            checkNesting(body);
            new WeaveRequestValidator().upsertBatch(JSON.readTree(body));
            return Optional.empty();
        } catch (ApiError error) {
            return Optional.of(error.status() + ": " + error.body());
        } catch (JacksonException notJson) {
            return Optional.of("422: " + notJson.getOriginalMessage());
        }
    }

    /**
     * A string value of this request body that Weave's ref converter would try to resolve at all, valid ref or
     * not (at its start, or inside JSON text in a string, {@value WeaveRefs#MAX_REF_SEARCH_DEPTH} levels deep);
     * empty when there is none.
     */
    public static Optional<String> stringWeaveWouldResolve(byte[] body) {
        List<String> found = new ArrayList<>();
        WeaveRequestValidator.forEachString(JSON.readTree(body), value -> {
            String resolved = WeaveRefs.rejectedRef(value, ref -> false);
            if (resolved != null && found.isEmpty()) {
                found.add(value);
            }
        });
        return found.stream().findFirst();
    }

    static void checkNesting(byte[] body) {
        int nesting = nesting(body);
        if (nesting > MAX_NESTING) {
            throw ApiError.requestTooLarge("Request too deeply nested: " + nesting + " levels (at most "
                    + MAX_NESTING + ")");
        }
    }
}
