package dev.difyweave.backfill.golden;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * Exact JSON comparison that names every difference by its path, e.g.
 * {@code start.attributes.backfill.approximated: expected ["ended_at"] but was []}.
 *
 * <p>Objects are compared by their key sets and values (key order is free: JSON objects are unordered),
 * arrays element by element in order, strings exactly (lone surrogates included), numbers by value and kind:
 * an integer ({@code 150}) never equals a fraction ({@code 150.0}), because Weave's usage must be integers
 * and Dify's float columns stay floats. Nothing else is normalised here; see {@link #topLevelNullIsAbsent}.
 */
final class JsonDiff {

    private final List<String> differences = new ArrayList<>();

    List<String> differences() {
        return differences;
    }

    /**
     * Compares a whole start or end body. At its top level only, a key that is missing on one side and
     * {@code null} on the other is the same: those are the optional fields of Weave's
     * {@code StartedCallSchemaForInsert} / {@code EndedCallSchemaForInsert}, whose default is null
     * ({@code docs/reference/weave-api.md} §3), so the server cannot tell them apart.
     */
    void topLevelNullIsAbsent(String path, JsonNode expected, JsonNode actual) {
        if (!expected.isObject() || !actual.isObject()) {
            compare(path, expected, actual);
            return;
        }
        Set<String> keys = new TreeSet<>(expected.propertyNames());
        keys.addAll(actual.propertyNames());
        for (String key : keys) {
            JsonNode e = expected.get(key);
            JsonNode a = actual.get(key);
            if ((e == null || e.isNull()) && (a == null || a.isNull())) {
                continue;
            }
            compare(path + "." + key, e, a);
        }
    }

    void compare(String path, JsonNode expected, JsonNode actual) {
        if (expected == null || actual == null) {
            if (expected != actual) {
                differences.add(path + ": " + (expected == null ? "not expected, but was " + show(actual)
                        : "expected " + show(expected) + " but it is missing"));
            }
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            Set<String> keys = new TreeSet<>(expected.propertyNames());
            keys.addAll(actual.propertyNames());
            keys.forEach(key -> compare(path + "." + key, expected.get(key), actual.get(key)));
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                differences.add(path + ": expected " + show(expected) + " but was " + show(actual));
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i));
            }
        } else if (expected.isNumber() && actual.isNumber()) {
            boolean sameKind = expected.isIntegralNumber() == actual.isIntegralNumber();
            if (!sameKind || expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                differences.add(path + ": expected " + show(expected) + " but was " + show(actual));
            }
        } else if (!expected.equals(actual)) {
            differences.add(path + ": expected " + show(expected) + " but was " + show(actual));
        }
    }

    /** The JSON text of a value with surrogates and control characters as escapes, so any report can print it. */
    static String show(JsonNode value) {
        String text = String.valueOf(value);
        StringBuilder shown = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (Character.isSurrogate(c) || Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.toString();
    }
}
