package dev.difyweave.backfill.trace;

import static dev.difyweave.backfill.trace.CallAttributes.blankToNull;
import static dev.difyweave.backfill.trace.CallAttributes.putNullable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.call.LivePayload.TokenUsage;
import dev.difyweave.backfill.call.LivePayload;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.call.WeaveCall;
import dev.difyweave.backfill.source.MessageTraceSource;

/**
 * A message and everything hanging off it (docs/reference/trace-mapping.md "Trace roots and trees"): for chat,
 * completion and agent-chat the {@code message} root with its {@code llm} child (C5, C3, C15), tool
 * calls (C7), dataset retrieval (C10) and moderation (C9); for chatflows the message root over its
 * run's workflow call and node calls (C2) plus moderation. {@code kinds} selects which calls are made.
 * Pure: rows in, calls out.
 */
public final class MessageTraceMapper {

    /** The op name of a message call. */
    static final String OP = "message";
    static final String CHATFLOW = "advanced-chat";

    private final Provenance provenance;
    private final String filesUrl;
    private final WorkflowTraceMapper workflows;
    private final ToolCallMapper tools;
    private final DatasetRetrievalMapper retrievals;
    private final ModerationMapper moderations;
    private final FeatureSettings.Known featureSettings = new FeatureSettings.Known();

    private final Staleness staleness;

    public MessageTraceMapper(Provenance provenance, String filesUrl) {
        this(provenance, filesUrl, null);
    }

    /** @param staleness how a message still unfinished in Dify is described when it is sent (C15); may be null */
    public MessageTraceMapper(Provenance provenance, String filesUrl, Staleness staleness) {
        this.provenance = provenance;
        this.filesUrl = filesUrl;
        this.staleness = staleness;
        this.workflows = new WorkflowTraceMapper(provenance, staleness);
        this.tools = new ToolCallMapper();
        this.retrievals = new DatasetRetrievalMapper();
        this.moderations = new ModerationMapper();
    }

    public AssembledTrace map(MessageTraceSource source, Set<TraceKind> kinds) {
        SourceProblems problems = new SourceProblems();
        MessageContext message = new MessageContext(source, filesUrl, provenance, problems);
        if (!source.conversationFound()) {
            problems.add(MessageContext.MESSAGES, message.id, "conversation_id",
                    "orphan: conversation " + source.message().conversationId() + " not found");
        }
        checkEnums(message, problems);
        FeatureSettings features = featureSettings.of(source.features(), problems);
        List<WeaveCall> calls = new ArrayList<>();
        boolean chatflow = CHATFLOW.equals(message.mode());
        if (chatflow && source.chatflowRun() != null) {
            List<WeaveCall> tree = workflows.mapChatflow(source.chatflowRun(), message.id,
                    CallAttributes.str(source.message().conversationId()), kinds.contains(TraceKind.WORKFLOW),
                    problems);
            if (kinds.contains(TraceKind.MESSAGE)) {
                calls.addAll(tree);
            } else if (kinds.contains(TraceKind.WORKFLOW)) {
                calls.addAll(tree.subList(1, tree.size()));
            }
        } else {
            if (chatflow) {
                problems.add(MessageContext.MESSAGES, message.id, "workflow_run_id", "orphan: chatflow run "
                        + source.message().workflowRunId() + " not found; the message is sent without its workflow");
            }
            if (kinds.contains(TraceKind.MESSAGE)) {
                calls.addAll(messageAndLlm(message, !chatflow));
            }
            if (!chatflow && kinds.contains(TraceKind.TOOL)) {
                calls.addAll(tools.map(message));
            }
            if (!chatflow && kinds.contains(TraceKind.DATASET_RETRIEVAL)) {
                calls.addAll(retrievals.map(message));
            }
        }
        if (kinds.contains(TraceKind.MODERATION)) {
            calls.addAll(moderations.map(message, features));
        }
        Set<String> notes = new HashSet<>();
        if (features.suggestedQuestionsEnabled()) {
            notes.add(AssembledTrace.SUGGESTED_QUESTIONS_NOT_REPRODUCIBLE);
        }
        if (chatflow && source.chatflowRun() != null && kinds.contains(TraceKind.WORKFLOW)) {
            notes.addAll(WorkflowTraceMapper.notes(source.chatflowRun()));
        }
        return AssembledTrace.of(TraceKind.MESSAGE, source, calls, problems.list(), notes);
    }

    /** Unknown enum values are sent as they are and recorded (never a silent change). */
    private static void checkEnums(MessageContext message, SourceProblems problems) {
        String mode = message.row.appMode();
        if (mode != null && !DifyEnums.APP_MODES.contains(mode)) {
            problems.add(MessageContext.MESSAGES, message.id, "app_mode", "unknown app mode '" + mode
                    + "', sent as a " + (CHATFLOW.equals(message.mode()) ? "chatflow" : "chat-like") + " message");
        }
        if (!DifyEnums.MESSAGE_STATUSES.contains(message.row.status())) {
            problems.add(MessageContext.MESSAGES, message.id, "status", "unknown message status '"
                    + message.row.status() + "', sent as is");
        }
    }

    /** The message root and, for easy-UI apps, its llm child (§3.3 (c) with C3, C5, C15). */
    private List<WeaveCall> messageAndLlm(MessageContext m, boolean withLlm) {
        List<String> approximated = new ArrayList<>();
        JsonNode prompt = m.problems.parse(MessageContext.MESSAGES, m.id, "message", m.row.message());
        boolean unsaved = prompt == null || prompt.isString() && prompt.stringValue().isEmpty();
        if (unsaved) {
            // an error message never got its prompt saved (C15): the user's query stands in for it
            prompt = dev.difyweave.backfill.call.Json.NODES.stringNode(m.row.query() == null ? "" : m.row.query());
            approximated.add("inputs");
        }
        String exception = blankToNull(m.row.error());
        // a chatflow message waits for its run, not for its answer column (the run says how it ended)
        String unfinished = "paused".equals(m.row.status()) ? "'paused'"
                : withLlm && unsaved && !"error".equals(m.row.status()) ? "without a saved answer" : null;
        if (unfinished != null) {
            // C15: a message still unfinished after --stale-after is sent as what it is
            String text = staleness == null ? "message " + m.id + " was still " + unfinished + " in Dify; sent as it is"
                    : staleness.exception("message " + m.id, unfinished, m.start);
            exception = exception == null ? text : text + ": " + exception;
            approximated.add("exception");
            m.problems.add(MessageContext.MESSAGES, m.id, "status", "message still " + unfinished
                    + " after --stale-after, sent as it is");
        }
        TokenUsage usage = new TokenUsage(m.row.messageTokens(), m.row.answerTokens(),
                m.row.messageTokens() + m.row.answerTokens());
        JsonNode answer = dev.difyweave.backfill.call.Json.NODES.stringNode(m.row.answer() == null ? "" : m.row.answer());

        ObjectNode attributes = m.meta();
        putNullable(attributes, "user_id", m.row.fromAccountId());
        if (m.row.fromEndUserId() != null) {
            if (m.source.endUserSessionId() != null) {
                attributes.put("end_user_id", m.source.endUserSessionId());
            } else {
                m.problems.add(MessageContext.MESSAGES, m.id, "from_end_user_id",
                        "orphan: end user " + m.row.fromEndUserId() + " not found");
            }
        }
        attributes.put("message_id", m.id);
        CallAttributes.times(attributes, m.start, m.end);
        if (withLlm) {
            CallAttributes.tags(attributes, "message", m.conversationMode());
        } else {
            // a chatflow message (its run missing) is tagged as chatflow messages are, not with the mode (§3.3 (b))
            CallAttributes.tags(attributes, "message", "workflow");
        }
        attributes.put("trace_id", m.id);
        CallAttributes.provenance(attributes, provenance, approximated);

        ObjectNode summaryUsage = CallSummary.usage(m.row.modelId(), m.row.messageTokens(), m.row.answerTokens(),
                m.row.messageTokens() + m.row.answerTokens());
        List<WeaveCall> calls = new ArrayList<>();
        calls.add(new WeaveCall(m.id, m.id, null, OP, "message_" + m.id, m.start, m.end, attributes,
                LivePayload.inputs(prompt, usage, m.fileUrls), LivePayload.outputs(answer, usage, m.fileUrls), exception,
                CallSummary.of(exception, m.start, m.end, summaryUsage), TraceKind.MESSAGE, m.key));
        if (withLlm) {
            calls.add(new WeaveCall(CallIds.llm(m.id), m.id, m.id, "llm", null, m.start, m.end, attributes.deepCopy(),
                    LivePayload.inputs(prompt, usage, List.of()), LivePayload.outputs(answer, usage, List.of()), null,
                    CallSummary.of(null, m.start, m.end, summaryUsage.deepCopy()), TraceKind.MESSAGE, m.key));
        }
        return calls;
    }
}
