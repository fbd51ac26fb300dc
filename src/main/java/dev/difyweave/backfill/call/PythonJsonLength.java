package dev.difyweave.backfill.call;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * How many characters Python's {@code json.dumps(value)} writes (its defaults: {@code ensure_ascii}, so
 * every character beyond ASCII is a {@code \\uXXXX} escape, twice for one outside the BMP, and
 * {@code ", "} / {@code ": "} separators). Weave measures a feedback payload this way against its 1 MiB
 * limit, so a Chinese or emoji-heavy text counts six or twelve times its length.
 */
public final class PythonJsonLength {

    private PythonJsonLength() {
    }

    public static long of(JsonNode node) {
        if (node == null || node.isNull()) {
            return 4;
        }
        if (node.isString()) {
            return ofString(node.stringValue());
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? 4 : 5;
        }
        if (node.isObject()) {
            long size = 2 + Math.max(0, node.size() - 1) * 2L;
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                size += ofString(member.getKey()) + 2 + of(member.getValue());
            }
            return size;
        }
        if (node.isArray()) {
            long size = 2 + Math.max(0, node.size() - 1) * 2L;
            for (JsonNode element : node) {
                size += of(element);
            }
            return size;
        }
        return node.asString().length();
    }

    /** The string with its quotes and escapes. */
    public static long ofString(String s) {
        long size = 2;
        for (int i = 0; i < s.length(); i++) {
            size += ofChar(s.charAt(i));
        }
        return size;
    }

    /** One UTF-16 unit: a surrogate is half of a twelve-character pair of escapes. */
    static int ofChar(char c) {
        if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
            return 2;
        }
        if (c < 0x20 || c > 0x7e) {
            return 6;
        }
        return 1;
    }
}
