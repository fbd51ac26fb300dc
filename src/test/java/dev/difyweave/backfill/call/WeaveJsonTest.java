package dev.difyweave.backfill.call;

import java.util.UUID;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The wire shape of calls. Surefire runs with {@code -Duser.timezone=Asia/Kolkata}: nothing may depend on it. */
class WeaveJsonTest {

    private static final String ID = "5f0c6a1e-2b3d-4c5e-8f9a-0b1c2d3e4f5a";
    private static final String PARENT = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static final String SUMMARY = "{\"status_counts\":{\"success\":1,\"error\":0},\"weave\":{\"latency_ms\":1876}}";

    private static ObjectNode object(String text) {
        return (ObjectNode) Json.MAPPER.readTree(text);
    }

    private static WeaveCall call(String parentId, String displayName, JsonNode inputs, JsonNode output,
            String exception) {
        return new WeaveCall(ID, PARENT, parentId, "llm", displayName, Instant.parse("2025-11-20T08:15:02.123456Z"),
                Instant.parse("2025-11-20T08:15:04.000001Z"), object("{\"tags\":[\"node_execution\"]}"), inputs, output,
                exception, object(SUMMARY), TraceKind.WORKFLOW, new SourceKey("workflow_node_executions", UUID.fromString(ID)));
    }

    private static String upsert(WeaveCall call) {
        return new String(WeaveJson.upsertItems("my-team/my-project", call), StandardCharsets.UTF_8);
    }

    private static String complete(WeaveCall call) {
        return new String(WeaveJson.completeItem("my-team/my-project", call), StandardCharsets.UTF_8);
    }

    @Test
    void theJvmZoneIsNotUtcInThisBuild() {
        // a guard for the tests below: they prove nothing if the JVM already runs in UTC
        assertThat(TimeZone.getDefault().getRawOffset())
                .as("surefire runs the tests with -Duser.timezone=Asia/Kolkata").isNotZero();
    }

    @Test
    void upsertItemsAreAStartAndAnEndItemInThisExactShape() {
        WeaveCall call = call(PARENT, "LLM", object("{\"q\":\"hi\"}"), object("{\"text\":\"hello\"}"), null);

        assertThat(upsert(call)).isEqualTo(
                "{\"mode\":\"start\",\"req\":{\"start\":{\"project_id\":\"my-team/my-project\",\"id\":\"" + ID
                        + "\",\"trace_id\":\"" + PARENT + "\",\"parent_id\":\"" + PARENT + "\",\"op_name\":\"llm\","
                        + "\"display_name\":\"LLM\",\"started_at\":\"2025-11-20T08:15:02.123456Z\","
                        + "\"attributes\":{\"tags\":[\"node_execution\"]},\"inputs\":{\"q\":\"hi\"},"
                        + "\"wb_user_id\":null}}},"
                        + "{\"mode\":\"end\",\"req\":{\"end\":{\"project_id\":\"my-team/my-project\",\"id\":\"" + ID
                        + "\",\"ended_at\":\"2025-11-20T08:15:04.000001Z\",\"exception\":null,"
                        + "\"output\":{\"text\":\"hello\"},\"summary\":" + SUMMARY + "}}}");
    }

    @Test
    void upsertItemsParseAsTwoBatchItems() {
        JsonNode batch = Json.MAPPER.readTree("[" + upsert(call(null, null, null, null, null)) + "]");
        assertThat(batch.size()).isEqualTo(2);
        assertThat(batch.get(0).get("mode").stringValue()).isEqualTo("start");
        assertThat(batch.get(0).path("req").path("start").path("id").stringValue()).isEqualTo(ID);
        assertThat(batch.get(1).get("mode").stringValue()).isEqualTo("end");
        assertThat(batch.get(1).path("req").path("end").path("id").stringValue()).isEqualTo(ID);
    }

    @Test
    void rootsHaveANullParentIdAndNoDisplayNameIsLeftOut() {
        JsonNode start = startOf(call(null, null, object("{}"), null, null));
        assertThat(start.has("parent_id")).isTrue();
        assertThat(start.get("parent_id").isNull()).isTrue();
        assertThat(start.has("display_name")).isFalse();
    }

    @Test
    void inputsAreAlwaysAnObjectOnTheWire() {
        assertThat(startOf(call(null, null, null, null, null)).get("inputs").toString()).isEqualTo("{}");
        assertThat(startOf(call(null, null, Json.NODES.nullNode(), null, null)).get("inputs").toString())
                .isEqualTo("{}");
        assertThat(startOf(call(null, null, Json.NODES.stringNode("raw"), null, null)).get("inputs").toString())
                .isEqualTo("{\"inputs\":\"raw\"}");
    }

    @Test
    void endAlwaysHasSummaryExceptionAndOutputEvenWhenNull() {
        JsonNode end = endOf(call(null, null, null, null, null));
        assertThat(names(end)).containsExactly("project_id", "id", "ended_at", "exception", "output", "summary");
        assertThat(end.get("exception").isNull()).isTrue();
        assertThat(end.get("output").isNull()).isTrue();
        assertThat(end.get("summary").toString()).isEqualTo(SUMMARY);
    }

    @Test
    void exceptionIsAString() {
        assertThat(endOf(call(null, null, null, null, "boom")).get("exception").stringValue()).isEqualTo("boom");
    }

    @Test
    void completeItemMergesStartAndEndFields() {
        WeaveCall call = call(PARENT, "LLM", object("{\"q\":\"hi\"}"), object("{\"text\":\"hello\"}"), "bad");
        assertThat(complete(call)).isEqualTo("{\"project_id\":\"my-team/my-project\",\"id\":\"" + ID
                + "\",\"trace_id\":\"" + PARENT + "\",\"parent_id\":\"" + PARENT + "\",\"op_name\":\"llm\","
                + "\"display_name\":\"LLM\",\"started_at\":\"2025-11-20T08:15:02.123456Z\","
                + "\"attributes\":{\"tags\":[\"node_execution\"]},\"inputs\":{\"q\":\"hi\"},\"wb_user_id\":null,"
                + "\"ended_at\":\"2025-11-20T08:15:04.000001Z\",\"exception\":\"bad\",\"output\":{\"text\":\"hello\"},"
                + "\"summary\":" + SUMMARY + "}");
    }

    @Test
    void theCompleteItemCutFromTheUpsertItemsIsTheOneWrittenFromTheValues() {
        for (WeaveCall call : List.of(call(PARENT, "LLM", object("{\"q\":\"h\u00e9 \\\"x\\\" \u65e5\"}"),
                object("{\"text\":[1,2.5,null]}"), "bad"), call(null, null, null, null, null))) {
            WeaveCall.Encoded encoded = WeaveJson.encode("my-team/my-project", call);
            assertThat(new String(encoded.completeItem(), StandardCharsets.UTF_8)).isEqualTo(complete(call));
            assertThat(WeaveJson.completeItem("my-team/my-project", call.withEncoded(encoded)))
                    .isEqualTo(encoded.completeItem());
        }
    }

    @Test
    void completeItemOfARootHasNullParentAndEmptyInputs() {
        JsonNode item = Json.MAPPER.readTree(complete(call(null, null, null, null, null)));
        assertThat(item.get("parent_id").isNull()).isTrue();
        assertThat(item.get("inputs").toString()).isEqualTo("{}");
        assertThat(item.has("summary")).isTrue();
    }

    @Test
    void timestampsAreUtcWithSixFractionDigitsAndZ() {
        assertThat(WeaveJson.timestamp(Instant.parse("2025-11-20T08:15:02Z"))).isEqualTo("2025-11-20T08:15:02.000000Z");
        assertThat(WeaveJson.timestamp(Instant.parse("2025-11-20T08:15:02.1Z"))).isEqualTo("2025-11-20T08:15:02.100000Z");
        assertThat(WeaveJson.timestamp(Instant.parse("2025-11-20T08:15:02.123456789Z")))
                .isEqualTo("2025-11-20T08:15:02.123456Z");
    }

    /**
     * The date worked out by hand from the epoch day is the formatter's on every day from year 1 to 9999
     * (each leap rule: 1900, 2000, 2100, 2400), at random times of day and fractions, before 1970 too.
     */
    @Test
    void theFastTimestampIsTheFormattersTextOnEveryDayOfYearsOneTo9999() {
        long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond() / 86_400;
        long last = Instant.parse("9999-12-31T00:00:00Z").getEpochSecond() / 86_400;
        java.util.SplittableRandom random = new java.util.SplittableRandom(15);
        for (long day = first; day <= last; day++) {
            Instant at = Instant.ofEpochSecond(day * 86_400 + random.nextInt(86_400), random.nextInt(1_000_000_000));
            String expected = WeaveJson.TIMESTAMP.format(at);
            if (!WeaveJson.timestamp(at).equals(expected)) {
                assertThat(WeaveJson.timestamp(at)).as(at.toString()).isEqualTo(expected);
            }
        }
        assertThat(WeaveJson.timestamp(Instant.parse("9999-12-31T23:59:59.999999999Z"))).isEqualTo("9999-12-31T23:59:59.999999Z");
        assertThat(WeaveJson.timestamp(Instant.parse("1969-12-31T23:59:59.000001Z"))).isEqualTo("1969-12-31T23:59:59.000001Z");
    }

    @Test
    void timestampsDoNotMoveWithTheJvmZone() {
        // 23:59 UTC is already the next day (and the next year) in Asia/Kolkata
        Instant lateUtc = LocalDateTime.parse("2025-12-31T23:59:59.999999").toInstant(ZoneOffset.UTC);
        assertThat(WeaveJson.timestamp(lateUtc)).isEqualTo("2025-12-31T23:59:59.999999Z");

        WeaveCall call = new WeaveCall(ID, ID, null, "workflow", null, lateUtc, lateUtc, object("{}"), null, null,
                null, object(SUMMARY), TraceKind.WORKFLOW, RootKind.WORKFLOW_RUNS.key(UUID.fromString(ID)));
        assertThat(startOf(call).get("started_at").stringValue()).isEqualTo("2025-12-31T23:59:59.999999Z");
        assertThat(endOf(call).get("ended_at").stringValue()).isEqualTo("2025-12-31T23:59:59.999999Z");
    }

    @Test
    void callBytesIsTheSizeOfTheUpsertItems() {
        WeaveCall call = call(PARENT, "\u65e5\u672c", object("{\"q\":\"\u00e9\"}"), null, null);
        assertThat(WeaveJson.callBytes(call)).isEqualTo(WeaveJson.upsertItems("entity/project", call).length);
        assertThat(WeaveJson.callBytes(call))
                .isEqualTo(upsert(call).replace("my-team/my-project", "entity/project").getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void startFieldsAreInTheOrderOfStartedCallSchemaForInsert() {
        assertThat(names(startOf(call(PARENT, "d", null, null, null)))).containsExactly("project_id", "id", "trace_id",
                "parent_id", "op_name", "display_name", "started_at", "attributes", "inputs", "wb_user_id");
    }

    private static JsonNode startOf(WeaveCall call) {
        return Json.MAPPER.readTree("[" + upsert(call) + "]").get(0).path("req").path("start");
    }

    private static JsonNode endOf(WeaveCall call) {
        return Json.MAPPER.readTree("[" + upsert(call) + "]").get(1).path("req").path("end");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    /** The hand-written timestamp is the text of {@link WeaveJson#TIMESTAMP}, past year 9999 too. */
    @Test
    void theFastTimestampIsTheFormattersText() {
        for (String instant : new String[] {"0001-01-01T00:00:00Z", "1970-01-01T00:00:00.000000999Z",
            "2025-11-20T08:15:02.123456789Z", "9999-12-31T23:59:59.999999Z", "+10000-01-01T00:00:00.000001Z"}) {
            Instant at = Instant.parse(instant);
            assertThat(WeaveJson.timestamp(at)).as(instant).isEqualTo(WeaveJson.TIMESTAMP.format(at));
        }
        assertThat(WeaveJson.timestamp(Instant.parse("2025-11-20T08:15:02.123456789Z")))
                .isEqualTo("2025-11-20T08:15:02.123456Z");
    }

    /**
     * The trees of a call are written as Jackson's own {@code writeValueAsBytes} writes them, every kind of node
     * included (numbers of each type, binary, a raw value, empty containers), both by the generator that checks
     * what it writes (the upsert items, and the {@code calls/complete} item cut from them) and by a plain one
     * (a {@code calls/complete} item of a call not encoded).
     */
    @Test
    void treesAreWrittenAsJacksonWritesThem() {
        for (long seed = 1; seed <= 200; seed++) {
            RandomCalls random = new RandomCalls(seed);
            ObjectNode attributes = everyKindOfNode();
            attributes.set("random", random.tree(5));
            ObjectNode inputs = Json.NODES.objectNode();
            inputs.set("raw", StreamedJson.read(JsonText.of("{\"a\": [1, 2.5, \"x\"]}")).get("a"));
            inputs.set("random", random.tree(5));
            ObjectNode summary = Json.NODES.objectNode();
            summary.set("random", random.tree(4));
            WeaveCall call = new WeaveCall(ID, PARENT, null, "llm", null, Instant.parse("2025-11-20T08:15:02.123456Z"),
                    Instant.parse("2025-11-20T08:15:04.000001Z"), attributes, inputs, random.tree(5), null, summary,
                    TraceKind.WORKFLOW, new SourceKey("workflow_node_executions", UUID.fromString(ID)));

            ObjectNode expected = Json.NODES.objectNode();
            expected.put("project_id", "p/q").put("id", ID).put("trace_id", PARENT).putNull("parent_id");
            expected.put("op_name", "llm").put("started_at", "2025-11-20T08:15:02.123456Z");
            expected.set("attributes", attributes);
            expected.set("inputs", inputs);
            expected.putNull("wb_user_id");
            expected.put("ended_at", "2025-11-20T08:15:04.000001Z").putNull("exception");
            expected.set("output", call.outputAsStored());
            expected.set("summary", summary);
            byte[] jackson = Json.MAPPER.writeValueAsBytes(expected);

            assertThat(WeaveJson.completeItem("p/q", call)).as("seed %d", seed).isEqualTo(jackson);
            assertThat(WeaveJson.encode("p/q", call).completeItem()).as("seed %d", seed).isEqualTo(jackson);
        }
    }

    /**
     * Doubles go out as the shortest text that reads back as the same double, on every JDK: Java 17's
     * {@code Double.toString} writes {@code 4.6386673363599088E16} for the first one (JDK-4511638).
     */
    @Test
    void doublesAreWrittenAsTheShortestTextOnEveryJdk() {
        ObjectNode values = Json.NODES.objectNode();
        values.put("a", 4.638667336359909E16).put("b", 1.0E-7).put("c", 0.1 + 0.2).put("d", 2.5).put("e", 1.0E23);
        assertThat(Json.MAPPER.writeValueAsString(values))
                .isEqualTo("{\"a\":4.638667336359909E16,\"b\":1.0E-7,\"c\":0.30000000000000004,\"d\":2.5,"
                        + "\"e\":1.0E23}");
        assertThat(upsert(call(null, null, values, null, null))).contains("\"inputs\":{\"a\":4.638667336359909E16,");
    }

    private static ObjectNode everyKindOfNode() {
        ObjectNode node = Json.NODES.objectNode();
        node.put("int", 7).put("long", 1L << 40).put("short", (short) 3).put("float", 1.1f).put("double", 1e-7);
        node.put("big_integer", new BigInteger("123456789012345678901234567890"));
        node.put("big_decimal", new BigDecimal("1234.5000"));
        node.put("true", true).put("text", "caf\u00e9 \"q\" /\n").putNull("null");
        node.put("binary", new byte[] {1, 2, 3});
        node.putObject("empty_object");
        node.putArray("empty_array");
        node.putArray("nested").addObject().putArray("in").add(1).addArray();
        return node;
    }
}
