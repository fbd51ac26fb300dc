package dev.difyweave.backfill.testsupport;

import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Python's {@code json.dumps(value)} with its defaults, written out: {@code ", "} and {@code ": "} between
 * items, {@code ensure_ascii} (every character outside {@code ' '..'~'} escaped, a character beyond the BMP
 * as two {@code \\uXXXX} escapes of its surrogates), {@code None}/{@code true}/{@code false}. Weave checks
 * {@code len()} of this text against its feedback payload limit. Floats are written as Java does (close).
 */
final class PythonDumps {

    private PythonDumps() {
    }

    static String dumps(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(JsonNode value, StringBuilder out) {
        if (value == null || value.isNull()) {
            out.append("null");
        } else if (value.isString()) {
            string(value.stringValue(), out);
        } else if (value.isObject()) {
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> members = value.properties().iterator();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> member = members.next();
                string(member.getKey(), out);
                out.append(": ");
                write(member.getValue(), out);
                out.append(members.hasNext() ? ", " : "");
            }
            out.append('}');
        } else if (value.isArray()) {
            out.append('[');
            for (int i = 0; i < value.size(); i++) {
                out.append(i > 0 ? ", " : "");
                write(value.get(i), out);
            }
            out.append(']');
        } else {
            out.append(value.asString());
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c >= ' ' && c <= '~') {
                        out.append(c);
                    } else {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        out.append('"');
    }
}
