package dev.difyweave.backfill.report;

import dev.difyweave.backfill.state.DailyCalls;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.node.ObjectNode;

import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.WeaveCall;

class CallKindsTest {

    @ParameterizedTest(name = "tags[0]={0}, op_name={1} -> {2}")
    @CsvSource({
            "dify_workflow,     workflow,                   workflow",
            "node_execution,    llm,                        workflow",
            "node_execution,    code,                       workflow",
            "message,           message,                    message",
            "message,           llm,                        message",
            "message,           workflow,                   workflow",
            "tool,              google_search,              tool",
            "dataset_retrieval, dataset_retrieval,          dataset_retrieval",
            "moderation,        moderation,                 moderation",
            "generate_name,     generate_conversation_name, generate_name",
            "something_new,     whatever,                   other",
    })
    void theFirstTagNamesTheKind(String firstTag, String opName, String kind) {
        assertThat(CallKinds.of(call(firstTag, "second"), opName)).isEqualTo(kind);
        assertThat(CallKinds.ofFirstTag(firstTag, opName)).isEqualTo(kind);
    }

    @Test
    void onlyTheFirstTagCounts() {
        // a chatflow message is tagged ["message", "workflow"]: it is a message
        assertThat(CallKinds.of(call("message", "workflow"), "message")).isEqualTo("message");
        // a tool call is tagged ["tool", <tool name>], whatever the tool is called
        assertThat(CallKinds.of(call("tool", "dataset_retrieval"), "dataset_retrieval"))
                .isEqualTo("tool");
    }

    @Test
    void aCallWithoutUsableTagsIsOther() {
        assertThat(CallKinds.of(null, "workflow")).isEqualTo(CallKinds.OTHER);
        assertThat(CallKinds.of(Json.NODES.objectNode(), "workflow")).isEqualTo(CallKinds.OTHER);
        ObjectNode emptyTags = Json.NODES.objectNode();
        emptyTags.putArray("tags");
        assertThat(CallKinds.of(emptyTags, "workflow")).isEqualTo(CallKinds.OTHER);
        ObjectNode numberTag = Json.NODES.objectNode();
        numberTag.putArray("tags").add(7);
        assertThat(CallKinds.of(numberTag, "workflow")).isEqualTo(CallKinds.OTHER);
        ObjectNode notAnArray = Json.NODES.objectNode();
        notAnArray.put("tags", "workflow");
        assertThat(CallKinds.of(notAnArray, "workflow")).isEqualTo(CallKinds.OTHER);
    }

    @Test
    void everyKindHasItsPlaceInReportOrder() {
        assertThat(CallKinds.ALL).containsExactly("workflow", "message", "tool", "dataset_retrieval", "moderation",
                "generate_name", "other");
    }

    @Test
    void approximatedMeansANonEmptyListInAttributesBackfill() {
        ObjectNode attributes = call("message");
        assertThat(CallKinds.approximated(attributes)).isFalse();
        ObjectNode backfill = attributes.putObject("backfill");
        backfill.putArray("approximated");
        assertThat(CallKinds.approximated(attributes)).isFalse();
        ((tools.jackson.databind.node.ArrayNode) backfill.get("approximated")).add("ended_at");
        assertThat(CallKinds.approximated(attributes)).isTrue();
        assertThat(CallKinds.approximated((ObjectNode) null)).isFalse();
    }

    @Test
    void theDayIsTheUtcDayOfStartedAt() {
        // 23:30 UTC is already the next day in Asia/Kolkata, the zone the tests run in
        assertThat(CallKinds.day(Instant.parse("2026-03-01T23:30:00Z"))).isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(CallKinds.day(Instant.parse("2026-03-02T00:00:00Z"))).isEqualTo(LocalDate.parse("2026-03-02"));
        assertThat(CallKinds.day(null)).isEqualTo(LocalDate.EPOCH);
    }

    @Test
    void dailyCallsCountPerKindAndDayAndTheApproximatedOnes() {
        DailyCalls daily = new DailyCalls();
        ObjectNode approximated = call("moderation");
        approximated.putObject("backfill").putArray("approximated").add("started_at");
        daily.add(weaveCall("moderation", approximated, "2026-03-01T10:00:00Z"));
        daily.add(weaveCall("workflow", call("dify_workflow", "workflow"), "2026-03-01T11:00:00Z"));
        daily.add(weaveCall("llm", call("node_execution"), "2026-03-01T11:00:01Z"));
        daily.add(weaveCall("llm", call("node_execution"), "2026-03-02T00:00:01Z"));

        assertThat(daily.total()).isEqualTo(4);
        assertThat(daily.approximated()).isEqualTo(1);
        assertThat(daily.counts()).containsExactly(
                java.util.Map.entry(new DailyCalls.Key("workflow", LocalDate.parse("2026-03-01")), 2L),
                java.util.Map.entry(new DailyCalls.Key("moderation", LocalDate.parse("2026-03-01")), 1L),
                java.util.Map.entry(new DailyCalls.Key("workflow", LocalDate.parse("2026-03-02")), 1L));
    }

    private static ObjectNode call(String... tags) {
        ObjectNode attributes = Json.NODES.objectNode();
        var array = attributes.putArray("tags");
        for (String tag : tags) {
            array.add(tag);
        }
        return attributes;
    }

    private static WeaveCall weaveCall(String opName, ObjectNode attributes, String startedAt) {
        Instant start = Instant.parse(startedAt);
        return new WeaveCall("id", "trace", null, opName, opName, start, start, attributes, null, null, null, null,
                "test:1");
    }
}
