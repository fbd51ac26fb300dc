package dev.difyweave.backfill.cli;

import java.time.Instant;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.job.BackfillRequest;
import dev.difyweave.backfill.job.BackfillRequest.Sink;

/**
 * The options of migrate and sync (each command's {@code Options} adds its name and texts), and so the
 * keys of a job definition: see {@link JobDefinition}.
 */
class RunOptions {

    @Mixin
    WindowOptions window;

    @Option(names = "--dry-run", arity = "0..1", fallbackValue = "true", converter = OptionTypes.Flag.class,
            description = "read, assemble, validate and size; write nothing to Weave")
    boolean dryRun;

    @Mixin
    OutputOptions output;

    @Option(names = "--project-routing", paramLabel = "<mode>", converter = OptionTypes.Text.class,
            description = "single: every app to that target (default); dify: an app with Weave tracing configured in "
                    + "Dify to its entity/project (and host). WANDB_API_KEY only goes to WF_TRACE_SERVER_URL (its default "
                    + "the W&B cloud) or to a server in BACKFILL_ALLOWED_WEAVE_HOSTS; an app on another host "
                    + "needs its own key (BACKFILL_DIFY_KEYS=true), plain http:// needs a loopback or listed host; else "
                    + "the app's calls are not sent (dead letters with status 0, exit status 3)")
    String projectRouting;

    @Mixin
    ChunkSizeOption chunk;

    @Option(names = "--max-rows-per-second", paramLabel = "<n>", converter = OptionTypes.RowsPerSecond.class,
            description = "read at most n root rows of Dify a second, all partitions together (default: no limit; "
                    + "their children come with them)")
    Integer maxRowsPerSecond;

    @Mixin
    ThroughputOptions throughput;

    @Option(names = "--remote", arity = "0..1", fallbackValue = "true", converter = OptionTypes.Flag.class,
            description = "send the partitions to 'worker' processes over RabbitMQ "
                    + "instead (needs BACKFILL_DB_URL shared with the workers; SPRING_RABBITMQ_*)")
    boolean remote;

    @Mixin
    HelpOption help;

    /** The window, filters, sink and target these options ask for. */
    BackfillRequest request(BackfillSettings settings, String label, Instant now) {
        return RequestOptions.toRequest(window, sink(), output.exportDir, projectRouting, settings, label, now);
    }

    /** The settings with the sizes these options override. */
    BackfillSettings settings(BackfillSettings settings) {
        return RequestOptions.settingsFor(settings, chunk.chunkSize, throughput, maxRowsPerSecond);
    }

    private Sink sink() {
        boolean export = output.exportDir != null;
        if (dryRun && (export || output.alsoSend)) {
            throw new UsageException("--dry-run sends and writes nothing; it cannot be combined with --export-dir or --also-send");
        }
        if (output.alsoSend && !export) {
            throw new UsageException("--also-send only makes sense with --export-dir");
        }
        if (dryRun) {
            return Sink.DRY_RUN;
        }
        if (export) {
            return output.alsoSend ? Sink.WEAVE_AND_EXPORT : Sink.EXPORT;
        }
        return Sink.WEAVE;
    }
}
