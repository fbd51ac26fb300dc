package dev.difyweave.backfill.trace;

import static dev.difyweave.backfill.trace.MessageRows.APP_ID;
import static dev.difyweave.backfill.trace.MessageRows.CONVERSATION_ID;
import static dev.difyweave.backfill.trace.MessageRows.NO_USAGE;
import static dev.difyweave.backfill.trace.MessageRows.PROVENANCE;
import static dev.difyweave.backfill.trace.MessageRows.TENANT_ID;
import static dev.difyweave.backfill.trace.MessageRows.backfill;
import static dev.difyweave.backfill.trace.MessageRows.conversation;
import static dev.difyweave.backfill.trace.MessageRows.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.source.ConversationRow;
import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.call.WeaveCall;
import dev.difyweave.backfill.call.WeaveJson;

/** C12: generate_conversation_name as its own root trace (docs/reference/dify-source.md §2.7, §3.3 (h)). */
class ConversationNameMapperTest {

    private static final String C = CONVERSATION_ID.toString();
    private static final LocalDateTime FIRST_MESSAGE = LocalDateTime.parse("2025-11-20T09:30:15");

    private final ConversationNameMapper mapper = new ConversationNameMapper(PROVENANCE);

    private AssembledTrace map(ConversationRow row) {
        AssembledTrace trace = mapper.map(row);
        assertThat(trace.kind()).isEqualTo(TraceKind.GENERATE_NAME);
        assertThat(trace.sourceKey().toString()).isEqualTo("conversations:" + row.id());
        assertThat(trace.appId()).isEqualTo(row.appId());
        CallIdentity.assertKindsMatchTags(trace);
        assertThat(trace.assemblyFailed()).isFalse();
        assertThat(trace.calls()).hasSize(1);
        WeaveCall call = trace.calls().get(0);
        // its own root trace
        assertThat(call.id()).isEqualTo(CallIds.v5("generate_conversation_name:" + row.id()));
        assertThat(UUID.fromString(call.id()).version()).isEqualTo(5);
        assertThat(call.traceId()).isEqualTo(call.id());
        assertThat(call.parentId()).isNull();
        assertThat(call.opName()).isEqualTo("generate_conversation_name");
        assertThat(call.displayName()).isNull();
        assertThat(call.exception()).isNull();
        assertThat(call.endedAt()).isEqualTo(call.startedAt());
        assertThat(call.sourceKey().toString()).isEqualTo("conversations:" + row.id());
        return trace;
    }

    @Test
    void nameGenerationIsARootCallLinkedByConversationId() {
        AssembledTrace trace = map(conversation("Weave overview", "What is Weave?", FIRST_MESSAGE));
        WeaveCall call = trace.calls().get(0);

        assertThat(trace.problems()).isEmpty();
        assertThat(WeaveJson.timestamp(call.startedAt())).isEqualTo("2025-11-20T09:30:15.000000Z");
        assertThat(json(call.inputs())).isEqualTo("{\"messages\":{\"role\":\"user\",\"content\":\"What is Weave?\","
                + "\"usage_metadata\":" + NO_USAGE + ",\"file_list\":[]}}");
        assertThat(json(call.output())).isEqualTo("{\"choices\":{\"role\":\"ai\",\"content\":\"Weave overview\","
                + "\"usage_metadata\":" + NO_USAGE + ",\"file_list\":[]}}");
        assertThat(json(call.attributes())).isEqualTo(json("{\"conversation_id\":\"" + C + "\",\"tenant_id\":\""
                + TENANT_ID + "\",\"tags\":[\"generate_name\"],\"start_time\":\"2025-11-20T09:30:15.000000Z\","
                + "\"end_time\":\"2025-11-20T09:30:15.000000Z\",\"backfill\":"
                + backfill("started_at", "ended_at", "inputs") + "}"));
        assertThat(call.attributes().has("trace_id")).isFalse();
        assertThat(json(call.summary())).isEqualTo("{\"status_counts\":{\"success\":1,\"error\":0},"
                + "\"weave\":{\"latency_ms\":0}}");
    }

    @Test
    void conversationWithoutMessageUsesItsCreatedAtAndRecordsIt() {
        AssembledTrace trace = map(conversation("Renamed by hand", null, null));
        WeaveCall call = trace.calls().get(0);

        assertThat(trace.problems()).extracting(p -> p.table() + ":" + p.key() + ":" + p.column())
                .containsExactly("conversations:" + C + ":id");
        assertThat(WeaveJson.timestamp(call.startedAt())).isEqualTo("2025-11-20T09:30:14.000000Z");
        assertThat(call.attributes().path("start_time").stringValue()).isEqualTo("2025-11-20T09:30:14.000000Z");
        assertThat(call.inputs().path("messages").path("content").stringValue()).isEmpty();
        assertThat(call.output().path("choices").path("content").stringValue()).isEqualTo("Renamed by hand");
    }

    @Test
    void secondMappingGivesTheSameIdAndAnotherConversationAnother() {
        ConversationRow row = conversation("Weave overview", "What is Weave?", FIRST_MESSAGE);
        String first = map(row).calls().get(0).id();
        String second = new ConversationNameMapper(PROVENANCE).map(row).calls().get(0).id();
        ConversationRow other = new ConversationRow(UUID.fromString("c1c2c3c4-d5d6-4e7e-8f8f-9a9b0c0d1e2f"), APP_ID,
                TENANT_ID, "chat", "Weave overview", FIRST_MESSAGE, null, "What is Weave?", FIRST_MESSAGE);

        assertThat(second).isEqualTo(first).isEqualTo(CallIds.generateConversationName(C));
        assertThat(map(other).calls().get(0).id()).isNotEqualTo(first);
        assertThat(json(map(row).calls().get(0).attributes()))
                .isEqualTo(json(new ConversationNameMapper(PROVENANCE).map(row).calls().get(0).attributes()));
    }

    @Test
    void agentChatAndChatflowConversationsMapTheSameWay() {
        for (String mode : new String[] {"agent-chat", "advanced-chat"}) {
            ConversationRow row = new ConversationRow(CONVERSATION_ID, APP_ID, TENANT_ID, mode, "Trip to Rome",
                    FIRST_MESSAGE, MessageRows.MESSAGE_ID, "Plan a trip to Rome", FIRST_MESSAGE);
            WeaveCall call = map(row).calls().get(0);
            assertThat(json(call.attributes().path("tags"))).isEqualTo("[\"generate_name\"]");
            assertThat(call.output().path("choices").path("content").stringValue()).isEqualTo("Trip to Rome");
        }
    }
}
