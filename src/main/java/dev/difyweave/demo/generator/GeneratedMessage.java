package dev.difyweave.demo.generator;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A {@code messages} row and what a backfill needs to know about it.
 *
 * @param status              {@code normal} or {@code error}
 * @param answerSaved         the answer was saved: an easy-UI message has its prompt list in
 *                            {@code message}, a chatflow message its run's answer. False for errors
 *                            and for messages still being answered
 * @param workflowRunId       the chatflow run (advanced-chat only, else null), with its status and
 *                            node execution ids in {@code index} order
 * @param agentThoughts       agent-chat thoughts ordered by {@code position} (empty for other modes)
 * @param retrieverResources  number of citations in {@code message_metadata.retriever_resources} or,
 *                            when {@code legacyRetrieverResources}, in {@code dataset_retriever_resources}
 * @param moderationType      the input moderation the conversation's config ran
 *                            ({@code keywords}, {@code openai_moderation}), null when none
 * @param moderationFlagged   for {@code keywords}: whether the keywords match the inputs or the query
 *                            (then the answer is the preset response); null otherwise
 * @param suggestedQuestions  {@code suggested_questions_after_answer.enabled} in that config
 */
public record GeneratedMessage(UUID id, UUID appId, String appMode, UUID conversationId, String status,
                               boolean answerSaved, LocalDateTime createdAt, LocalDateTime updatedAt,
                               double providerResponseLatency, UUID workflowRunId, String workflowRunStatus,
                               List<UUID> workflowNodeIds, List<GeneratedAgentThought> agentThoughts,
                               List<GeneratedMessageFile> files, int retrieverResources,
                               boolean legacyRetrieverResources, String moderationType, Boolean moderationFlagged,
                               boolean suggestedQuestions) {
    public GeneratedMessage {
        workflowNodeIds = List.copyOf(workflowNodeIds);
        agentThoughts = List.copyOf(agentThoughts);
        files = List.copyOf(files);
    }

    /** What a backfill sends: a saved answer or an error (not messages still being answered). */
    public boolean finished() {
        return answerSaved || status.equals("error");
    }

    public boolean inputModeration() {
        return moderationType != null;
    }

    public boolean hasRetrieverResources() {
        return retrieverResources > 0;
    }

    /** Tool uses in thought order: one per tool name per thought. */
    public long toolUseCount() {
        return agentThoughts.stream().mapToLong(t -> t.tools().size()).sum();
    }
}
