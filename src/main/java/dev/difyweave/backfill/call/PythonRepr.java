package dev.difyweave.backfill.call;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
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

    /**
     * Python's {@code repr(float)}: the shortest digits that read back as the same double (Java 17's
     * {@code Double.toString} is not always shortest), fixed notation for decimal exponents -4..15,
     * otherwise {@code 1e-05} / {@code 1.5e+16}.
     */
    static String floatRepr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return Double.doubleToRawLongBits(value) < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortest(value).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = value < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = shortest.abs().toPlainString();
            return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        int abs = Math.abs(exponent);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (abs < 10 ? "0" + abs : String.valueOf(abs));
    }

    /** The shortest decimal that parses back to {@code value}; of two such, the nearer one. */
    private static BigDecimal shortest(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(nearest.toString()) == value) {
                return nearest;
            }
            // next to a power of two the interval is asymmetric: the other neighbour may read back
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
            BigDecimal other = nearest.equals(down) ? up : down;
            if (Double.parseDouble(other.toString()) == value) {
                return other;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
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
            } else if (c < 0x7f) {
                out.append(c);
            } else {
                int codePoint = s.codePointAt(i);
                if (isPrintable(codePoint)) {
                    out.appendCodePoint(codePoint);
                } else if (codePoint <= 0xff) {
                    out.append(String.format("\\x%02x", codePoint));
                } else if (codePoint <= 0xffff) {
                    out.append(String.format("\\u%04x", codePoint));
                } else {
                    out.append(String.format("\\U%08x", codePoint));
                }
                i += Character.charCount(codePoint) - 1;
            }
        }
        out.append(quote);
    }

    /**
     * Python's {@code str.isprintable()} for one non-ASCII code point: not a control, format,
     * surrogate, private-use, line/paragraph separator or space separator character. Unassigned code
     * points count as printable, because Java 17's Unicode tables are older than CPython's and would
     * otherwise escape newer emoji that Python prints as they are.
     */
    private static boolean isPrintable(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}
