package dev.difyweave.backfill.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.context.ConfigurableApplicationContext;

import dev.difyweave.backfill.BackfillApplication;
import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.config.DatabaseSettings;
import dev.difyweave.backfill.job.BackfillRequest;
import dev.difyweave.backfill.job.FeedbackStepConfiguration;
import dev.difyweave.backfill.weave.JsonlExportSink;

/**
 * The run behind {@code demo}: the real job over all of a Dify database's history, every kind, into
 * {@code --export-dir} (and Weave with {@code --also-send}) with a state store of its own, then what it
 * did: the run summary and report, and a workflow and a message trace drawn as outlines.
 */
public final class ExportRun {

    private final BackfillSettings settings;
    private final PrintStream out;
    private final Clock clock;
    private final MigrateCommand.Report report;
    private final boolean alsoSend;
    private final Path exportDir;

    private ExportRun(BackfillSettings settings, PrintStream out, Clock clock, MigrateCommand.Report report,
            boolean alsoSend, Path exportDir) {
        this.settings = settings;
        this.out = out;
        this.clock = clock;
        this.report = report;
        this.alsoSend = alsoSend;
        this.exportDir = exportDir;
    }

    /**
     * Checks its options ({@code --export-dir}, {@code --also-send}, {@code --report-dir}) and, with
     * {@code --also-send}, the Weave settings before any work.
     */
    public static ExportRun of(OutputOptions output, BackfillSettings settings, PrintStream out, Clock clock,
            String defaultExportDir) {
        MigrateCommand.Report report = MigrateCommand.Report.of(output, settings, clock);
        boolean alsoSend = output.alsoSend;
        if (alsoSend) {
            settings.requireSending();
        }
        Path exportDir = Path.of(output.exportDir != null ? output.exportDir : defaultExportDir);
        return new ExportRun(settings, out, clock, report, alsoSend, exportDir);
    }

    /** Runs the job labelled {@code label}; exit status 0 only when nothing was lost. */
    public int run(String label, DatabaseSettings dify, DatabaseSettings state) {
        BackfillSettings run = settings.withDify(dify).withState(state);
        Path exportFile = exportDir.resolve(JsonlExportSink.FILE_NAME);
        Path feedbackFile = exportDir.resolve(FeedbackStepConfiguration.EXPORT_FILE);
        deleteIfExists(exportFile);
        deleteIfExists(feedbackFile);
        BackfillRequest request = new BackfillRequest(RequestOptions.BEGINNING, clock.instant(), List.of(), List.of(),
                TraceKind.cliNames(), alsoSend ? BackfillRequest.Sink.WEAVE_AND_EXPORT : BackfillRequest.Sink.EXPORT,
                settings.weave().project() != null ? settings.weave().project() : RequestOptions.EXPORT_PROJECT,
                exportDir.toString(), false, label, null);
        RunSummary summary;
        try (ConfigurableApplicationContext context = BackfillApplication.start(run)) {
            // the report is written while the throw-away state store still exists
            summary = MigrateCommand.launch(context, request, out, report);
        }
        report(exportFile, summary);
        reportFeedback(feedbackFile);
        summary.requireNothingLost();
        return BackfillCli.OK;
    }

    private void report(Path exportFile, RunSummary summary) {
        if (!Files.exists(exportFile)) {
            out.println("nothing was exported");
            return;
        }
        TraceOutline outline = TraceOutline.read(exportFile);
        out.printf("exported %d traces, %d calls to %s (%d bytes)%n", outline.traceCount(), outline.callCount(),
                exportFile, size(exportFile));
        out.println();
        out.println("a workflow trace and a message trace, as Weave will nest them:");
        for (String root : List.of("workflow", "message")) {
            outline.drawRichestTrace(root).forEach(line -> out.println("  " + line));
            out.println();
        }
        out.println("problems found in the source rows: " + summary.problems()
                + " (see the backfill_problem table; the demo's state store is discarded)");
    }

    /** How many feedback of each type were exported, one {@code FeedbackCreateReq} per line. */
    private void reportFeedback(Path feedbackFile) {
        if (!Files.exists(feedbackFile)) {
            return;
        }
        Map<String, Long> perType = new TreeMap<>();
        try (Stream<String> lines = Files.lines(feedbackFile)) {
            lines.filter(line -> !line.isBlank()).forEach(line -> perType.merge(
                    Json.MAPPER.readTree(line).path("feedback_type").asString(), 1L, Long::sum));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("exported feedback to " + feedbackFile + ": " + perType.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
