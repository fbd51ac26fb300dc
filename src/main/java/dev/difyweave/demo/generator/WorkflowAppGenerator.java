package dev.difyweave.demo.generator;

import dev.difyweave.demo.generator.DifyDataGenerator.Spec;
import dev.difyweave.demo.generator.EndUsers.EndUser;
import dev.difyweave.demo.generator.WorkflowPlan.PlannedNode;
import dev.difyweave.demo.generator.WorkflowRunSimulator.AppContext;
import dev.difyweave.demo.generator.WorkflowRunSimulator.RunRequest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code workflow}-mode apps: the app row, its draft and published {@code workflows} rows, its end
 * users, its runs (via {@link WorkflowRunSimulator}) with their app logs, and a few console
 * single-step node executions.
 */
final class WorkflowAppGenerator {

    private static final List<String> APP_NAMES = List.of(
            "Support Triage", "Invoice Assistant", "Order Tracker", "Knowledge Base Q&A", "Release Notes Writer",
            "Lead Qualifier", "Refund Desk", "Onboarding Guide", "Incident Summarizer", "Contract Reviewer");
    static final List<String> ICONS = List.of("🤖", "📦", "🧾", "💬", "🛠️", "📚");
    static final List<String> ICON_BACKGROUNDS = List.of("#FFEAD5", "#E4FBCC", "#D3F8DF", "#E0F2FE",
            "#FBE8FF");
    static final List<String> LANGUAGES = List.of("English", "English", "English", "Deutsch", "Français",
            "日本語");

    private final DifyRowWriter writer;
    private final SeededRandom root;
    private final Spec spec;
    private final WorkflowRunSimulator simulator;
    private final Map<String, Long> runsByStatus = new LinkedHashMap<>();
    private final List<GeneratedRun> runs = new ArrayList<>();
    private long singleStepNodeExecutions;

    WorkflowAppGenerator(DifyRowWriter writer, SeededRandom root, Spec spec) {
        this.writer = writer;
        this.root = root;
        this.spec = spec;
        this.simulator = new WorkflowRunSimulator(writer, spec);
    }

    GeneratedApp generate(GeneratedTenant tenant, int tenantIndex, int appIndex) throws SQLException {
        SeededRandom random = root.child(1, tenantIndex, appIndex);
        long rangeStart = UtcTime.micros(spec.start());
        long span = Math.max(1, spec.span().toNanos() / 1_000);

        UUID appId = random.uuid();
        UUID publishedId = random.uuid();
        UUID draftId = random.uuid();
        UUID creator = tenant.accountIds().get(appIndex % 2); // owner or admin
        String name = APP_NAMES.get((tenantIndex * 3 + appIndex) % APP_NAMES.size())
                + (appIndex < APP_NAMES.size() ? "" : " " + (appIndex / APP_NAMES.size() + 1));
        long appCreated = rangeStart - random.between(10L, 60L) * UtcTime.MICROS_PER_DAY
                - random.between(0L, UtcTime.MICROS_PER_DAY);
        long draftCreated = appCreated + random.between(1L, 30L) * UtcTime.MICROS_PER_SECOND;
        long published = rangeStart - random.between(1L, 8L) * UtcTime.MICROS_PER_DAY
                - random.between(0L, UtcTime.MICROS_PER_DAY);
        String publishedVersion = UtcTime.pythonString(published);

        WorkflowPlan plan = WorkflowPlanner.create(random.child(1), appIndex, spec.nodesPerRun(), appCreated / 1_000,
                name, WorkspaceGenerator.personName(tenantIndex, appIndex % 2));

        writer.insert(new DifyRows.App(appId, tenant.id(), name, "workflow",
                "Answers " + name.toLowerCase(Locale.ROOT) + " requests from the help center and the public API.",
                random.pick(ICONS), random.pick(ICON_BACKGROUNDS), publishedId, null, creator,
                UtcTime.utcSeconds(appCreated), UtcTime.utcSeconds(published)));
        writer.insert(new DifyRows.Workflow(draftId, tenant.id(), appId, "workflow", "draft", plan.graph(), "{}",
                creator, UtcTime.utcSeconds(draftCreated), UtcTime.utc(published - 60 * UtcTime.MICROS_PER_SECOND)));
        writer.insert(new DifyRows.Workflow(publishedId, tenant.id(), appId, "workflow", publishedVersion,
                plan.graph(), "{}", creator, UtcTime.utc(published), UtcTime.utc(published)));

        List<EndUser> endUsers = EndUsers.create(writer, random.child(2), spec.endUsersPerApp(), tenant.id(), appId,
                appCreated);
        AppContext app = new AppContext(tenant.id(), appId, publishedId, publishedVersion, draftId, plan,
                new NodePayloads(plan, spec.payloadBytes()));

        List<String> statuses = random.shuffled(statusQuota(spec.runsPerApp()));
        List<Boolean> debugging = random.shuffled(quota(spec.runsPerApp(), spec.debuggingFraction()));
        for (int r = 0; r < spec.runsPerApp(); r++) {
            SeededRandom runRandom = random.child(3, r);
            long createdAt = rangeStart + runRandom.between(0L, span);
            String topic = runRandom.pick(TextFaker.TOPICS);
            RunRequest request;
            if (debugging.get(r)) {
                UUID account = runRandom.pick(tenant.accountIds());
                request = new RunRequest(statuses.get(r), "debugging", "account", account, account.toString(),
                        "debugger", null, createdAt, topic, runRandom.pick(LANGUAGES));
            } else {
                EndUser user = runRandom.pick(endUsers);
                request = new RunRequest(statuses.get(r), "app-run", "end_user", user.id(), user.sessionId(),
                        user.invokeFrom(), user.invokeFrom(), createdAt, topic, runRandom.pick(LANGUAGES));
            }
            GeneratedRun run = simulator.simulate(app, request, runRandom);
            runsByStatus.merge(run.status(), 1L, Long::sum);
            if (spec.recordRuns()) {
                runs.add(run);
            }
        }

        List<PlannedNode> debuggable = plan.debuggableNodes();
        for (int s = 0; s < spec.singleStepNodesPerApp() && !debuggable.isEmpty(); s++) {
            SeededRandom stepRandom = random.child(4, s);
            simulator.singleStep(app, stepRandom.pick(debuggable), stepRandom.pick(tenant.accountIds()),
                    rangeStart + stepRandom.between(0L, span), stepRandom);
            singleStepNodeExecutions++;
        }
        return new GeneratedApp(tenant.id(), appId, name, "workflow", publishedId, publishedVersion, draftId,
                creator);
    }

    Map<String, Long> runsByStatus() {
        return runsByStatus;
    }

    List<GeneratedRun> runs() {
        return runs;
    }

    long singleStepNodeExecutions() {
        return singleStepNodeExecutions;
    }

    /** Exactly {@code round(fraction * runs)} runs per non-succeeded status, so small sets hold them all. */
    private List<String> statusQuota(int runCount) {
        List<String> statuses = new ArrayList<>();
        addCopies(statuses, "failed", spec.failedFraction(), runCount);
        addCopies(statuses, "stopped", spec.stoppedFraction(), runCount);
        addCopies(statuses, "partial-succeeded", spec.partialSucceededFraction(), runCount);
        addCopies(statuses, "running", spec.runningFraction(), runCount);
        addCopies(statuses, "paused", spec.pausedFraction(), runCount);
        while (statuses.size() > runCount) {
            statuses.remove(statuses.size() - 1);
        }
        statuses.addAll(Collections.nCopies(runCount - statuses.size(), "succeeded"));
        return statuses;
    }

    private static void addCopies(List<String> into, String status, double fraction, int runCount) {
        into.addAll(Collections.nCopies((int) Math.round(fraction * runCount), status));
    }

    private static List<Boolean> quota(int count, double fraction) {
        int yes = (int) Math.min(count, Math.round(fraction * count));
        List<Boolean> flags = new ArrayList<>(Collections.nCopies(yes, Boolean.TRUE));
        flags.addAll(Collections.nCopies(count - yes, Boolean.FALSE));
        return flags;
    }
}
