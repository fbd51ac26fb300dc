package dev.difyweave.backfill.job;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.call.Json;
import tools.jackson.databind.JsonNode;

/**
 * The {@code started_at} and {@code ended_at} each call must have, read from the Dify rows as they are now
 * and computed by the rules of docs/trace-mapping.md (C6, C7, C9, C10, C12), to the microsecond; written
 * apart from the product's mappers so that a slip in either shows. A {@code created_at +} seconds is
 * Python's {@code timedelta(seconds=x)}: the double's exact value rounded half to even to a microsecond.
 */
final class SourceTimes {

    record Span(Instant start, Instant end) {
    }

    private SourceTimes() {
    }

    /** Call id -> its span, for every call a run over every kind can send from these rows. */
    static Map<String, Span> of(JdbcTemplate dify) {
        Map<String, Span> spans = new HashMap<>();
        Map<String, Span> runs = new HashMap<>();
        dify.query("SELECT id::text, created_at, finished_at, elapsed_time FROM workflow_runs", rs -> {
            Instant start = utc(rs.getObject("created_at", LocalDateTime.class));
            Instant finished = utc(rs.getObject("finished_at", LocalDateTime.class));
            Instant end = finished != null && !finished.isBefore(start) ? finished
                    : plus(start, rs.getDouble("elapsed_time"));
            runs.put(rs.getString("id"), new Span(start, end));
        });
        spans.putAll(runs);
        dify.query("SELECT id::text, created_at, elapsed_time FROM workflow_node_executions "
                + "WHERE triggered_from = 'workflow-run'", rs -> {
            Instant start = utc(rs.getObject("created_at", LocalDateTime.class));
            spans.put(rs.getString("id"), new Span(start, plus(start, rs.getDouble("elapsed_time"))));
        });
        dify.query("SELECT id::text, created_at, updated_at, provider_response_latency, workflow_run_id::text AS run "
                + "FROM messages", rs -> {
            String id = rs.getString("id");
            Instant start = utc(rs.getObject("created_at", LocalDateTime.class));
            Instant updated = utc(rs.getObject("updated_at", LocalDateTime.class));
            Span message = new Span(start, updated != null && updated.isAfter(start) ? updated
                    : plus(start, rs.getDouble("provider_response_latency")));
            // a chatflow message is the root of its run's trace, with the run's times
            Span run = rs.getString("run") == null ? null : runs.get(rs.getString("run"));
            spans.put(id, run != null ? run : message);
            spans.put(CallIds.llm(id), message);
            spans.put(CallIds.moderation(id), new Span(start, start));
            spans.put(CallIds.datasetRetrieval(id), new Span(start, start));
        });
        // Dify before 1.3 had no tool_meta_str: no time cost, a tool call ends when it starts
        boolean toolMeta = dify.queryForObject("SELECT count(*) FROM information_schema.columns WHERE "
                + "table_name = 'message_agent_thoughts' AND column_name = 'tool_meta_str'", Long.class) > 0;
        dify.query("SELECT message_id::text, id::text, tool, " + (toolMeta ? "tool_meta_str" : "'{}'") + " AS meta, "
                + "created_at FROM message_agent_thoughts WHERE tool IS NOT NULL", rs -> {
            Instant start = utc(rs.getObject("created_at", LocalDateTime.class));
            JsonNode metas = Json.MAPPER.readTree(rs.getString("meta"));
            int n = 0;
            for (String tool : rs.getString("tool").split(";")) {
                if (tool.isBlank()) {
                    continue;
                }
                JsonNode cost = metas.path(tool.trim()).path("time_cost");
                spans.put(CallIds.tool(rs.getString("message_id"), rs.getString("id"), tool.trim(), n++),
                        new Span(start, cost.isNumber() ? plus(start, cost.doubleValue()) : start));
            }
        });
        dify.query("""
                SELECT c.id::text, coalesce(
                    (SELECT m.created_at FROM messages m WHERE m.conversation_id = c.id ORDER BY m.created_at, m.id LIMIT 1),
                    c.created_at) AS at
                FROM conversations c""", rs -> {
            Instant at = utc(rs.getObject("at", LocalDateTime.class));
            spans.put(CallIds.generateConversationName(rs.getString("id")), new Span(at, at));
        });
        return spans;
    }

    static Instant utc(LocalDateTime naive) {
        return naive == null ? null : naive.toInstant(ZoneOffset.UTC);
    }

    /** {@code at + timedelta(seconds=seconds)}: the exact binary value, half to even at the microsecond; 0 or less: {@code at}. */
    static Instant plus(Instant at, double seconds) {
        if (!(seconds > 0)) {
            return at; // an end before its start would be impossible: the start stands (C6)
        }
        long micros = new BigDecimal(seconds).movePointRight(6).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        return at.plus(micros, ChronoUnit.MICROS);
    }
}
