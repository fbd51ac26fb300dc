package dev.difyweave.backfill.call;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import tools.jackson.core.JsonGenerator;

/**
 * How {@link Json#MAPPER}'s generator writes each ASCII character inside a string, asked of the generator
 * once: for the byte readers and {@link CheckingGenerator}, which write strings' bytes themselves and must
 * write what the generator would.
 */
final class WrittenAscii {

    /** What the generator writes for each ASCII character in a string; {@code null} when the character itself. */
    static final byte[][] ESCAPED = asWritten();

    /**
     * The characters a run of a string's bytes is copied as it stands: written as they are, and neither a
     * quote, a backslash, a control character nor {@code w} (where a ref prefix may start).
     */
    static final boolean[] PLAIN = plain();

    /** Whether the generator writes the ref prefixes' characters as they are, so refs are found in what it wrote. */
    static final boolean REF_CHARACTERS_PLAIN = asTheyAre(WeaveRefRule.REF_PREFIX)
            && asTheyAre(WeaveRefRule.INTERNAL_REF_PREFIX);

    /**
     * Whether the generator writes every ASCII character from space up, but a quote and a backslash, as it is:
     * then a string read from JSON whose escapes are the generator's (each compared) is written as its source
     * bytes ({@link SourcedString}).
     */
    static final boolean SOURCE_BYTES_AS_WRITTEN = printableAsTheyAre();

    private WrittenAscii() {
    }

    private static byte[][] asWritten() {
        byte[][] table = new byte[128][];
        for (int c = 0; c < 128; c++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JsonGenerator g = Json.MAPPER.createGenerator(bytes)) {
                g.writeString(String.valueOf((char) c));
            }
            byte[] written = bytes.toByteArray();
            byte[] inner = Arrays.copyOfRange(written, 1, written.length - 1);
            table[c] = inner.length == 1 && inner[0] == c ? null : inner;
        }
        return table;
    }

    private static boolean[] plain() {
        boolean[] plain = new boolean[128];
        for (int c = 0x20; c < 128; c++) {
            plain[c] = ESCAPED[c] == null && c != '"' && c != '\\' && c != 'w';
        }
        return plain;
    }

    private static boolean printableAsTheyAre() {
        for (int c = 0x20; c < 128; c++) {
            if (ESCAPED[c] != null && c != '"' && c != '\\') {
                return false;
            }
        }
        return true;
    }

    private static boolean asTheyAre(String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (ESCAPED[prefix.charAt(i)] != null) {
                return false;
            }
        }
        return true;
    }
}
