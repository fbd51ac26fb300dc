package dev.difyweave.backfill.call;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The text of one of Dify's JSON columns, as the UTF-8 bytes the driver received (the client encoding of
 * a PostgreSQL JDBC connection is always UTF-8) or as a string (tests, payloads read from storage).
 * Parsing the bytes skips what a string costs: the driver decoding every character into it (for all text
 * columns, 3.5 % of a dry run's CPU and 1 GB of the 8.3 GB it allocated, mostly these), then the parser
 * copying the characters out again (1.5 %).
 * The string is made only when something asks for it: a value that did not parse (it is sent as text, and
 * the text's own parse gives the error to record), or a problem report.
 */
public final class JsonText {

    private final byte[] utf8;
    private String text;

    private JsonText(byte[] utf8, String text) {
        this.utf8 = utf8;
        this.text = text;
    }

    /** {@code null} for {@code null} (SQL NULL). */
    public static JsonText of(String text) {
        return text == null ? null : new JsonText(null, text);
    }

    /** {@code null} for {@code null} (SQL NULL); the bytes are the caller's no more. */
    public static JsonText ofUtf8(byte[] utf8) {
        return utf8 == null ? null : new JsonText(utf8, null);
    }

    /** The text, decoded once when first asked for. */
    public String text() {
        if (text == null) {
            text = new String(utf8, StandardCharsets.UTF_8);
        }
        return text;
    }

    /** As {@link String#isBlank}, without decoding unless a byte beyond ASCII comes before any other character. */
    public boolean isBlank() {
        if (utf8 == null || text != null) {
            return text().isBlank();
        }
        for (byte b : utf8) {
            if (b < 0) {
                return text().isBlank(); // Unicode spaces count as blank too
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the value can be parsed from its bytes. A parse that fails on them is done again on the text,
     * whose parse decides (Jackson's byte parser refuses a few things its text parser takes, such as an
     * escaped lone surrogate in a name). Text that starts with a byte order mark is always read as text: the
     * byte parser would skip the mark, the text parser refuses it as it always did.
     */
    boolean readsBytes() {
        return utf8 != null && !startsWithByteOrderMark();
    }

    /** A parser of {@code factory} over the bytes; only when {@link #readsBytes}. */
    JsonParser bytesParser(JsonFactory factory) {
        return factory.createParser(ObjectReadContext.empty(), utf8);
    }

    /** A parser of {@code factory} over the text. */
    JsonParser textParser(JsonFactory factory) {
        return factory.createParser(ObjectReadContext.empty(), text());
    }

    /** The bytes; only when {@link #readsBytes}. */
    byte[] utf8() {
        return utf8;
    }

    private boolean startsWithByteOrderMark() {
        return utf8.length >= 3 && utf8[0] == (byte) 0xEF && utf8[1] == (byte) 0xBB && utf8[2] == (byte) 0xBF;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonText json && text().equals(json.text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
