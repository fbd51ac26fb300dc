package dev.difyweave.backfill.cli;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.TreeMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.Objects;

import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.difyweave.backfill.BackfillApplication;
import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.job.BackfillJobConfiguration;
import dev.difyweave.backfill.job.BackfillRequest;
import dev.difyweave.backfill.state.FeedbackLedger;
import dev.difyweave.backfill.state.PendingStore;
import dev.difyweave.backfill.job.Preflight;
import dev.difyweave.backfill.source.DifySchemaProfile;

/** {@code status}: the Dify schema found, recent executions from the job repository and what can be resumed. */
final class StatusCommand {

    @Command(name = "status", description = Usage.STATUS)
    static final class Options {

        @Option(names = "--limit", paramLabel = "<n>", converter = OptionTypes.Positive.class,
                description = "how many of the most recent executions to list (default 20)")
        int limit = 20;

        @Mixin
        HelpOption help;
    }

    private final BackfillSettings settings;
    private final PrintStream out;

    StatusCommand(BackfillSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    int run(Options options) {
        int limit = options.limit;
        new Preflight(settings).stateStore();
        try (ConfigurableApplicationContext context = BackfillApplication.start(settings)) {
            out.println("Dify source: " + difySchema(context));
            JobRepository repository = context.getBean(JobRepository.class);
            List<JobExecution> executions = repository.getJobInstances(BackfillJobConfiguration.JOB_NAME, 0, limit)
                    .stream()
                    .flatMap(instance -> repository.getJobExecutions(instance).stream())
                    .sorted(Comparator.comparingLong(JobExecution::getId).reversed())
                    .limit(limit)
                    .toList();
            if (executions.isEmpty()) {
                out.println("no executions yet");
                return BackfillCli.OK;
            }
            printPending(context.getBean(PendingStore.class).summary());
            printFeedback(context.getBean(FeedbackLedger.class));
            out.printf("%-6s %-10s %-24s %-24s %-9s %-18s %8s %9s %6s  %s%n", "exec", "status", "window from",
                    "window to", "sink", "kinds", "traces", "calls", "dead", "resumable");
            for (JobExecution execution : executions) {
                BackfillRequest request = BackfillRequest.fromJobParameters(execution.getJobParameters());
                RunSummary summary = RunSummary.of(execution);
                out.printf("%-6d %-10s %-24s %-24s %-9s %-18s %8d %9d %6d  %s%n", execution.getId(),
                        execution.getStatus(), request.from(), request.to(), request.sink().name().toLowerCase(),
                        String.join(",", request.kinds()), summary.traces(), summary.calls(), summary.deadLetters(),
                        resumable(execution, executions));
            }
            return BackfillCli.OK;
        }
    }

    /**
     * Roots not finished yet in Dify, which a later run sends once they are (or once they are stale), and
     * the messages whose feedback waits for their call to be in Weave.
     */
    private void printPending(List<PendingStore.Summary> pending) {
        List<PendingStore.Summary> roots = pending.stream().filter(s -> !s.kind().equals(PendingStore.FEEDBACK)).toList();
        out.println("roots not finished yet in Dify (pending; the next run over the same filters and target sends "
                + "them once finished or stale): " + roots.stream().mapToLong(PendingStore.Summary::roots).sum());
        for (PendingStore.Summary s : roots) {
            out.println("  " + s.roots() + " " + s.kind() + ", oldest created " + s.oldest() + "Z, scope " + s.scope());
        }
        for (PendingStore.Summary s : pending) {
            if (s.kind().equals(PendingStore.FEEDBACK)) {
                out.println("messages whose feedback waits for their call in Weave: " + s.roots() + ", oldest created "
                        + s.oldest() + "Z, scope " + s.scope());
            }
        }
    }

    /** What the feedback steps did over all runs, and what each project holds by the ledger. */
    private void printFeedback(FeedbackLedger ledger) {
        List<FeedbackLedger.Count> totals = ledger.totals();
        if (totals.isEmpty()) {
            return;
        }
        out.println("feedback (all runs, per Weave feedback type):");
        Map<String, List<FeedbackLedger.Count>> byType = new TreeMap<>();
        totals.forEach(c -> byType.computeIfAbsent(c.feedbackType(), t -> new ArrayList<>()).add(c));
        byType.forEach((type, counts) -> out.println("  " + type + ": " + counts.stream()
                .map(c -> c.count() + " " + c.outcome().replace('_', ' ')).collect(Collectors.joining(", "))));
        ledger.heldPerProject().forEach((project, held) -> out.println("  in " + project + " now: " + held.entrySet()
                .stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))));
    }

    /** The detected Dify version range and what it implies, or why the Dify database could not be read. */
    private static String difySchema(ConfigurableApplicationContext context) {
        try {
            return DifySchemaProfile.detect(new JdbcTemplate(context.getBean("difyDataSource", DataSource.class)))
                    .describe();
        } catch (RuntimeException e) {
            return "not readable (" + Reasons.oneLine(e) + ")";
        }
    }

    private static String resumable(JobExecution execution, List<JobExecution> all) {
        boolean newest = all.stream()
                .filter(e -> Objects.equals(e.getJobInstanceId(), execution.getJobInstanceId()))
                .mapToLong(JobExecution::getId).max().orElse(-1) == execution.getId();
        if (!newest) {
            return "-";
        }
        BatchStatus status = execution.getStatus();
        if (status == BatchStatus.FAILED || status == BatchStatus.STOPPED) {
            return "yes: run the same command again";
        }
        if (status.isRunning()) {
            return "running, or killed (the next run of the same window takes it over if no process holds it)";
        }
        return "no";
    }
}
