package dev.difyweave.backfill.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Makes a Java string storable in a column of the state store, so that no value from Dify, from Weave
 * or from the operator can make an INSERT fail (and a chunk wedge): NUL (U+0000, refused by PostgreSQL
 * in text) removed, a lone surrogate (not encodable as UTF-8) replaced by U+FFFD, and the text bounded
 * to the column's length, counted in characters (code points, as PostgreSQL counts them) and cut
 * between code points with a visible {@value #CUT} at the end. Every writer of a {@code backfill_*}
 * table passes its texts through here.
 */
public final class StorableText {

    /** Ends a text that was cut to fit its column. */
    public static final String CUT = "…";

    private static final int DIGEST_HEX_CHARS = 16;

    private StorableText() {
    }

    /** Storable in a column of {@code maxChars} characters; {@code null} stays {@code null}. */
    public static String of(String value, int maxChars) {
        return value == null ? null : bounded(clean(value), maxChars);
    }

    /** Storable in a NOT NULL column of {@code maxChars} characters: {@code null} becomes "". */
    public static String required(String value, int maxChars) {
        return value == null ? "" : bounded(clean(value), maxChars);
    }

    /**
     * Storable in a key column (one looked up by its value): unchanged when it is storable as it is;
     * otherwise cleaned, cut and ended with {@value #CUT} and a digest of the whole value, so two
     * different values never share a key. The same value always gives the same key.
     */
    public static String key(String value, int maxChars) {
        String clean = clean(value);
        if (clean.equals(value) && clean.codePointCount(0, clean.length()) <= maxChars) {
            return value;
        }
        String digest = HexFormat.of().formatHex(sha256(value)).substring(0, DIGEST_HEX_CHARS);
        return cut(clean, maxChars - CUT.length() - DIGEST_HEX_CHARS) + CUT + digest;
    }

    /** NUL removed, lone surrogates replaced by U+FFFD; the same instance when there is nothing to do. */
    static String clean(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            boolean bad = c == '\u0000' || (!pair && Character.isSurrogate(c));
            if (bad && out == null) {
                out = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (out != null) {
                if (pair) {
                    out.append(c).append(value.charAt(++i));
                } else if (c != '\u0000') {
                    out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
                }
            } else if (pair) {
                i++;
            }
        }
        return out == null ? value : out.toString();
    }

    private static String bounded(String clean, int maxChars) {
        if (clean.length() <= maxChars || clean.codePointCount(0, clean.length()) <= maxChars) {
            return clean;
        }
        return cut(clean, maxChars - CUT.length()) + CUT;
    }

    /** The first {@code codePoints} code points of a clean text. */
    private static String cut(String clean, int codePoints) {
        int kept = Math.min(Math.max(0, codePoints), clean.codePointCount(0, clean.length()));
        return clean.substring(0, clean.offsetByCodePoints(0, kept));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_16BE));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
