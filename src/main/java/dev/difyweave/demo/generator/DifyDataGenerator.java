package dev.difyweave.demo.generator;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
 * chatflow runs behind advanced-chat messages (see {@link ChatAppGenerator}), and the feedback on
 * those messages: likes and dislikes with comments, and annotations (see {@link MessageFeedbackGenerator}).
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
     * @param feedback                 write {@code message_feedbacks} and {@code message_annotations} for
     *                                 the messages (the default); off, every other row stays the same
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
            PayloadOffload offload,
            boolean feedback) {

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
                    0.08, 0.04, 0.06, 0.04, 0.04, 0.12, 0.05, 2_048, true, null, true);
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

        public SpecBuilder toBuilder() {
            return new SpecBuilder(this);
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
                    chatApps.conversations(), chatApps.messages(), chatApps.linkedAnnotations(), chatApps.feedbacks(),
                    chatApps.annotations());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write generated Dify data: " + e.getMessage(), e);
        }
    }
}
