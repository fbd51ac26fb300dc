package dev.difyweave.backfill.weave;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Python's {@code str()} of a JSON value parsed by {@code json.loads}, as Dify's live integration
 * produces it for lists it cannot map ({@code str(list)}): single quotes unless the string holds a
 * single quote and no double quote, {@code True}/{@code False}/{@code None}, dicts as {@code {'k': v}}.
 */
public final class PythonRepr {

    private PythonRepr() {
    }

    public static String of(JsonNode node) {
        StringBuilder out = new StringBuilder();
        append(out, node);
        return out.toString();
    }

    private static void append(StringBuilder out, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("None");
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "True" : "False");
        } else if (node.isString()) {
            string(out, node.stringValue());
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            out.append(floatRepr(node.doubleValue()));
        } else if (node.isArray()) {
            out.append('[');
            boolean first = true;
            for (JsonNode element : node) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                append(out, element);
            }
            out.append(']');
        } else if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                string(out, entry.getKey());
                out.append(": ");
                append(out, entry.getValue());
            }
            out.append('}');
        } else {
            out.append(node.asString());
        }
    }

    static String floatRepr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e16) {
            return String.valueOf((long) value) + ".0";
        }
        String java = Double.toString(value);
        int e = java.indexOf('E');
        if (e < 0) {
            return java;
        }
        // Java: 1.0E-5 -> Python: 1e-05
        String mantissa = java.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        int exponent = Integer.parseInt(java.substring(e + 1));
        if (exponent >= -4 && exponent < 16) {
            return new java.math.BigDecimal(java).stripTrailingZeros().toPlainString();
        }
        String sign = exponent < 0 ? "-" : "+";
        int abs = Math.abs(exponent);
        return mantissa + "e" + sign + (abs < 10 ? "0" + abs : String.valueOf(abs));
    }

    private static void string(StringBuilder out, String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append(quote);
    }
}
