package dev.difyweave.backfill.call;

import java.util.UUID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ContentPolicyTest {

    private static final String ID = "0b7e7d43-6b8e-4f5e-9a51-3c1f0d2a9e11";
    private static final String PARENT = "1c8f8e54-7c9f-4a6f-8b62-4d2a1e3b0f22";

    private static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    private static String str(JsonNode node) {
        return WeaveJson.toJson(node);
    }

    private static WeaveCall call(String exception) {
        ObjectNode attributes = (ObjectNode) json("{\"message_id\":\"" + PARENT + "\",\"tool_name\":\"web_search\","
                + "\"tool_inputs\":{\"query\":\"where is my parcel\"},\"tool_outputs\":\"It is in Lyon\","
                + "\"error\":\"quota exceeded for user alice@example.com\",\"tool_config\":{\"tool_name\":\"web_search\","
                + "\"tool_parameters\":{\"query\":\"where is my parcel\",\"limit\":5}},\"preset_response\":\"Not here\",\"ls_model_name\":\"gpt-4o\","
                + "\"tags\":[\"tool\",\"web_search\"],\"backfill\":{\"source\":\"dify-weave-backfill\","
                + "\"version\":\"0.1.0\",\"job\":\"j\",\"approximated\":[]}}");
        ObjectNode summary = (ObjectNode) json("{\"status_counts\":{\"success\":0,\"error\":1},"
                + "\"weave\":{\"latency_ms\":1500},\"usage\":{\"gpt-4o\":{\"requests\":1,\"prompt_tokens\":12,"
                + "\"completion_tokens\":30,\"total_tokens\":42}}}");
        return new WeaveCall(ID, PARENT, PARENT, "web_search", "Search the web",
                Instant.parse("2025-11-20T08:15:02.123456Z"), Instant.parse("2025-11-20T08:15:03.623456Z"), attributes,
                json("{\"query\":\"where is my parcel\",\"n\":3,\"safe\":true,\"none\":null,"
                        + "\"history\":[\"where is my parcel\",{\"role\":\"user\",\"text\":\"hello there\"}],"
                        + "\"usage_metadata\":{\"input_tokens\":12,\"output_tokens\":null,\"total_tokens\":42}}"),
                json("{\"choices\":\"It is in Lyon\"}"), exception, summary, TraceKind.TOOL,
                new SourceKey("message_agent_thoughts", UUID.fromString(ID)));
    }

    private static void assertStructureKept(WeaveCall applied, WeaveCall original) {
        assertThat(applied.id()).isEqualTo(original.id());
        assertThat(applied.traceId()).isEqualTo(original.traceId());
        assertThat(applied.parentId()).isEqualTo(original.parentId());
        assertThat(applied.opName()).isEqualTo(original.opName());
        assertThat(applied.displayName()).isEqualTo(original.displayName());
        assertThat(applied.startedAt()).isEqualTo(original.startedAt());
        assertThat(applied.endedAt()).isEqualTo(original.endedAt());
        assertThat(applied.summary()).isEqualTo(original.summary());
        assertThat(applied.kind()).isEqualTo(original.kind());
        assertThat(applied.sourceKey()).isEqualTo(original.sourceKey());
        assertThat(applied.attributes().path("message_id").stringValue()).isEqualTo(PARENT);
        assertThat(applied.attributes().path("ls_model_name").stringValue()).isEqualTo("gpt-4o");
        assertThat(str(applied.attributes().path("tags"))).isEqualTo("[\"tool\",\"web_search\"]");
        assertThat(applied.attributes().path("backfill").path("job").stringValue()).isEqualTo("j");
    }

    @Test
    void keepChangesNothingButRecordsTheMode() {
        WeaveCall original = call("tool failed: quota exceeded");
        String before = str(original.attributes());

        WeaveCall kept = new ContentPolicy(ContentMode.KEEP).apply(original);

        assertStructureKept(kept, original);
        assertThat(kept.inputs()).isEqualTo(original.inputs());
        assertThat(kept.output()).isEqualTo(original.output());
        assertThat(kept.exception()).isEqualTo("tool failed: quota exceeded");
        assertThat(kept.attributes().path("tool_inputs")).isEqualTo(original.attributes().path("tool_inputs"));
        assertThat(kept.attributes().path("backfill").path("content").stringValue()).isEqualTo("keep");
        assertThat(str(original.attributes())).as("the given call is not changed").isEqualTo(before);
    }

    @Test
    void dropEmptiesInputsOutputContentAttributesAndTheExceptionMessage() {
        WeaveCall original = call("tool failed: quota exceeded for alice@example.com");
        String before = str(original.attributes()) + str(original.inputs()) + str(original.output());

        WeaveCall dropped = new ContentPolicy(ContentMode.DROP).apply(original);

        assertStructureKept(dropped, original);
        assertThat(str(dropped.inputs())).isEqualTo("{}");
        assertThat(dropped.output()).isNull();
        assertThat(dropped.exception()).as("the call still failed").isEqualTo(ContentPolicy.DROPPED_EXCEPTION);
        assertThat(dropped.attributes().has("tool_inputs")).isFalse();
        assertThat(dropped.attributes().has("tool_outputs")).isFalse();
        assertThat(dropped.attributes().has("error")).isFalse();
        assertThat(dropped.attributes().has("preset_response")).isFalse();
        assertThat(str(dropped.attributes().path("tool_config"))).isEqualTo("{\"tool_name\":\"web_search\"}");
        assertThat(dropped.attributes().path("tool_name").stringValue()).isEqualTo("web_search");
        assertThat(dropped.attributes().path("backfill").path("content").stringValue()).isEqualTo("drop");
        String sent = str(dropped.attributes()) + dropped.exception();
        assertThat(sent).doesNotContain("parcel").doesNotContain("Lyon").doesNotContain("alice");
        assertThat(str(original.attributes()) + str(original.inputs()) + str(original.output())).isEqualTo(before);
    }

    @Test
    void dropLeavesASuccessfulCallWithoutException() {
        assertThat(new ContentPolicy(ContentMode.DROP).apply(call(null)).exception()).isNull();
    }

    @Test
    void hashReplacesEveryStringValueAndKeepsKeysNumbersAndEquality() {
        WeaveCall original = call("tool failed");

        WeaveCall hashed = new ContentPolicy(ContentMode.HASH).apply(original);

        assertStructureKept(hashed, original);
        String parcel = ContentPolicy.hash("where is my parcel");
        String lyon = ContentPolicy.hash("It is in Lyon");
        assertThat(str(hashed.inputs())).isEqualTo("{\"query\":\"" + parcel + "\",\"n\":3,\"safe\":true,\"none\":null,"
                + "\"history\":[\"" + parcel + "\",{\"role\":\"" + ContentPolicy.hash("user") + "\",\"text\":\""
                + ContentPolicy.hash("hello there") + "\"}],"
                + "\"usage_metadata\":{\"input_tokens\":12,\"output_tokens\":null,\"total_tokens\":42}}");
        assertThat(str(hashed.output())).isEqualTo("{\"choices\":\"" + lyon + "\"}");
        assertThat(hashed.attributes().path("tool_inputs").path("query").stringValue())
                .as("the same value in inputs and attributes has the same hash").isEqualTo(parcel);
        assertThat(hashed.attributes().path("tool_outputs").stringValue()).isEqualTo(lyon);
        assertThat(str(hashed.attributes().path("tool_config"))).isEqualTo("{\"tool_name\":\"web_search\","
                + "\"tool_parameters\":{\"query\":\"" + parcel + "\",\"limit\":5}}");
        assertThat(hashed.attributes().path("preset_response").stringValue()).isEqualTo(ContentPolicy.hash("Not here"));
        assertThat(original.attributes().path("tool_config").path("tool_parameters").path("query").stringValue())
                .isEqualTo("where is my parcel");
        assertThat(hashed.exception()).isEqualTo(ContentPolicy.hash("tool failed"));
        assertThat(hashed.attributes().path("backfill").path("content").stringValue()).isEqualTo("hash");
        assertThat(str(original.inputs())).contains("where is my parcel");
    }

    @Test
    void theHashIsTheFirst16HexDigitsOfSha256OfTheUtf8Value() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assertThat(ContentPolicy.hash("abc")).isEqualTo("sha256:ba7816bf8f01cfea");
        // SHA-256 of the UTF-8 bytes of "é" (c3 a9), not of its UTF-16 or Latin-1 form
        assertThat(ContentPolicy.hash("\u00e9")).isEqualTo(ContentPolicy.hash(new String(new byte[] {(byte) 0xc3,
                (byte) 0xa9}, java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(ContentPolicy.hash("\u00e9")).isNotEqualTo(ContentPolicy.hash("e"));
        assertThat(ContentPolicy.hash("")).isEqualTo("sha256:e3b0c44298fc1c14");
    }

    @Test
    void aHashedCallIsStillValidForTheSanitizer() {
        WeaveCall hashed = new ContentPolicy(ContentMode.HASH).apply(call(null));
        WeaveCall sanitized = new CallSanitizer(CallSanitizer.DEFAULT_MAX_CALL_BYTES).sanitize(hashed);
        assertThat(sanitized.inputs()).isEqualTo(hashed.inputs());
        assertThat(sanitized.attributes().path("backfill").has("escaped")).isFalse();
    }

    @Test
    void modesAreParsedByTheirLowerCaseNames() {
        assertThat(ContentMode.of("keep")).isEqualTo(ContentMode.KEEP);
        assertThat(ContentMode.of("DROP")).isEqualTo(ContentMode.DROP);
        assertThat(ContentMode.of("hash")).isEqualTo(ContentMode.HASH);
        assertThat(ContentMode.of(null)).isEqualTo(ContentMode.KEEP);
        assertThatThrownBy(() -> ContentMode.of("redact")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keep|drop|hash").hasMessageContaining("'redact'");
    }

    @Test
    void keepReturnsTheVeryCallWhenItsProvenanceAlreadySaysKeep() {
        WeaveCall mapped = new ContentPolicy(ContentMode.KEEP).apply(call("boom"));
        assertThat(mapped.attributes().path("backfill").path("content").stringValue()).isEqualTo("keep");

        assertThat(new ContentPolicy(ContentMode.KEEP).apply(mapped)).isSameAs(mapped);
        assertThat(new ContentPolicy(ContentMode.KEEP).mode()).isEqualTo(ContentMode.KEEP);
        assertThat(new ContentPolicy(ContentMode.HASH).mode()).isEqualTo(ContentMode.HASH);
    }

    @Test
    void aCallAlreadyMarkedForAnotherModeIsStillChanged() {
        WeaveCall dropped = new ContentPolicy(ContentMode.DROP).apply(call("boom"));

        WeaveCall again = new ContentPolicy(ContentMode.DROP).apply(dropped);

        assertThat(again.exception()).isEqualTo(dropped.exception());
        assertThat(again.attributes().path("backfill").path("content").stringValue()).isEqualTo("drop");
        WeaveCall kept = new ContentPolicy(ContentMode.KEEP).apply(dropped);
        assertThat(kept).isNotSameAs(dropped);
        assertThat(kept.attributes().path("backfill").path("content").stringValue()).isEqualTo("keep");
    }

    @Test
    void feedbackTextUnderEachMode() {
        assertThat(new ContentPolicy(ContentMode.KEEP).text("great answer")).isEqualTo("great answer");
        assertThat(new ContentPolicy(ContentMode.DROP).text("great answer")).isNull();
        assertThat(new ContentPolicy(ContentMode.HASH).text("great answer")).isEqualTo(ContentPolicy.hash("great answer"));
        assertThat(new ContentPolicy(ContentMode.KEEP).text(null)).isNull();
    }
}
