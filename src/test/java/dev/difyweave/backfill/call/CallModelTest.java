package dev.difyweave.backfill.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The call and feedback records as the rest of the backfill uses them, and the ref rule on its own. */
class CallModelTest {

    private static final String ID = "0b7e7d43-6b8e-4f5e-9a51-3c1f0d2a9e11";
    private static final String PARENT = "1c8f8e54-7c9f-4a6f-8b62-4d2a1e3b0f22";

    private static WeaveCall call(String parentId, String exception) {
        ObjectNode attributes = Json.NODES.objectNode().put("app_id", "a");
        return new WeaveCall(ID, PARENT, parentId, "llm", null, Instant.parse("2025-11-20T08:15:02Z"),
                Instant.parse("2025-11-20T08:15:04Z"), attributes, Json.NODES.objectNode().put("q", "hi"),
                Json.NODES.objectNode().put("a", "yo"), exception, Json.NODES.objectNode(), TraceKind.MESSAGE,
                RootKind.MESSAGES.key(UUID.fromString(PARENT)));
    }

    @Test
    void aCallWithoutParentIsARoot() {
        assertThat(call(null, null).isRoot()).isTrue();
        assertThat(call(PARENT, null).isRoot()).isFalse();
    }

    @Test
    void equalCallsHaveEqualHashesAndADifferentValueMakesAnotherCall() {
        WeaveCall call = call(PARENT, null);
        WeaveCall same = call(PARENT, null);

        assertThat(call).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(call.withEncoded(WeaveJson.encode("e/p", call))).as("cached bytes are no value").isEqualTo(same);
        assertThat(call).isNotEqualTo(call(PARENT, "boom"));
        assertThat(call).isNotEqualTo(call(null, null));
        assertThat(call).isNotEqualTo(call.withValues("tool", null, call.attributes(), call.inputs(), call.output(), null,
                call.summary()));
        assertThat(call).isNotEqualTo("a call");
    }

    @Test
    void withPayloadReplacesAttributesInputsAndOutputAndDropsCachedBytes() {
        WeaveCall call = call(PARENT, "boom");
        call = call.withEncoded(WeaveJson.encode("e/p", call));
        ObjectNode attributes = Json.NODES.objectNode().put("app_id", "b");
        JsonNode inputs = Json.NODES.objectNode().put("q", "other");

        WeaveCall changed = call.withPayload(attributes, inputs, null);

        assertThat(changed.attributes()).isSameAs(attributes);
        assertThat(changed.inputs()).isSameAs(inputs);
        assertThat(changed.output()).isNull();
        assertThat(changed.exception()).isEqualTo("boom");
        assertThat(changed.id()).isEqualTo(ID);
        assertThat(changed.encoded()).isNull();
    }

    @Test
    void approximatedMeansANonEmptyListInAttributesBackfillAndAReleasedCallKeepsIt() {
        WeaveCall call = call(PARENT, null);
        assertThat(call.approximated()).isFalse();
        ArrayNode approximated = call.attributes().putObject("backfill").put("content", "keep").putArray("approximated");
        assertThat(call.approximated()).isFalse();
        approximated.add("ended_at");
        assertThat(call.approximated()).isTrue();
        assertThat(call.withPayload(null, call.inputs(), call.output()).approximated()).isFalse();

        WeaveCall released = call.withEncoded(WeaveJson.encode("team/a", call)).released();
        assertThat(released.approximated()).isTrue();
        assertThat(released.attributes()).as("of the attributes, only what the job counts")
                .isEqualTo(Json.MAPPER.readTree("{\"backfill\":{\"approximated\":[\"ended_at\"]}}"));
    }

    @Test
    void cachedBytesServeOnlyTheProjectTheyWereMadeFor() {
        WeaveCall call = call(PARENT, null);
        WeaveCall.Encoded encoded = WeaveJson.encode("team/a", call);
        byte[] forA = encoded.upsertItems();
        WeaveCall cached = call.withEncoded(encoded);

        assertThat(cached.upsertItems("team/a")).isSameAs(forA);
        String forB = new String(cached.upsertItems("team/b"), StandardCharsets.UTF_8);
        assertThat(forB).contains("\"project_id\":\"team/b\"").doesNotContain("team/a");
    }

    @Test
    void aReleasedCallKeepsItsBytesAndWhatTheJobCountsAndServesNoOtherProject() {
        WeaveCall call = call(PARENT, "boom");
        WeaveCall.Encoded encoded = WeaveJson.encode("team/a", call);
        byte[] complete = WeaveJson.completeItem("team/a", call);

        WeaveCall released = call.withEncoded(encoded).released();

        assertThat(released.inputs()).isNull();
        assertThat(released.output()).isNull();
        assertThat(released.attributes()).as("nothing the job counts: no attributes kept").isNull();
        assertThat(List.of(released.id(), released.traceId(), released.opName(), released.exception()))
                .containsExactly(call.id(), call.traceId(), call.opName(), call.exception());
        assertThat(released.upsertItems("team/a")).isSameAs(encoded.upsertItems());
        assertThat(WeaveJson.completeItem("team/a", released)).isEqualTo(complete);
        assertThatThrownBy(() -> released.upsertItems("team/b")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("released");
        assertThatThrownBy(() -> WeaveJson.completeItem("team/b", released)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(call::released).as("an unencoded call has nothing to keep").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rootKindsNameTheirTableAndStep() {
        assertThat(RootKind.MESSAGES.table()).isEqualTo("messages");
        assertThat(RootKind.WORKFLOW_RUNS.table()).isEqualTo("workflow_runs");
        assertThat(RootKind.CONVERSATIONS.step()).isEqualTo("conversationNames");
        assertThat(RootKind.MESSAGES.step()).isEqualTo("messageTraces");
        assertThat(RootKind.WORKFLOW_RUNS.step()).isEqualTo("workflowTraces");
    }

    @Test
    void feedbackWithoutCreatorHasNoCreatorField() {
        ObjectNode payload = Json.NODES.objectNode().put("emoji", "👍");
        String withCreator = new String(WeaveFeedback.of("e/p", ID, WeaveFeedback.REACTION, payload, "alice",
                "message_feedbacks:1").createItem(), StandardCharsets.UTF_8);
        WeaveFeedback anonymous = WeaveFeedback.of("e/p", ID, WeaveFeedback.REACTION, payload, null, "message_feedbacks:1");
        JsonNode item = Json.MAPPER.readTree(anonymous.createItem());

        assertThat(withCreator).contains("\"creator\":\"alice\"");
        assertThat(item.has("creator")).isFalse();
        assertThat(item.get("weave_ref").stringValue()).isEqualTo("weave:///e/p/call/" + ID);
        assertThat(item.get("id").stringValue()).isEqualTo(anonymous.id());
    }

    /** Only a string holding a ref prefix is read as JSON: deep JSON text without one is harmless text. */
    @Test
    void deepJsonWithoutARefIsNotDangerous() {
        String deep = "[".repeat(WeaveRefRule.MAX_EMBEDDED_NESTING + 10) + "]".repeat(WeaveRefRule.MAX_EMBEDDED_NESTING + 10);
        assertThat(WeaveRefRule.isDangerous(deep)).isFalse();
        assertThat(WeaveRefRule.isDangerous("[" + deep + ",\"weave:///x\"]")).isTrue();
        assertThat(WeaveRefRule.containsPrefix("see weave-trace-internal:///p")).isTrue();
        assertThat(WeaveRefRule.containsPrefix("weave://x")).isFalse();
    }

    /** json.loads refuses a text with a second value after the first ("Extra data"): Weave looks at nothing in it. */
    @Test
    void jsonTextWithASecondValueIsNotDecoded() {
        assertThat(WeaveRefRule.isDangerous("[\"weave:///x\"] [1]")).isFalse();
        assertThat(WeaveRefRule.isDangerous("\"weave:///x\" \"y\"")).isFalse();
        assertThat(WeaveRefRule.isDangerous("[\"weave:///x\"] ")).isTrue();
    }
}
