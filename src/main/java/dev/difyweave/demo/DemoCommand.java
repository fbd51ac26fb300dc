package dev.difyweave.demo;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.difyweave.backfill.cli.ExportRun;
import dev.difyweave.backfill.cli.ExtraCommand;
import dev.difyweave.backfill.cli.HelpOption;
import dev.difyweave.backfill.cli.OptionTypes;
import dev.difyweave.backfill.cli.OutputOptions;
import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.config.DatabaseSettings;
import dev.difyweave.backfill.state.EmbeddedPostgresServer;
import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.GenerationResult;
import dev.difyweave.demo.generator.SqlScript;

/**
 * {@code demo}: the real job on generated Dify data in an embedded PostgreSQL (Dify's database and a
 * throw-away state store side by side), written to an export directory, with a report of what it did
 * (on stdout, and as {@code report-<job instance id>.json} and {@code .html} in {@code --report-dir}).
 * The backfill finds it as an {@link ExtraCommand}.
 */
@Command(name = "demo", description = {
        "Starts an embedded PostgreSQL, creates Dify's schema, generates workflow apps, runs and node",
        "executions, runs the real backfill job on them into --export-dir (default ./demo-out/), and",
        "prints what it did with one trace drawn as an outline. With --also-send (and WANDB_API_KEY,",
        "WEAVE_PROJECT set) the calls are sent to Weave too."})
public final class DemoCommand implements ExtraCommand {

    static final String DIFY_SCHEMA = "sql/fixtures/dify-schema.sql";

    @Mixin
    private OutputOptions output;

    @Option(names = "--seed", paramLabel = "<n>", converter = OptionTypes.Number.class,
            description = "the generator's random seed (default: the demo's own, the same data every time)")
    private Long seed;

    @Mixin
    private HelpOption help;

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "the whole pipeline on an embedded PostgreSQL with generated Dify data (needs nothing installed)";
    }

    @Override
    public int run(BackfillSettings settings, PrintStream out, Clock clock) {
        ExportRun export = ExportRun.of(output, settings, out, clock, "demo-out");
        DifyDataGenerator.Spec spec = DifyDataGenerator.Spec.demo();
        if (seed != null) {
            spec = spec.toBuilder().seed(seed).build();
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
            return export.run("demo", database(postgres, "dify"), database(postgres, "backfill_state"));
        }
    }

    private static GenerationResult generateDify(EmbeddedPostgresServer postgres, DifyDataGenerator.Spec spec) {
        postgres.createDatabaseIfMissing("dify");
        try (Connection connection = postgres.connect("dify")) {
            SqlScript.run(connection, DIFY_SCHEMA);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create Dify's schema in the embedded PostgreSQL", e);
        }
        DriverManagerDataSource dify = new DriverManagerDataSource(postgres.jdbcUrl("dify"), postgres.username(), postgres.password());
        return new DifyDataGenerator().generate(dify, spec);
    }

    private static DatabaseSettings database(EmbeddedPostgresServer postgres, String name) {
        return new DatabaseSettings(postgres.jdbcUrl(name), postgres.username(), postgres.password());
    }
}
