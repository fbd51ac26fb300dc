package dev.difyweave.backfill.demo;

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
 * single-step node runs that belong to no run.
 *
 * <p>The same {@link Spec} (seed included) always produces the same ids, timestamps and payloads.
 * Timestamps are naive UTC ({@code timestamp without time zone}), computed without the JVM zone.
 * Rows go out in JDBC batches and are committed every few thousand rows, so 100,000+ runs do not
 * need more memory than one run (plus, when {@link Spec#recordRuns()}, a small record per run).
 *
 * <p>Message-side data (chat, completion, agent-chat and advanced-chat apps with conversations and
 * messages) is meant to be a second generator next to {@link WorkflowAppGenerator}, called from
 * {@link #generate} after the workflow apps.
 */
public final class DifyDataGenerator {

    /** Statuses of runs that have ended (the ones a backfill sends). */
    public static final Set<String> FINISHED_STATUSES = Set.of("succeeded", "failed", "stopped", "partial-succeeded");

    /** The fixed end of the default time range: runs fall in the 90 days before it. */
    public static final Instant DEFAULT_END = Instant.parse("2026-11-25T00:00:00Z");

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
     * @param recordRuns               keep a {@link GeneratedRun} per run in the result (turn off for
     *                                 very large volumes)
     */
    public record Spec(
            long seed,
            int tenants,
            int workflowAppsPerTenant,
            int runsPerApp,
            int nodesPerRun,
            int endUsersPerApp,
            int singleStepNodesPerApp,
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
            boolean recordRuns) {

        public Spec {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(span, "span");
            requireAtLeast("tenants", tenants, 1);
            requireAtLeast("workflowAppsPerTenant", workflowAppsPerTenant, 0);
            requireAtLeast("runsPerApp", runsPerApp, 0);
            requireAtLeast("nodesPerRun", nodesPerRun, 3);
            requireAtLeast("endUsersPerApp", endUsersPerApp, 1);
            requireAtLeast("singleStepNodesPerApp", singleStepNodesPerApp, 0);
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

        /** 1 tenant, 2 workflow apps, 25 runs each (50 runs, ~450 node rows), every run status present. */
        public static Spec small() {
            return defaults(42L, 1, 2, 25, 5);
        }

        /** 2 tenants, 3 workflow apps each, 40 runs each (240 runs, ~2,150 node rows). */
        public static Spec demo() {
            return defaults(20261125L, 2, 3, 40, 8);
        }

        private static Spec defaults(long seed, int tenants, int apps, int runs, int endUsers) {
            return new Spec(seed, tenants, apps, runs, 10, endUsers, 3,
                    DEFAULT_END.minus(Duration.ofDays(90)), Duration.ofDays(90),
                    0.08, 0.04, 0.06, 0.04, 0.04, 0.12, 0.05, 2_048, true);
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

        private Builder(Spec spec) {
            seed = spec.seed();
            tenants = spec.tenants();
            workflowAppsPerTenant = spec.workflowAppsPerTenant();
            runsPerApp = spec.runsPerApp();
            nodesPerRun = spec.nodesPerRun();
            endUsersPerApp = spec.endUsersPerApp();
            singleStepNodesPerApp = spec.singleStepNodesPerApp();
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

        public Spec build() {
            return new Spec(seed, tenants, workflowAppsPerTenant, runsPerApp, nodesPerRun, endUsersPerApp,
                    singleStepNodesPerApp, start, span, failedFraction, stoppedFraction, partialSucceededFraction,
                    runningFraction, pausedFraction, debuggingFraction, nodeFailedFraction, payloadBytes,
                    recordRuns);
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
     * What {@link #generate} wrote. Counts are rows inserted; {@link #runs()} is empty unless
     * {@link Spec#recordRuns()}.
     *
     * @param rowCounts     rows per table name ({@code tenants}, {@code accounts}, {@code tenant_account_joins},
     *                      {@code apps}, {@code workflows}, {@code end_users}, {@code workflow_runs},
     *                      {@code workflow_node_executions}, {@code workflow_app_logs})
     * @param runsByStatus  workflow runs per {@code workflow_runs.status}
     * @param singleStepNodeExecutions node rows with {@code triggered_from = 'single-step'} (included in
     *                      {@code rowCounts.workflow_node_executions})
     */
    public record GenerationResult(List<GeneratedTenant> tenants, List<GeneratedApp> apps,
                                   Map<String, Long> rowCounts, Map<String, Long> runsByStatus,
                                   long singleStepNodeExecutions, List<GeneratedRun> runs) {
        public GenerationResult {
            tenants = List.copyOf(tenants);
            apps = List.copyOf(apps);
            rowCounts = Collections.unmodifiableMap(new TreeMap<>(rowCounts));
            runsByStatus = Collections.unmodifiableMap(new TreeMap<>(runsByStatus));
            runs = List.copyOf(runs);
        }

        public long tenantCount() {
            return rows("tenants");
        }

        public long accountCount() {
            return rows("accounts");
        }

        public long appCount() {
            return rows("apps");
        }

        public long workflowCount() {
            return rows("workflows");
        }

        public long endUserCount() {
            return rows("end_users");
        }

        public long workflowRunCount() {
            return rows("workflow_runs");
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

        /** Node execution rows that belong to a run ({@code triggered_from = 'workflow-run'}). */
        public long runNodeExecutionCount() {
            return nodeExecutionCount() - singleStepNodeExecutions;
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

        private long rows(String table) {
            return rowCounts.getOrDefault(table, 0L);
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
        try (DifyRowWriter writer = DifyRowWriter.open(dify)) {
            List<GeneratedTenant> tenants = new WorkspaceGenerator(writer, root, spec).generate();
            WorkflowAppGenerator workflowApps = new WorkflowAppGenerator(writer, root, spec);
            List<GeneratedApp> apps = new ArrayList<>();
            for (int t = 0; t < tenants.size(); t++) {
                for (int a = 0; a < spec.workflowAppsPerTenant(); a++) {
                    apps.add(workflowApps.generate(tenants.get(t), t, a));
                }
            }
            writer.finish();
            return new GenerationResult(tenants, apps, writer.rowCounts(), workflowApps.runsByStatus(),
                    workflowApps.singleStepNodeExecutions(), workflowApps.runs());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write generated Dify data: " + e.getMessage(), e);
        }
    }
}
