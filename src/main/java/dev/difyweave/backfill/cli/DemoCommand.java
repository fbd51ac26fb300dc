package dev.difyweave.backfill.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.difyweave.backfill.BackfillApplication;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.config.DatabaseSettings;
import dev.difyweave.backfill.demo.DifyDataGenerator;
import dev.difyweave.backfill.demo.DifyDataGenerator.GenerationResult;
import dev.difyweave.backfill.state.EmbeddedPostgresServer;
import dev.difyweave.backfill.demo.SqlScript;
import dev.difyweave.backfill.job.BackfillRequest;
import dev.difyweave.backfill.weave.JsonlExportSink;

/**
 * {@code demo}: the real job on generated Dify data in an embedded PostgreSQL (Dify's database and a
 * throw-away state store side by side), written to an export directory, with a report of what it did
 * (on stdout, and as {@code report-<job instance id>.json} and {@code .html} in {@code --report-dir}).
 */
final class DemoCommand {

    static final String DIFY_SCHEMA = "sql/fixtures/dify-schema.sql";

    private final BackfillSettings settings;
    private final PrintStream out;
    private final Clock clock;

    DemoCommand(BackfillSettings settings, PrintStream out, Clock clock) {
        this.settings = settings;
        this.out = out;
        this.clock = clock;
    }

    int run(CliArguments args) {
        args.requireOnly(Set.of("export-dir", "also-send", "seed", MigrateCommand.REPORT_DIR, "help"));
        MigrateCommand.Report runReport = MigrateCommand.Report.of(args, settings, clock);
        boolean alsoSend = args.flag("also-send");
        if (alsoSend) {
            settings.requireSending();
        }
        Path exportDir = Path.of(args.has("export-dir") ? args.value("export-dir") : "demo-out");
        DifyDataGenerator.Spec spec = DifyDataGenerator.Spec.demo();
        if (args.has("seed")) {
            spec = spec.toBuilder().seed(seed(args.value("seed"))).build();
        }
        out.println("starting an embedded PostgreSQL ...");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startEphemeral()) {
            GenerationResult generated = generateDify(postgres, spec);
            out.printf("generated Dify data: %d workspaces, %d workflow apps with %d runs (%d finished, %d running or "
                    + "paused) and %d node executions; %d chat, completion, agent and chatflow apps with %d conversations, "
                    + "%d messages, %d agent thoughts, %d chatflow runs%n", generated.tenantCount(),
                    generated.workflowAppCount(), generated.workflowRunCount(), generated.finishedRunCount(),
                    generated.workflowRunCount() - generated.finishedRunCount(), generated.nodeExecutionCount(),
                    generated.chatAppCount(), generated.conversationCount(), generated.messageCount(),
                    generated.agentThoughtCount(), generated.chatflowRunCount());
            postgres.createDatabaseIfMissing("backfill_state");
            BackfillSettings demo = settings
                    .withDify(new DatabaseSettings(postgres.jdbcUrl("dify"), postgres.username(), postgres.password()))
                    .withState(new DatabaseSettings(postgres.jdbcUrl("backfill_state"), postgres.username(), postgres.password()));
            Path exportFile = exportDir.resolve(JsonlExportSink.FILE_NAME);
            deleteIfExists(exportFile);
            BackfillRequest request = new BackfillRequest(RequestOptions.BEGINNING, clock.instant(), List.of(), List.of(),
                    TraceKind.cliNames(), alsoSend ? BackfillRequest.Sink.WEAVE_AND_EXPORT : BackfillRequest.Sink.EXPORT,
                    settings.weave().project() != null ? settings.weave().project() : RequestOptions.EXPORT_PROJECT,
                    exportDir.toString(), false, "demo", null);
            RunSummary summary;
            try (ConfigurableApplicationContext context = BackfillApplication.start(demo)) {
                // the report is written while the throw-away state store still exists
                summary = MigrateCommand.launch(context, request, out, runReport);
            }
            report(exportFile, summary);
            summary.requireNothingLost();
            return BackfillCli.OK;
        }
    }

    private GenerationResult generateDify(EmbeddedPostgresServer postgres, DifyDataGenerator.Spec spec) {
        postgres.createDatabaseIfMissing("dify");
        try (Connection connection = postgres.connect("dify")) {
            SqlScript.run(connection, DIFY_SCHEMA);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create Dify's schema in the embedded PostgreSQL", e);
        }
        DriverManagerDataSource dify = new DriverManagerDataSource(postgres.jdbcUrl("dify"), postgres.username(), postgres.password());
        return new DifyDataGenerator().generate(dify, spec);
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

    private static long seed(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--seed must be a number");
        }
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
