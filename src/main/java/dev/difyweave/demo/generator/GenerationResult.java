package dev.difyweave.demo.generator;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import dev.difyweave.demo.generator.DifyDataGenerator.Spec;

/**
 * What {@link DifyDataGenerator#generate} wrote. Counts are rows inserted; the lists of runs, messages and
 * conversations are empty unless {@link Spec#recordRuns()}. Workflow-mode apps and their runs
 * ({@link #apps()}, {@link #runs()}, {@link #runsByStatus()}) are kept apart from the message side
 * ({@link #chatApps()}, {@link #chatflowRuns()}, {@link #messages()}, {@link #conversations()}).
 *
 * @param rowCounts     rows per table name (every table written, e.g. {@code workflow_runs} with the
 *                      chatflow runs, {@code messages}, {@code message_agent_thoughts})
 * @param runsByStatus  runs of workflow-mode apps per {@code workflow_runs.status}
 * @param singleStepNodeExecutions node rows with {@code triggered_from = 'single-step'} (included in
 *                      {@code rowCounts.workflow_node_executions})
 * @param chatflowRunsByStatus runs of advanced-chat apps ({@code workflow_runs.type = 'chat'}) per status
 * @param chatflowNodeExecutions node rows of those runs (included in
 *                      {@code rowCounts.workflow_node_executions})
 * @param linkedAnnotations {@code message_annotations} rows with a message (the others were imported)
 * @param feedbacks     {@code message_feedbacks} rows, in generation order (needs {@link Spec#recordRuns()})
 * @param annotations   {@code message_annotations} rows, in generation order (needs {@link Spec#recordRuns()})
 */
public record GenerationResult(List<GeneratedTenant> tenants, List<GeneratedApp> apps,
                               Map<String, Long> rowCounts, Map<String, Long> runsByStatus,
                               long singleStepNodeExecutions, List<GeneratedRun> runs,
                               List<GeneratedChatApp> chatApps, Map<String, Long> chatflowRunsByStatus,
                               long chatflowNodeExecutions, List<GeneratedRun> chatflowRuns,
                               List<GeneratedConversation> conversations, List<GeneratedMessage> messages,
                               long linkedAnnotations, List<GeneratedFeedback> feedbacks,
                               List<GeneratedAnnotation> annotations) {
    public GenerationResult {
        tenants = List.copyOf(tenants);
        apps = List.copyOf(apps);
        rowCounts = Collections.unmodifiableMap(new TreeMap<>(rowCounts));
        runsByStatus = Collections.unmodifiableMap(new TreeMap<>(runsByStatus));
        runs = List.copyOf(runs);
        chatApps = List.copyOf(chatApps);
        chatflowRunsByStatus = Collections.unmodifiableMap(new TreeMap<>(chatflowRunsByStatus));
        chatflowRuns = List.copyOf(chatflowRuns);
        conversations = List.copyOf(conversations);
        messages = List.copyOf(messages);
        feedbacks = List.copyOf(feedbacks);
        annotations = List.copyOf(annotations);
    }

    public long tenantCount() {
        return rows("tenants");
    }

    public long accountCount() {
        return rows("accounts");
    }

    /** All apps, of every mode. */
    public long appCount() {
        return rows("apps");
    }

    public long workflowAppCount() {
        return apps.size();
    }

    /** Apps of the message-side modes (chat, completion, agent-chat, advanced-chat). */
    public long chatAppCount() {
        return chatApps.size();
    }

    public long workflowCount() {
        return rows("workflows");
    }

    public long endUserCount() {
        return rows("end_users");
    }

    /** Runs of workflow-mode apps ({@code workflow_runs.type = 'workflow'}). */
    public long workflowRunCount() {
        return runsByStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Runs behind advanced-chat messages ({@code workflow_runs.type = 'chat'}). */
    public long chatflowRunCount() {
        return chatflowRunsByStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    public long runCount(String status) {
        return runsByStatus.getOrDefault(status, 0L);
    }

    /** Runs in a finished status (succeeded, failed, stopped, partial-succeeded). */
    public long finishedRunCount() {
        return runsByStatus.entrySet().stream()
                .filter(e -> DifyDataGenerator.FINISHED_STATUSES.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** All node execution rows, single-step ones included. */
    public long nodeExecutionCount() {
        return rows("workflow_node_executions");
    }

    /** Node execution rows of runs of workflow-mode apps (not single-step, not chatflow). */
    public long runNodeExecutionCount() {
        return nodeExecutionCount() - singleStepNodeExecutions - chatflowNodeExecutions;
    }

    public long appLogCount() {
        return rows("workflow_app_logs");
    }

    /** Ids of the runs in a finished status, in generation order (needs {@link Spec#recordRuns()}). */
    public List<UUID> finishedRunIds() {
        return runs.stream().filter(GeneratedRun::finished).map(GeneratedRun::id).toList();
    }

    /** Ids of all runs, in generation order (needs {@link Spec#recordRuns()}). */
    public List<UUID> runIds() {
        return runs.stream().map(GeneratedRun::id).toList();
    }

    public long conversationCount() {
        return rows("conversations");
    }

    public long messageCount() {
        return rows("messages");
    }

    public long agentThoughtCount() {
        return rows("message_agent_thoughts");
    }

    public long messageFileCount() {
        return rows("message_files");
    }

    /** Recorded messages of one app mode, in generation order (needs {@link Spec#recordRuns()}). */
    public List<GeneratedMessage> messages(String appMode) {
        return messages.stream().filter(m -> m.appMode().equals(appMode)).toList();
    }

    /** Ids of the messages a backfill sends (answer saved, or an error), in generation order. */
    public List<UUID> finishedMessageIds() {
        return messages.stream().filter(GeneratedMessage::finished).map(GeneratedMessage::id).toList();
    }

    /** Ids of all recorded messages, in generation order. */
    public List<UUID> messageIds() {
        return messages.stream().map(GeneratedMessage::id).toList();
    }

    /** {@code message_feedbacks} rows: user and admin ratings. */
    public long feedbackCount() {
        return rows("message_feedbacks");
    }

    /** {@code message_annotations} rows, linked to a message or not. */
    public long annotationCount() {
        return rows("message_annotations");
    }

    /** Annotations of a message, the ones a feedback backfill sends (the others belong to no trace). */
    public long linkedAnnotationCount() {
        return linkedAnnotations;
    }

    /** Rows written to {@code table} (0 for a table the generator does not write). */
    public long rowCount(String table) {
        return rowCounts.getOrDefault(table, 0L);
    }

    private long rows(String table) {
        return rowCount(table);
    }
}
