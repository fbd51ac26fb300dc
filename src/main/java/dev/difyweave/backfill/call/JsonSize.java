package dev.difyweave.backfill.call;

import java.util.IdentityHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * How many bytes of UTF-8 JSON a value takes as {@link WeaveJson} writes it (compact, the generator's
 * escapes, non-ASCII as UTF-8), computed without writing it. Large containers are remembered, so a cutter
 * that asks again at every level of a deep tree does not measure the tree again and again.
 * The cutter re-checks the written call anyway; this model only has to be close, and it is exact for
 * everything but unusual floating-point texts.
 */
final class JsonSize {

    /** Containers at least this big are remembered; smaller ones are cheap to measure again. */
    private static final long REMEMBER_FROM = 4096;

    private final Map<JsonNode, Long> remembered = new IdentityHashMap<>();

    long of(JsonNode node) {
        if (node == null || node.isNull()) {
            return 4;
        }
        if (node.isString()) {
            return ofString(node.stringValue());
        }
        if (node.isContainer()) {
            Long known = remembered.get(node);
            if (known != null) {
                return known;
            }
            long size = ofContainer(node);
            if (size >= REMEMBER_FROM) {
                remembered.put(node, size);
            }
            return size;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? 4 : 5;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Long.toString(node.longValue()).length();
        }
        return Json.MAPPER.writeValueAsBytes(node).length;
    }

    private long ofContainer(JsonNode node) {
        long size = 2 + Math.max(0, node.size() - 1);
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                size += ofString(member.getKey()) + 1 + of(member.getValue());
            }
        } else {
            for (JsonNode element : node) {
                size += of(element);
            }
        }
        return size;
    }

    /** The bytes of {@code s} written as a JSON string, quotes included. */
    static long ofString(String s) {
        return 2 + contentBytes(s, 0, s.length());
    }

    /** The bytes of {@code s[from, to)} inside a JSON string. */
    static long contentBytes(String s, int from, int to) {
        long bytes = 0;
        for (int i = from; i < to; i++) {
            bytes += charBytes(s.charAt(i));
        }
        return bytes;
    }

    /**
     * The longest prefix of {@code s}, ending on a code point boundary, whose bytes inside a JSON string are
     * at most {@code maxBytes}: its length in chars.
     */
    static int fittingPrefix(String s, long maxBytes) {
        long bytes = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            long next = pair ? 4 : charBytes(c);
            if (bytes + next > maxBytes) {
                break;
            }
            bytes += next;
            i += pair ? 2 : 1;
        }
        return i;
    }

    /** One UTF-16 char as the generator writes it; each half of a surrogate pair counts half of its 4 bytes. */
    private static int charBytes(char c) {
        if (c < 0x80) {
            if (c >= 0x20) {
                return c == '"' || c == '\\' ? 2 : 1;
            }
            return c == '\b' || c == '\t' || c == '\f' || c == '\n' || c == '\r' ? 2 : 6;
        }
        if (c < 0x800) {
            return 2;
        }
        return Character.isSurrogate(c) ? 2 : 3;
    }
}
