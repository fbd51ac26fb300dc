package dev.difyweave.backfill.trace;

import java.util.ArrayList;
import java.util.List;

import dev.difyweave.backfill.weave.Json;
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
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            add(table, key, column, "malformed JSON, sent as raw text: " + firstLine(e.getOriginalMessage()));
            return Json.NODES.stringNode(text);
        }
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
