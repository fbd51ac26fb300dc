package dev.difyweave.backfill.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.difyweave.backfill.BackfillApplication;
import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.job.BackfillRequest;
import dev.difyweave.backfill.job.Preflight;
import dev.difyweave.backfill.state.FeedbackLedger;
import dev.difyweave.backfill.state.PendingStore;

/**
 * {@code status}: the Dify schema found, recent executions from the job repository and what can be
 * resumed, as lines and a table, or with {@code --json} as one JSON document ({@link StatusJson}).
 */
final class StatusCommand {

    @Command(name = "status", description = Usage.STATUS)
    static final class Options {

        @Option(names = "--limit", paramLabel = "<n>", converter = OptionTypes.Positive.class,
                description = "how many of the most recent executions to list (default 20)")
        int limit = 20;

        @Option(names = "--json", arity = "0..1", fallbackValue = "true", converter = OptionTypes.Flag.class,
                description = "the same as one JSON document on stdout (keys: docs/operations.md, \"status --json\")")
        boolean json;

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
        boolean json = options.json;
        new Preflight(settings).stateStore();
        try (ConfigurableApplicationContext context = BackfillApplication.start(settings)) {
            StatusReport status = StatusReport.read(context, limit);
            if (json) {
                out.println(StatusJson.render(status));
            } else {
                print(status);
            }
            return BackfillCli.OK;
        }
    }

    private void print(StatusReport status) {
        out.println("Dify source: " + status.difySource());
        if (status.executions().isEmpty()) {
            out.println("no executions yet");
            return;
        }
        printPending(status.pending());
        printFeedback(status.feedback(), status.feedbackHeld());
        out.printf("%-6s %-10s %-24s %-24s %-9s %-18s %8s %9s %6s  %s%n", "exec", "status", "window from",
                "window to", "sink", "kinds", "traces", "calls", "dead", "resumable");
        for (StatusReport.Execution e : status.executions()) {
            BackfillRequest request = e.request();
            RunSummary summary = e.summary();
            out.printf("%-6d %-10s %-24s %-24s %-9s %-18s %8d %9d %6d  %s%n", e.execution().getId(),
                    e.execution().getStatus(), request.from(), request.to(), request.sink().name().toLowerCase(),
                    String.join(",", request.kinds()), summary.traces(), summary.calls(), summary.deadLetters(),
                    e.resumable().text);
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
    private void printFeedback(List<FeedbackLedger.Count> totals, Map<String, Map<String, Long>> held) {
        if (totals.isEmpty()) {
            return;
        }
        out.println("feedback (all runs, per Weave feedback type):");
        Map<String, List<FeedbackLedger.Count>> byType = new TreeMap<>();
        totals.forEach(c -> byType.computeIfAbsent(c.feedbackType(), t -> new ArrayList<>()).add(c));
        byType.forEach((type, counts) -> out.println("  " + type + ": " + counts.stream()
                .map(c -> c.count() + " " + c.outcome().replace('_', ' ')).collect(Collectors.joining(", "))));
        held.forEach((project, kinds) -> out.println("  in " + project + " now: " + kinds.entrySet()
                .stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))));
    }
}
