package dev.difyweave.backfill.call;

import java.nio.charset.StandardCharsets;

/**
 * The reference for {@link CheckingGenerator}: the scan of written bytes the product used before the
 * generator noted the same while writing. Whether serialised upsert items hold an escaped lone surrogate
 * ({@code \\uD800}-{@code \\uDFFF}, as the generator writes one), a ref prefix anywhere in a string or name,
 * or containers nested deeper than Weave accepts.
 */
final class NeedsCleaningByteScan {

    private static final byte[] REF = WeaveRefRule.REF_PREFIX.getBytes(StandardCharsets.UTF_8);
    private static final byte[] INTERNAL_REF = WeaveRefRule.INTERNAL_REF_PREFIX.getBytes(StandardCharsets.UTF_8);

    private NeedsCleaningByteScan() {
    }

    static boolean needsCleaning(byte[] json) {
        int level = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    if (i + 3 < json.length && json[i + 1] == 'u' && (json[i + 2] == 'D' || json[i + 2] == 'd')
                            && isSurrogateNibble(json[i + 3])) {
                        return true;
                    }
                    i++;
                } else if (b == '"') {
                    inString = false;
                } else if (b == 'w' && (startsWithAt(json, i, REF) || startsWithAt(json, i, INTERNAL_REF))) {
                    return true;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                if (++level > WeaveJson.MAX_ITEM_LEVELS) {
                    return true;
                }
            } else if (b == '}' || b == ']') {
                level--;
            }
        }
        return false;
    }

    private static boolean isSurrogateNibble(byte b) {
        return b == '8' || b == '9' || (b >= 'A' && b <= 'F') || (b >= 'a' && b <= 'f');
    }

    private static boolean startsWithAt(byte[] json, int at, byte[] prefix) {
        if (at + prefix.length > json.length) {
            return false;
        }
        for (int j = 1; j < prefix.length; j++) {
            if (json[at + j] != prefix[j]) {
                return false;
            }
        }
        return true;
    }
}
