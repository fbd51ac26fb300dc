package dev.difyweave.demo.generator;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes realistic, deterministic Dify data into a database that has Dify's schema
 * ({@code sql/fixtures/dify-schema.sql}): workspaces with their accounts, {@code workflow}-mode apps
 * with their published and draft workflows, end users, workflow runs in every status, their node
 * executions (all common node types, iterations, failures, pauses), app logs, and console
 * single-step node runs that belong to no run; then the message side: {@code chat},
 * {@code completion}, {@code agent-chat} and {@code advanced-chat} (chatflow) apps with their
 * configurations, conversations, messages (answered, moderated, failed, still pending), agent
 * thoughts, message files, citations (also legacy {@code dataset_retriever_resources}) and the
 * chatflow runs behind advanced-chat messages (see {@link ChatAppGenerator}).
 *
 * <p>The same {@link Spec} (seed included) always produces the same ids, timestamps and payloads.
 * Timestamps are naive UTC ({@code timestamp without time zone}), computed without the JVM zone.
 * Rows go out in JDBC batches and are committed every few thousand rows, so 100,000+ runs do not
 * need more memory than one run (plus, when {@link Spec#recordRuns()}, a small record per run).
 *
 */
public final class DifyDataGenerator {

    /** Statuses of runs that have ended (the ones a backfill sends). */
    public static final Set<String> FINISHED_STATUSES = Set.of("succeeded", "failed", "stopped", "partial-succeeded");

    /** The fixed end of the default time range: runs fall in the 90 days before it. */
    public static final Instant DEFAULT_END = Instant.parse("2026-11-25T00:00:00Z");

    /** The name Dify gives a conversation until its title is generated. */
    public static final String PLACEHOLDER_CONVERSATION_NAME = "New conversation";

    /** The app modes whose traces start at messages, in the order they are generated per workspace. */
    public static final List<String> MESSAGE_APP_MODES = List.of("chat", "completion", "agent-chat", "advanced-chat");

    /**
     * What to generate.
     *
     * @param seed                     root of all randomness: same seed, same data
     * @param tenants                  workspaces (each with an owner, an admin and an editor account)
     * @param workflowAppsPerTenant    {@code workflow}-mode apps per workspace
     * @param runsPerApp               workflow runs per app
     * @param nodesPerRun              average node executions per run (at least 3)
     * @param endUsersPerApp           end users per app (service-API callers and web-app browsers)
     * @param singleStepNodesPerApp    console single-step node executions per app (no run)
     * @param chatAppsPerTenant        {@code chat} apps per workspace
     * @param completionAppsPerTenant  {@code completion} apps per workspace
     * @param agentAppsPerTenant       {@code agent-chat} apps per workspace
     * @param chatflowAppsPerTenant    {@code advanced-chat} (chatflow) apps per workspace
     * @param conversationsPerApp      conversations per chat, agent-chat and advanced-chat app (the last
     *                                 one is still going on at the end of the time range)
     * @param messagesPerConversation  average messages per conversation of those apps; a completion app
     *                                 gets {@code conversationsPerApp * messagesPerConversation}
     *                                 one-message conversations, so every app has that many messages
     * @param start                    earliest run start
     * @param span                     runs start uniformly in {@code [start, start + span)}
     * @param failedFraction           share of runs that fail at a node
     * @param stoppedFraction          share of runs stopped by the user
     * @param partialSucceededFraction share of runs that finish with node exceptions
     * @param runningFraction          share of runs still running (no end)
     * @param pausedFraction           share of runs paused at a human-input node (no end)
     * @param debuggingFraction        share of runs started from the console debugger (draft workflow)
     * @param nodeFailedFraction       per-node chance of an error where the run tolerates it: extra
     *                                 {@code exception} nodes in partial-succeeded runs (which always
     *                                 have at least one) and {@code failed} single-step rows
     * @param payloadBytes             approximate bytes of JSON per node execution (inputs, process data
     *                                 and outputs together)
     * @param recordRuns               keep a {@link GeneratedRun} per run and a {@link GeneratedMessage}
     *                                 and {@link GeneratedConversation} per message and conversation in
     *                                 the result (turn off for very large volumes)
     * @param offload                  large node payloads offloaded to storage as Dify >= 1.9 does, or
     *                                 null (the default) to keep every payload in the database
     */
    public record Spec(
            long seed,
            int tenants,
            int workflowAppsPerTenant,
            int runsPerApp,
            int nodesPerRun,
            int endUsersPerApp,
            int singleStepNodesPerApp,
            int chatAppsPerTenant,
            int completionAppsPerTenant,
            int agentAppsPerTenant,
            int chatflowAppsPerTenant,
            int conversationsPerApp,
            int messagesPerConversation,
            Instant start,
            Duration span,
            double failedFraction,
            double stoppedFraction,
            double partialSucceededFraction,
            double runningFraction,
            double pausedFraction,
            double debuggingFraction,
            double nodeFailedFraction,
            int payloadBytes,
            boolean recordRuns,
            PayloadOffload offload) {

        public Spec {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(span, "span");
            requireAtLeast("tenants", tenants, 1);
            requireAtLeast("workflowAppsPerTenant", workflowAppsPerTenant, 0);
            requireAtLeast("runsPerApp", runsPerApp, 0);
            requireAtLeast("nodesPerRun", nodesPerRun, 3);
            requireAtLeast("endUsersPerApp", endUsersPerApp, 1);
            requireAtLeast("singleStepNodesPerApp", singleStepNodesPerApp, 0);
            requireAtLeast("chatAppsPerTenant", chatAppsPerTenant, 0);
            requireAtLeast("completionAppsPerTenant", completionAppsPerTenant, 0);
            requireAtLeast("agentAppsPerTenant", agentAppsPerTenant, 0);
            requireAtLeast("chatflowAppsPerTenant", chatflowAppsPerTenant, 0);
            requireAtLeast("conversationsPerApp", conversationsPerApp, 1);
            requireAtLeast("messagesPerConversation", messagesPerConversation, 1);
            requireAtLeast("payloadBytes", payloadBytes, 200);
            if (span.isNegative()) {
                throw new IllegalArgumentException("span must not be negative");
            }
            double statusSum = 0;
            for (double fraction : new double[] {failedFraction, stoppedFraction, partialSucceededFraction,
                    runningFraction, pausedFraction}) {
                requireFraction(fraction);
                statusSum += fraction;
            }
            if (statusSum > 1.0 + 1e-9) {
                throw new IllegalArgumentException("run status fractions add up to more than 1: " + statusSum);
            }
            requireFraction(debuggingFraction);
            requireFraction(nodeFailedFraction);
        }

        /**
         * 1 tenant, 2 workflow apps with 25 runs each (50 runs, ~450 node rows), every run status
         * present; one chat, completion, agent-chat and advanced-chat app each with 12 messages (48 in
         * all; 4 conversations per app, 12 one-message conversations for the completion app), every
         * message-side case present.
         */
        public static Spec small() {
            return defaults(42L, 1, 2, 25, 5, 1, 4);
        }

        /**
         * 2 tenants, 3 workflow apps each with 40 runs each (240 runs, ~2,150 node rows); per tenant two
         * chat apps and one completion, agent-chat and advanced-chat app, 24 messages each (240 messages;
         * 8 conversations of 3 messages on average per conversational app).
         */
        public static Spec demo() {
            return defaults(20261125L, 2, 3, 40, 8, 2, 8);
        }

        private static Spec defaults(long seed, int tenants, int apps, int runs, int endUsers, int chatApps,
                                     int conversations) {
            return new Spec(seed, tenants, apps, runs, 10, endUsers, 3, chatApps, 1, 1, 1, conversations, 3,
                    DEFAULT_END.minus(Duration.ofDays(90)), Duration.ofDays(90),
                    0.08, 0.04, 0.06, 0.04, 0.04, 0.12, 0.05, 2_048, true, null);
        }

        /** The end of the time range: {@code start + span}. */
        public Instant end() {
            return start.plus(span);
        }

        /** Apps of one of {@link #MESSAGE_APP_MODES} per workspace. */
        public int appsPerTenant(String mode) {
            return switch (mode) {
                case "chat" -> chatAppsPerTenant;
                case "completion" -> completionAppsPerTenant;
                case "agent-chat" -> agentAppsPerTenant;
                case "advanced-chat" -> chatflowAppsPerTenant;
                case "workflow" -> workflowAppsPerTenant;
                default -> throw new IllegalArgumentException("unknown app mode " + mode);
            };
        }

        public Builder toBuilder() {
            return new Builder(this);
        }

        private static void requireAtLeast(String name, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
            }
        }

        private static void requireFraction(double fraction) {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("fractions must be within [0, 1], was " + fraction);
            }
        }
    }

    /** Changes a few values of a {@link Spec}: {@code Spec.small().toBuilder().seed(7).build()}. */
    public static final class Builder {
        private long seed;
        private int tenants;
        private int workflowAppsPerTenant;
        private int runsPerApp;
        private int nodesPerRun;
        private int endUsersPerApp;
        private int singleStepNodesPerApp;
        private int chatAppsPerTenant;
        private int completionAppsPerTenant;
        private int agentAppsPerTenant;
        private int chatflowAppsPerTenant;
        private int conversationsPerApp;
        private int messagesPerConversation;
        private Instant start;
        private Duration span;
        private double failedFraction;
        private double stoppedFraction;
        private double partialSucceededFraction;
        private double runningFraction;
        private double pausedFraction;
        private double debuggingFraction;
        private double nodeFailedFraction;
        private int payloadBytes;
        private boolean recordRuns;
        private PayloadOffload offload;

        private Builder(Spec spec) {
            seed = spec.seed();
            tenants = spec.tenants();
            workflowAppsPerTenant = spec.workflowAppsPerTenant();
            runsPerApp = spec.runsPerApp();
            nodesPerRun = spec.nodesPerRun();
            endUsersPerApp = spec.endUsersPerApp();
            singleStepNodesPerApp = spec.singleStepNodesPerApp();
            chatAppsPerTenant = spec.chatAppsPerTenant();
            completionAppsPerTenant = spec.completionAppsPerTenant();
            agentAppsPerTenant = spec.agentAppsPerTenant();
            chatflowAppsPerTenant = spec.chatflowAppsPerTenant();
            conversationsPerApp = spec.conversationsPerApp();
            messagesPerConversation = spec.messagesPerConversation();
            start = spec.start();
            span = spec.span();
            failedFraction = spec.failedFraction();
            stoppedFraction = spec.stoppedFraction();
            partialSucceededFraction = spec.partialSucceededFraction();
            runningFraction = spec.runningFraction();
            pausedFraction = spec.pausedFraction();
            debuggingFraction = spec.debuggingFraction();
            nodeFailedFraction = spec.nodeFailedFraction();
            payloadBytes = spec.payloadBytes();
            recordRuns = spec.recordRuns();
            offload = spec.offload();
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder tenants(int value) {
            tenants = value;
            return this;
        }

        public Builder workflowAppsPerTenant(int value) {
            workflowAppsPerTenant = value;
            return this;
        }

        public Builder runsPerApp(int value) {
            runsPerApp = value;
            return this;
        }

        public Builder nodesPerRun(int value) {
            nodesPerRun = value;
            return this;
        }

        public Builder endUsersPerApp(int value) {
            endUsersPerApp = value;
            return this;
        }

        public Builder singleStepNodesPerApp(int value) {
            singleStepNodesPerApp = value;
            return this;
        }

        public Builder chatAppsPerTenant(int value) {
            chatAppsPerTenant = value;
            return this;
        }

        public Builder completionAppsPerTenant(int value) {
            completionAppsPerTenant = value;
            return this;
        }

        public Builder agentAppsPerTenant(int value) {
            agentAppsPerTenant = value;
            return this;
        }

        public Builder chatflowAppsPerTenant(int value) {
            chatflowAppsPerTenant = value;
            return this;
        }

        /** No message-side apps at all: only workflow apps and their runs. */
        public Builder withoutMessageApps() {
            chatAppsPerTenant = 0;
            completionAppsPerTenant = 0;
            agentAppsPerTenant = 0;
            chatflowAppsPerTenant = 0;
            return this;
        }

        public Builder conversationsPerApp(int value) {
            conversationsPerApp = value;
            return this;
        }

        public Builder messagesPerConversation(int value) {
            messagesPerConversation = value;
            return this;
        }

        /** Runs start uniformly in {@code [start, start + span)}. */
        public Builder timeRange(Instant startValue, Duration spanValue) {
            start = startValue;
            span = spanValue;
            return this;
        }

        /** Shares of runs that end failed, stopped, partial-succeeded, or are still running or paused. */
        public Builder statusFractions(double failed, double stopped, double partialSucceeded, double running,
                                       double paused) {
            failedFraction = failed;
            stoppedFraction = stopped;
            partialSucceededFraction = partialSucceeded;
            runningFraction = running;
            pausedFraction = paused;
            return this;
        }

        public Builder debuggingFraction(double value) {
            debuggingFraction = value;
            return this;
        }

        public Builder nodeFailedFraction(double value) {
            nodeFailedFraction = value;
            return this;
        }

        public Builder payloadBytes(int value) {
            payloadBytes = value;
            return this;
        }

        public Builder recordRuns(boolean value) {
            recordRuns = value;
            return this;
        }

        /** Offload node payload columns longer than {@code aboveBytes} of JSON into {@code sink} (Dify >= 1.9). */
        public Builder offloadPayloads(int aboveBytes, PayloadOffload.ObjectSink sink) {
            offload = new PayloadOffload(aboveBytes, sink);
            return this;
        }

        public Spec build() {
            return new Spec(seed, tenants, workflowAppsPerTenant, runsPerApp, nodesPerRun, endUsersPerApp,
                    singleStepNodesPerApp, chatAppsPerTenant, completionAppsPerTenant, agentAppsPerTenant,
                    chatflowAppsPerTenant, conversationsPerApp, messagesPerConversation, start, span, failedFraction, stoppedFraction, partialSucceededFraction,
                    runningFraction, pausedFraction, debuggingFraction, nodeFailedFraction, payloadBytes,
                    recordRuns, offload);
        }
    }

    /** A workspace and its console accounts (the first is the owner). */
    public record GeneratedTenant(UUID id, String name, List<UUID> accountIds) {
        public GeneratedTenant {
            accountIds = List.copyOf(accountIds);
        }

        public UUID ownerAccountId() {
            return accountIds.get(0);
        }
    }

    /** A {@code workflow}-mode app with its published ({@code apps.workflow_id}) and draft workflow rows. */
    public record GeneratedApp(UUID tenantId, UUID id, String name, String mode, UUID publishedWorkflowId,
                               String publishedVersion, UUID draftWorkflowId, UUID createdBy) {
    }

    /** One {@code workflow_node_executions} row of a run. */
    public record GeneratedNode(UUID id, int index, String nodeId, String nodeType, String title, String status,
                                LocalDateTime createdAt, double elapsedTime, LocalDateTime finishedAt) {
    }

    /**
     * One {@code workflow_runs} row and its node executions (ordered by {@code index}).
     * {@code appLogId} is null for debugger runs; {@code finishedAt} is null for running and paused runs.
     */
    public record GeneratedRun(UUID id, UUID tenantId, UUID appId, UUID workflowId, String status,
                               String triggeredFrom, String createdByRole, UUID createdBy, LocalDateTime createdAt,
                               LocalDateTime finishedAt, double elapsedTime, long totalTokens, UUID appLogId,
                               List<GeneratedNode> nodes) {
        public GeneratedRun {
            nodes = List.copyOf(nodes);
        }

        public boolean finished() {
            return FINISHED_STATUSES.contains(status);
        }
    }

    /**
     * An app whose traces start at its messages: {@code chat}, {@code completion}, {@code agent-chat}
     * or {@code advanced-chat}. Easy-UI apps have a current {@code app_model_configs} row
     * ({@code apps.app_model_config_id}; older conversations may use an earlier one), chatflows a
     * published {@code workflows} row of type {@code chat}.
     */
    public record GeneratedChatApp(UUID tenantId, UUID id, String name, String mode, UUID appModelConfigId,
                                   UUID publishedWorkflowId, UUID createdBy) {
    }

    /**
     * A {@code conversations} row with what its first message says.
     *
     * @param name {@code conversations.name}: a generated title, {@link #PLACEHOLDER_CONVERSATION_NAME}
     *             (always so for completion apps) or empty
     */
    public record GeneratedConversation(UUID id, UUID appId, String appMode, String name, boolean deleted,
                                        UUID firstMessageId, LocalDateTime firstMessageCreatedAt, String firstQuery,
                                        int messageCount) {

        /** A title Dify generated (neither empty nor the placeholder). */
        public boolean hasGeneratedName() {
            return !name.isEmpty() && !name.equals(PLACEHOLDER_CONVERSATION_NAME);
        }
    }

    /**
     * A {@code message_agent_thoughts} row. {@code tools} is {@code tool} split on {@code ;} (empty for
     * the final thought that carries the answer); {@code toolsWithError} those whose
     * {@code tool_meta_str} entry has an {@code error}.
     */
    public record GeneratedAgentThought(UUID id, int position, List<String> tools, List<String> toolsWithError,
                                        LocalDateTime createdAt) {
        public GeneratedAgentThought {
            tools = List.copyOf(tools);
            toolsWithError = List.copyOf(toolsWithError);
        }

        public boolean hasError(String tool) {
            return toolsWithError.contains(tool);
        }
    }

    /**
     * A {@code message_files} row. {@code url} is null for {@code local_file} (then
     * {@code uploadFileId} is an {@code upload_files} row); {@code tool_file} rows have a relative
     * {@code /files/tools/...} url and the {@code tool_files} id as {@code uploadFileId}.
     */
    public record GeneratedMessageFile(UUID id, String type, String transferMethod, String url, UUID uploadFileId,
                                       String belongsTo) {
    }

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

    /**
     * What {@link #generate} wrote. Counts are rows inserted; the lists of runs, messages and
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
     */
    public record GenerationResult(List<GeneratedTenant> tenants, List<GeneratedApp> apps,
                                   Map<String, Long> rowCounts, Map<String, Long> runsByStatus,
                                   long singleStepNodeExecutions, List<GeneratedRun> runs,
                                   List<GeneratedChatApp> chatApps, Map<String, Long> chatflowRunsByStatus,
                                   long chatflowNodeExecutions, List<GeneratedRun> chatflowRuns,
                                   List<GeneratedConversation> conversations, List<GeneratedMessage> messages) {
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
                    .filter(e -> FINISHED_STATUSES.contains(e.getKey()))
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

        /** Rows written to {@code table} (0 for a table the generator does not write). */
        public long rowCount(String table) {
            return rowCounts.getOrDefault(table, 0L);
        }

        private long rows(String table) {
            return rowCount(table);
        }
    }

    /**
     * Generates {@code spec} into {@code dify}. The tables must exist; ids are fresh for a new seed,
     * so generating the same seed twice into one database fails on the primary keys.
     *
     * @throws IllegalStateException when the database rejects a write (committed batches stay)
     */
    public GenerationResult generate(DataSource dify, Spec spec) {
        Objects.requireNonNull(dify, "dify");
        Objects.requireNonNull(spec, "spec");
        SeededRandom root = new SeededRandom(spec.seed());
        try (DifyRowWriter writer = DifyRowWriter.open(dify, spec.offload())) {
            List<GeneratedTenant> tenants = new WorkspaceGenerator(writer, root, spec).generate();
            WorkflowAppGenerator workflowApps = new WorkflowAppGenerator(writer, root, spec);
            List<GeneratedApp> apps = new ArrayList<>();
            for (int t = 0; t < tenants.size(); t++) {
                for (int a = 0; a < spec.workflowAppsPerTenant(); a++) {
                    apps.add(workflowApps.generate(tenants.get(t), t, a));
                }
            }
            ChatAppGenerator chatApps = new ChatAppGenerator(writer, root, spec);
            for (int t = 0; t < tenants.size(); t++) {
                for (String mode : MESSAGE_APP_MODES) {
                    for (int a = 0; a < spec.appsPerTenant(mode); a++) {
                        chatApps.generate(tenants.get(t), t, mode, a);
                    }
                }
            }
            writer.finish();
            return new GenerationResult(tenants, apps, writer.rowCounts(), workflowApps.runsByStatus(),
                    workflowApps.singleStepNodeExecutions(), workflowApps.runs(), chatApps.apps(),
                    chatApps.chatflowRunsByStatus(), chatApps.chatflowNodeExecutions(), chatApps.chatflowRuns(),
                    chatApps.conversations(), chatApps.messages());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write generated Dify data: " + e.getMessage(), e);
        }
    }
}
