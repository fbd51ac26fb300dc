package dev.difyweave.backfill.cli;

import picocli.CommandLine.Option;

/** Where a run writes besides Weave: migrate, sync and the demo. Public for {@link ExtraCommand}s. */
public final class OutputOptions {

    @Option(names = "--export-dir", paramLabel = "<dir>", converter = OptionTypes.Text.class,
            description = "write the exact Weave request bodies as JSON Lines instead of sending")
    String exportDir;

    @Option(names = "--also-send", arity = "0..1", fallbackValue = "true",
            converter = OptionTypes.Flag.class, description = "with --export-dir: send to Weave as well")
    boolean alsoSend;

    @Option(names = "--report-dir", paramLabel = "<dir>", converter = OptionTypes.Text.class,
            description = "write report-<job instance id>.json and .html there (default: var/reports/ in the working directory)")
    String reportDir;
}
