package dev.difyweave.backfill.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.difyweave.backfill.call.Json;
import tools.jackson.databind.JsonNode;

/** Draws one trace of an export file as an indented outline, the way Weave's trace view nests it. */
final class TraceOutline {

    private record Call(String id, String traceId, String parentId, String op, String displayName, Instant start,
            Instant end, String exception) {
    }

    private final Map<String, Call> calls = new LinkedHashMap<>();

    static TraceOutline read(Path exportFile) {
        TraceOutline outline = new TraceOutline();
        try (Stream<String> lines = Files.lines(exportFile)) {
            lines.filter(l -> !l.isBlank()).forEach(outline::addRequest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return outline;
    }

    int callCount() {
        return calls.size();
    }

    long traceCount() {
        return calls.values().stream().filter(c -> c.parentId() == null).count();
    }

    /** Of the traces whose root has this op name, the largest with a failed call in it, else the largest. */
    List<String> drawRichestTrace(String rootOp) {
        Map<String, List<Call>> byTrace = new LinkedHashMap<>();
        calls.values().forEach(c -> byTrace.computeIfAbsent(c.traceId(), k -> new ArrayList<>()).add(c));
        List<Call> chosen = byTrace.values().stream()
                .filter(t -> t.stream().anyMatch(c -> c.parentId() == null && c.op().equals(rootOp)))
                .max(Comparator.<List<Call>>comparingInt(t -> t.stream().anyMatch(c -> c.exception() != null) ? 1 : 0)
                        .thenComparingInt(List::size))
                .orElse(List.of());
        List<String> out = new ArrayList<>();
        chosen.stream().filter(c -> c.parentId() == null).forEach(root -> draw(root, chosen, "", out));
        return out;
    }

    private void draw(Call call, List<Call> trace, String indent, List<String> out) {
        long ms = Duration.between(call.start(), call.end()).toMillis();
        String name = call.displayName() == null ? call.op() : call.displayName() + "  (" + call.op() + ")";
        out.add(indent + name + "  " + call.start() + "  " + ms + " ms  "
                + (call.exception() == null ? "ok" : "ERROR: " + abbreviate(call.exception())));
        trace.stream().filter(c -> call.id().equals(c.parentId()))
                .sorted(Comparator.comparing(Call::start))
                .forEach(child -> draw(child, trace, indent + "    ", out));
    }

    private void addRequest(String line) {
        JsonNode body = Json.MAPPER.readTree(line);
        Map<String, JsonNode> ends = new LinkedHashMap<>();
        for (JsonNode item : body.path("batch")) {
            if ("end".equals(item.path("mode").asString())) {
                JsonNode end = item.path("req").path("end");
                ends.put(end.path("id").asString(), end);
            }
        }
        for (JsonNode item : body.path("batch")) {
            if ("start".equals(item.path("mode").asString())) {
                JsonNode start = item.path("req").path("start");
                JsonNode end = ends.get(start.path("id").asString());
                calls.put(start.path("id").asString(), new Call(start.path("id").asString(),
                        start.path("trace_id").asString(), start.path("parent_id").asString(null),
                        start.path("op_name").asString(), start.path("display_name").asString(null),
                        Instant.parse(start.path("started_at").asString()),
                        end == null ? Instant.parse(start.path("started_at").asString())
                                : Instant.parse(end.path("ended_at").asString()),
                        end == null ? null : end.path("exception").asString(null)));
            }
        }
    }

    private static String abbreviate(String s) {
        String line = s.replaceAll("\\s+", " ");
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }
}
