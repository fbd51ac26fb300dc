package dev.difyweave.backfill.source;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.difyweave.backfill.call.RootKind;
import dev.difyweave.backfill.call.SourceKey;

/**
 * Everything Dify persisted about one message, gathered per chunk. {@code conversationMode} is null
 * when the conversation is gone; {@code features} null when no config is found; {@code chatflowRun}
 * is the run (with its nodes) of an advanced-chat message, null otherwise or when the run is gone.
 */
public record MessageTraceSource(
        MessageRow message,
        String conversationMode,
        boolean conversationFound,
        AppFeatures features,
        List<AgentThoughtRow> thoughts,
        List<MessageFileRow> files,
        List<RetrieverResourceRow> legacyRetrieverResources,
        Map<UUID, DatasetRow> datasets,
        String endUserSessionId,
        WorkflowTraceSource chatflowRun) implements TraceRoot {

    @Override
    public SourceKey sourceKey() {
        return RootKind.MESSAGES.key(message.id());
    }

    @Override
    public UUID appId() {
        return message.appId();
    }
}
