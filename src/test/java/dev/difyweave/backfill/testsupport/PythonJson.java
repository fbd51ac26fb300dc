package dev.difyweave.backfill.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Python's {@code json.loads} (CPython's decoder, {@code strict=True}) as far as Weave's ref converter can tell:
 * which texts decode, and to what. Written from the decoder's rules, independently of the backfill's code, so that
 * the fake server judges JSON text inside strings as the real one does:
 * <ul>
 * <li>whitespace is {@code [ \t\n\r]}, allowed around the value; anything after it is "Extra data";</li>
 * <li>{@code NaN}, {@code Infinity} and {@code -Infinity} are numbers; {@code 01}, {@code +1}, {@code .5},
 * {@code 1.} are not; an integer of more than 4300 digits raises (Python's int conversion limit);</li>
 * <li>strings may not hold raw control characters; escapes are {@code \" \\ \/ \b \f \n \r \t \\uXXXX};
 * a lone surrogate escape is kept;</li>
 * <li>an object keeps the last value of a repeated key (earlier values are never walked).</li>
 * </ul>
 * Not modelled: Python's recursion limit on very deep texts.
 */
final class PythonJson {

    /** Python's {@code None}. */
    static final Object NONE = new Object();

    private static final int MAX_INT_DIGITS = 4300;

    private final String s;
    private int at;

    private PythonJson(String s) {
        this.s = s;
    }

    /** The decoded value (maps, lists, strings, numbers, booleans, {@link #NONE}); empty when Python raises. */
    static Optional<Object> loads(String text) {
        PythonJson parser = new PythonJson(text);
        try {
            parser.whitespace();
            Object value = parser.value();
            parser.whitespace();
            return parser.at == text.length() ? Optional.of(value) : Optional.empty();
        } catch (IllegalArgumentException decodeError) {
            return Optional.empty();
        }
    }

    /** Every string of a decoded value that Weave's walk looks at: values, not keys. */
    static List<String> strings(Object decoded) {
        List<String> strings = new ArrayList<>();
        collect(decoded, strings);
        return strings;
    }

    private static void collect(Object value, List<String> strings) {
        if (value instanceof String string) {
            strings.add(string);
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(child -> collect(child, strings));
        } else if (value instanceof List<?> list) {
            list.forEach(child -> collect(child, strings));
        }
    }

    private Object value() {
        if (at >= s.length()) {
            throw error();
        }
        char c = s.charAt(at);
        switch (c) {
            case '"':
                return string();
            case '{':
                return object();
            case '[':
                return array();
            default:
                break;
        }
        for (String literal : new String[] {"null", "true", "false", "NaN", "Infinity", "-Infinity"}) {
            if (s.startsWith(literal, at)) {
                at += literal.length();
                return switch (literal) {
                    case "null" -> NONE;
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> Double.valueOf(literal);
                };
            }
        }
        return number();
    }

    /** {@code -?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?}. */
    private Object number() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        if (peek() == '0') {
            at++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                at++;
            }
        } else {
            throw error();
        }
        int integerEnd = at;
        boolean integer = true;
        if (peek() == '.' && isDigit(peekAt(at + 1))) {
            integer = false;
            at++;
            while (isDigit(peek())) {
                at++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            int mark = at;
            at++;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            if (isDigit(peek())) {
                integer = false;
                while (isDigit(peek())) {
                    at++;
                }
            } else {
                at = mark; // not an exponent: the number ends before the 'e'
            }
        }
        String text = s.substring(start, at);
        if (integer && integerEnd - start - (text.startsWith("-") ? 1 : 0) > MAX_INT_DIGITS) {
            throw error();
        }
        return text;
    }

    private String string() {
        at++; // the opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= s.length()) {
                throw error();
            }
            char c = s.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error(); // "Invalid control character"
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= s.length()) {
                throw error();
            }
            char escape = s.charAt(at++);
            switch (escape) {
                case '"', '\\', '/' -> out.append(escape);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    char unit = hex4();
                    // a high surrogate followed by an escaped low one is one code point; anything else stays as it is
                    out.append(unit);
                }
                default -> throw error();
            }
        }
    }

    private char hex4() {
        if (at + 4 > s.length()) {
            throw error();
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(s.charAt(at + i), 16);
            if (digit < 0 || s.charAt(at + i) > 'f') {
                throw error();
            }
            value = value * 16 + digit;
        }
        at += 4;
        return (char) value;
    }

    private Map<String, Object> object() {
        at++; // {
        Map<String, Object> map = new LinkedHashMap<>();
        whitespace();
        if (peek() == '}') {
            at++;
            return map;
        }
        while (true) {
            if (peek() != '"') {
                throw error(); // "Expecting property name enclosed in double quotes"
            }
            String key = string();
            whitespace();
            if (peek() != ':') {
                throw error();
            }
            at++;
            whitespace();
            map.put(key, value());
            whitespace();
            char next = peek();
            at++;
            if (next == '}') {
                return map;
            }
            if (next != ',') {
                throw error();
            }
            whitespace();
        }
    }

    private List<Object> array() {
        at++; // [
        List<Object> list = new ArrayList<>();
        whitespace();
        if (peek() == ']') {
            at++;
            return list;
        }
        while (true) {
            list.add(value());
            whitespace();
            char next = peek();
            at++;
            if (next == ']') {
                return list;
            }
            if (next != ',') {
                throw error();
            }
            whitespace();
        }
    }

    private void whitespace() {
        while (at < s.length() && (s.charAt(at) == ' ' || s.charAt(at) == '\t' || s.charAt(at) == '\n'
                || s.charAt(at) == '\r')) {
            at++;
        }
    }

    private char peek() {
        return peekAt(at);
    }

    private char peekAt(int index) {
        return index < s.length() ? s.charAt(index) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException error() {
        return new IllegalArgumentException("not JSON for Python", null);
    }
}
