package dev.difyweave.backfill.trace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.node.ObjectNode;

import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.LivePayload.TokenUsage;
import dev.difyweave.backfill.call.LivePayload;
import dev.difyweave.backfill.call.RootKind;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.call.WeaveCall;
import dev.difyweave.backfill.source.ConversationRow;

/**
 * C12: {@code generate_conversation_name} as its own root trace (§3.3 (h)), one per conversation with
 * a generated name, linked by {@code attributes.conversation_id}: inputs = the first message's query,
 * output = {@code conversations.name}, start = end = the first message's {@code created_at},
 * marked approximated.
 */
public final class ConversationNameMapper {

    /** The {@code --kinds} name of conversation name calls, as the job's wiring selects steps by it. */
    /** The first tag of a conversation name call. */
    static final String TAG = "generate_name";
    static final String OP = "generate_conversation_name";
    static final String CONVERSATIONS = RootKind.CONVERSATIONS.table();

    private final Provenance provenance;

    public ConversationNameMapper(Provenance provenance) {
        this.provenance = provenance;
    }

    public AssembledTrace map(ConversationRow conversation) {
        SourceProblems problems = new SourceProblems();
        String conversationId = conversation.id().toString();
        List<String> approximated = new ArrayList<>(List.of("started_at", "ended_at", "inputs"));
        Instant at = DifyTime.utc(conversation.firstMessageAt());
        if (at == null) {
            at = DifyTime.utc(conversation.createdAt());
            problems.add(CONVERSATIONS, conversationId, "id",
                    "the conversation has no message; its created_at stands in for the first message");
        }
        String id = CallIds.generateConversationName(conversationId);
        ObjectNode attributes = Json.NODES.objectNode();
        attributes.put("conversation_id", conversationId);
        CallAttributes.putNullable(attributes, "tenant_id", conversation.tenantId());
        CallAttributes.tags(attributes, TAG);
        CallAttributes.times(attributes, at, at);
        CallAttributes.provenance(attributes, provenance, approximated);
        TokenUsage none = TokenUsage.none();
        String query = conversation.firstQuery() == null ? "" : conversation.firstQuery();
        WeaveCall call = new WeaveCall(id, id, null, OP, null, at, at, attributes,
                LivePayload.inputs(Json.NODES.stringNode(query), none, List.of()),
                LivePayload.outputs(Json.NODES.stringNode(conversation.name()), none, List.of()), null,
                CallSummary.of(null, 0, null), TraceKind.GENERATE_NAME, conversation.sourceKey());
        return AssembledTrace.of(TraceKind.GENERATE_NAME, conversation, List.of(call), problems.list(), Set.of());
    }
}
