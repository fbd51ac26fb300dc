package dev.difyweave.backfill.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.JsonText;
import dev.difyweave.backfill.call.StreamedJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Collects the problems of one trace while it is assembled, and parses Dify's JSON-in-text columns
 * once: malformed text is kept as a raw string value (the call carries it) and recorded.
 */
final class SourceProblems {

    private final List<TraceProblem> problems = new ArrayList<>();

    /** Parsed JSON, {@code null} for SQL NULL or blank text, or the raw text when it is not JSON. */
    JsonNode parse(String table, Object key, String column, String text) {
        return parse(table, key, column, JsonText.of(text));
    }

    /** As {@link #parse(String, Object, String, String)}, for text read as bytes. */
    JsonNode parse(String table, Object key, String column, JsonText text) {
        return parse(table, key, column, text, StreamedJson::tree);
    }

    /**
     * As {@link #parse}, for a value that is sent as it is (the mapper reads none of it): the members of an
     * object are kept as the raw JSON they are sent as, no tree is built for them ({@link StreamedJson}).
     */
    JsonNode parseSentAsIs(String table, Object key, String column, JsonText text) {
        return parse(table, key, column, text, StreamedJson::read);
    }

    private JsonNode parse(String table, Object key, String column, JsonText text, Function<JsonText, JsonNode> reader) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return reader.apply(text);
        } catch (JacksonException e) {
            add(table, key, column, "malformed JSON, sent as raw text: " + firstLine(e.getOriginalMessage()));
            return Json.NODES.stringNode(text.text());
        }
    }

    /**
     * A token count in {@code container.field} as an integer: {@code fallback} when absent or null; a
     * value of another type (a string, a fraction, an object) is read as well as it can be and recorded,
     * never changed silently.
     */
    long count(JsonNode container, String field, long fallback, String table, Object key, String column) {
        JsonNode value = container == null ? null : container.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        String where = column + "." + field;
        if (value.isNumber() && Double.isFinite(value.doubleValue())) {
            long whole = (long) Math.floor(value.doubleValue());
            if (whole != value.doubleValue()) {
                add(table, key, column, where + " is " + value + ", not a whole number; " + whole + " is used");
            }
            return whole;
        }
        if (value.isString()) {
            try {
                long parsed = Long.parseLong(value.stringValue().trim());
                add(table, key, column, where + " is the string \"" + value.stringValue() + "\"; read as " + parsed);
                return parsed;
            } catch (NumberFormatException e) {
                // falls through: not a number at all
            }
        }
        add(table, key, column, where + " is not a number (" + firstLine(Json.MAPPER.writeValueAsString(value))
                + "); " + fallback + " is used");
        return fallback;
    }

    void add(String table, Object key, String column, String reason) {
        problems.add(new TraceProblem(table, String.valueOf(key), column, reason));
    }

    List<TraceProblem> list() {
        return problems;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unparseable";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
