package dev.difyweave.backfill.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.RootKind;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.call.WeaveCall;

class DailyCallsTest {

    @Test
    void callsAreCountedPerKindTheyCarryAndUtcDayInReportOrder() {
        DailyCalls daily = new DailyCalls();
        ObjectNode approximated = Json.NODES.objectNode();
        approximated.putObject("backfill").putArray("approximated").add("started_at");
        daily.add(call(TraceKind.MODERATION, "moderation", approximated, "2026-03-01T10:00:00Z"));
        // the kind comes from the call, not from its tags or op name (these have none, or misleading ones)
        daily.add(call(TraceKind.WORKFLOW, "message", tags("message"), "2026-03-01T11:00:00Z"));
        daily.add(call(TraceKind.WORKFLOW, "llm", Json.NODES.objectNode(), "2026-03-01T11:00:01Z"));
        daily.add(call(TraceKind.TOOL, "tool:dataset_retrieval", tags("dataset_retrieval"), "2026-03-02T00:00:01Z"));
        daily.add(call(TraceKind.GENERATE_NAME, "generate_conversation_name", null, "2026-03-01T12:00:00Z"));

        assertThat(daily.total()).isEqualTo(5);
        assertThat(daily.approximated()).isEqualTo(1);
        assertThat(daily.counts()).containsExactly(
                Map.entry(new DailyCalls.Key(TraceKind.WORKFLOW, LocalDate.parse("2026-03-01")), 2L),
                Map.entry(new DailyCalls.Key(TraceKind.MODERATION, LocalDate.parse("2026-03-01")), 1L),
                Map.entry(new DailyCalls.Key(TraceKind.GENERATE_NAME, LocalDate.parse("2026-03-01")), 1L),
                Map.entry(new DailyCalls.Key(TraceKind.TOOL, LocalDate.parse("2026-03-02")), 1L));
    }

    /** Calls added one by one (counted in runs of one kind and day) add up as if each were added on its own. */
    @Test
    void callsInAnyOrderAddUpPerKindAndDay() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        DailyCalls daily = new DailyCalls();
        Map<DailyCalls.Key, Long> expected = new java.util.TreeMap<>();
        Instant at = Instant.parse("1969-12-30T20:00:00Z");
        for (int i = 0; i < 5_000; i++) {
            at = at.plusSeconds(random.nextInt(4) == 0 ? -random.nextInt(40_000) : random.nextInt(20_000));
            TraceKind kind = random.nextInt(3) == 0 ? TraceKind.values()[random.nextInt(TraceKind.values().length)]
                    : TraceKind.WORKFLOW;
            Instant startedAt = random.nextInt(50) == 0 ? null : at;
            daily.add(call(kind, "op", null, startedAt == null ? null : startedAt.toString()));
            expected.merge(new DailyCalls.Key(kind, DailyCalls.day(startedAt)), 1L, Long::sum);
            if (random.nextInt(500) == 0) {
                assertThat(daily.counts()).isEqualTo(expected);
            }
        }
        for (String second : new String[] {"2026-03-01T23:59:59.999Z", "2026-03-02T00:00:00Z", "2026-03-01T23:59:59Z",
            "2026-03-01T00:00:00Z", "2026-02-28T23:59:59Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z"}) {
            daily.add(call(TraceKind.WORKFLOW, "op", null, second));
            expected.merge(new DailyCalls.Key(TraceKind.WORKFLOW, DailyCalls.day(Instant.parse(second))), 1L, Long::sum);
        }
        daily.add(TraceKind.TOOL, LocalDate.parse("1970-01-01"), 3);
        expected.merge(new DailyCalls.Key(TraceKind.TOOL, LocalDate.EPOCH), 3L, Long::sum);
        assertThat(daily.counts()).containsExactlyEntriesOf(expected);
        assertThat(daily.total()).isEqualTo(5_010);
    }

    @Test
    void theDayIsTheUtcDayOfStartedAt() {
        // 23:30 UTC is already the next day in Asia/Kolkata, the zone the tests run in
        assertThat(DailyCalls.day(Instant.parse("2026-03-01T23:30:00Z"))).isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(DailyCalls.day(Instant.parse("2026-03-02T00:00:00Z"))).isEqualTo(LocalDate.parse("2026-03-02"));
        assertThat(DailyCalls.day(Instant.parse("1969-12-31T23:59:59.999Z"))).isEqualTo(LocalDate.parse("1969-12-31"));
        assertThat(DailyCalls.day(Instant.parse("9999-12-31T23:59:59Z"))).isEqualTo(LocalDate.parse("9999-12-31"));
        assertThat(DailyCalls.day(null)).isEqualTo(LocalDate.EPOCH);
    }

    private static ObjectNode tags(String... tags) {
        ObjectNode attributes = Json.NODES.objectNode();
        ArrayNode array = attributes.putArray("tags");
        for (String tag : tags) {
            array.add(tag);
        }
        return attributes;
    }

    private static WeaveCall call(TraceKind kind, String opName, ObjectNode attributes, String startedAt) {
        Instant start = startedAt == null ? null : Instant.parse(startedAt);
        return new WeaveCall("id", "trace", null, opName, opName, start, start, attributes, null, null, null, null,
                kind, RootKind.MESSAGES.key(UUID.randomUUID()));
    }
}
