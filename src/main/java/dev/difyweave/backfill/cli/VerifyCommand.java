package dev.difyweave.backfill.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import dev.difyweave.backfill.BackfillApplication;
import dev.difyweave.backfill.call.WeaveCall;
import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.job.BackfillRequest;
import dev.difyweave.backfill.job.ConversationRoots;
import dev.difyweave.backfill.job.MessageRoots;
import dev.difyweave.backfill.job.Preflight;
import dev.difyweave.backfill.job.TraceRoots;
import dev.difyweave.backfill.job.WorkflowRoots;
import dev.difyweave.backfill.source.Keyset;
import dev.difyweave.backfill.source.KeysetItemReader;
import dev.difyweave.backfill.source.RootLoader;
import dev.difyweave.backfill.source.TraceRoot;
import dev.difyweave.backfill.trace.AssembledTrace;
import dev.difyweave.backfill.call.ContentPolicy;
import dev.difyweave.backfill.source.FeedbackSource;
import dev.difyweave.backfill.state.FeedbackLedger;
import dev.difyweave.backfill.trace.FeedbackMapper;
import dev.difyweave.backfill.weave.DeliveryStats;
import dev.difyweave.backfill.weave.WeaveDelivery;
import dev.difyweave.backfill.weave.WeaveHttpClient;
import dev.difyweave.backfill.weave.WeavePresence;
import dev.difyweave.backfill.weave.WeaveRetry;

/**
 * {@code verify}: reconciles a window. It reads and assembles the window as a backfill would (same
 * readers and mappers, nothing sent), asks Weave for the resulting call ids in groups of 1000, and
 * reports, per kind, how many calls Dify's rows make and how many Weave holds complete; missing ids
 * are listed. Exit status 1 when anything is missing.
 */
final class VerifyCommand {

    private static final int MAX_LISTED = 50;

    /** The window, filters and target of a run, without what only sending needs. */
    @Command(name = "verify", description = Usage.VERIFY)
    static final class Options {

        @Mixin
        WindowOptions window;

        @Mixin
        ChunkSizeOption chunk;

        @Mixin
        HelpOption help;
    }

    private final BackfillSettings settings;
    private final PrintStream out;
    private final Clock clock;

    VerifyCommand(BackfillSettings settings, PrintStream out, Clock clock) {
        this.settings = settings;
        this.out = out;
        this.clock = clock;
    }

    int run(Options options, String label) {
        BackfillRequest request = RequestOptions.toRequest(options.window, BackfillRequest.Sink.WEAVE, null, null, settings,
                label, clock.instant());
        settings.requireDify();
        settings.requireSending();
        new Preflight(settings).forVerify(request);
        String project = request.project();
        DeliveryStats stats = new DeliveryStats();
        try (ConfigurableApplicationContext context = BackfillApplication.start(settings);
                WeaveDelivery weave = new WeaveDelivery(new WeaveHttpClient(settings.weave().serverUrl(),
                        settings.weave().apiKey(), settings.tuning().connectTimeout(), settings.tuning().readTimeout()),
                        new WeaveRetry(settings.tuning().retry(), stats), WeaveDelivery.Settings.defaults(), stats)) {
            Reconciliation reconciliation = new Reconciliation(weave.presence(), project);
            int page = options.chunk.chunkSize != null ? options.chunk.chunkSize : settings.tuning().chunkSize();
            WorkflowRoots runs = context.getBean(WorkflowRoots.class);
            MessageRoots messages = context.getBean(MessageRoots.class);
            scan(runs, request, page, reconciliation);
            scan(messages, request, page, reconciliation);
            scan(context.getBean(ConversationRoots.class), request, page, reconciliation);
            long unfinished = (runs.selected(request) ? unfinished(runs.source(request.window())) : 0)
                    + (messages.selected(request) ? unfinished(messages.source(request.window())) : 0);
            reconciliation.flush();
            FeedbackVerification feedback = null;
            if (request.feedback()) {
                feedback = new FeedbackVerification(context.getBean(FeedbackSource.class),
                        context.getBean(FeedbackLedger.class), weave.feedback(),
                        new FeedbackMapper(new ContentPolicy(request.content())), project);
                feedback.run(request.window(), page);
            }
            return report(request, reconciliation, unfinished, feedback);
        }
    }

    /** The window's roots of one kind, read and mapped by what the job's step uses, each mapped to its calls. */
    private static <T extends TraceRoot> void scan(TraceRoots<T> roots, BackfillRequest request, int pageSize,
            Reconciliation reconciliation) {
        if (!roots.selected(request)) {
            return;
        }
        Function<T, AssembledTrace> mapper = roots.mapper(request);
        KeysetItemReader<T> reader = new KeysetItemReader<>("verify", roots.source(request.window()),
                roots.pageSize(pageSize), Keyset.FIRST);
        reader.open(new ExecutionContext());
        for (T item = reader.read(); item != null; item = reader.read()) {
            mapper.apply(item).calls().forEach(reconciliation::expect);
        }
        reader.close();
    }

    /** The window's roots Dify has not finished yet (and that are not stale): no call of theirs is expected yet. */
    private static long unfinished(RootLoader<?> roots) {
        long count = 0;
        Keyset after = Keyset.FIRST;
        List<Keyset> page;
        do {
            page = roots.unfinishedAfter(after, WeavePresence.MAX_IDS);
            count += page.size();
            if (!page.isEmpty()) {
                after = page.get(page.size() - 1);
            }
        } while (page.size() == WeavePresence.MAX_IDS);
        return count;
    }

    private int report(BackfillRequest request, Reconciliation r, long unfinished, FeedbackVerification feedback) {
        out.println("verify window [" + request.from() + ", " + request.to() + ") against " + request.project());
        out.printf("%-18s %10s %10s %10s%n", "kind", "expected", "in weave", "missing");
        r.counts().forEach((kind, c) -> out.printf("%-18s %10d %10d %10d%n", kind, c[0], c[1], c[0] - c[1]));
        boolean feedbackOff = feedback != null && reportFeedback(feedback);
        if (unfinished > 0) {
            out.println(unfinished + " roots not finished yet in Dify (a run running or paused, an answer not saved; "
                    + "younger than --stale-after=" + request.staleness().after() + "): their calls are not in this count");
        }
        list("missing calls (id, source):", r.missing());
        List<String> failures = new ArrayList<>();
        if (!r.missing().isEmpty()) {
            failures.add(r.missing().size() + " expected calls are missing in Weave");
        } else if (unfinished > 0) {
            failures.add("every call of the finished roots is in Weave; " + unfinished + " roots not finished yet");
        }
        if (feedbackOff) {
            failures.add(feedback.missing().size() + " feedback missing and " + feedback.extra().size()
                    + " extra in Weave");
        }
        if (!failures.isEmpty()) {
            throw new CommandFailedException(BackfillCli.FAILED, String.join("; ", failures));
        }
        out.println("every expected call is in Weave, complete" + (feedback == null ? "" : "; so is every feedback"));
        return BackfillCli.OK;
    }

    /** Prints the feedback counts and what is missing or extra; true when anything is. */
    private boolean reportFeedback(FeedbackVerification feedback) {
        out.printf("%-18s %10s %10s %10s %10s%n", "feedback", "expected", "in weave", "missing", "extra");
        feedback.counts().forEach((type, c) -> out.printf("%-18s %10d %10d %10d %10d%n", type, c[0], c[1], c[2], c[3]));
        list("missing feedback (id, type, source):", feedback.missing());
        list("extra feedback in Weave (id, type, source):", feedback.extra());
        return !feedback.missing().isEmpty() || !feedback.extra().isEmpty();
    }

    private void list(String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.println(title);
        lines.stream().limit(MAX_LISTED).forEach(line -> out.println("  " + line));
        if (lines.size() > MAX_LISTED) {
            out.println("  ... and " + (lines.size() - MAX_LISTED) + " more");
        }
    }

    /** Expected calls, checked against Weave in groups of at most 1000 ids. */
    private static final class Reconciliation {

        private final WeavePresence presence;
        private final String project;
        private final List<WeaveCall> batch = new ArrayList<>();
        private final Map<String, long[]> counts = new LinkedHashMap<>();
        private final List<String> missing = new ArrayList<>();

        Reconciliation(WeavePresence presence, String project) {
            this.presence = presence;
            this.project = project;
        }

        void expect(WeaveCall call) {
            batch.add(call);
            if (batch.size() == WeavePresence.MAX_IDS) {
                flush();
            }
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            Set<String> present = presence.complete(project, batch.stream().map(WeaveCall::id).toList());
            for (WeaveCall call : batch) {
                long[] c = counts.computeIfAbsent(call.kind().cliName(), k -> new long[2]);
                c[0]++;
                if (present.contains(call.id())) {
                    c[1]++;
                } else {
                    missing.add(call.id() + "  " + call.sourceKey() + "  (" + call.opName() + ")");
                }
            }
            batch.clear();
        }

        Map<String, long[]> counts() {
            return counts;
        }

        List<String> missing() {
            return missing;
        }
    }
}
