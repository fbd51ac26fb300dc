package dev.difyweave.backfill.cli;

import picocli.CommandLine.Option;

/** How much runs at once and how big a request to Weave is: migrate, sync and worker. */
final class ThroughputOptions {

    @Option(names = "--partitions", paramLabel = "<n>", converter = OptionTypes.Partitions.class,
            description = "split each root kind's window into n time ranges of about equal row counts, run at once "
                    + "(default: two per core, at most 4; for worker, partitions it runs at once, default 1)")
    Integer partitions;

    @Option(names = "--batch-calls", paramLabel = "<n>", converter = OptionTypes.BatchCalls.class,
            description = "calls in one request to Weave at most (default 1000)")
    Integer batchCalls;

    @Option(names = "--batch-bytes", paramLabel = "<n>", converter = OptionTypes.BatchBytes.class,
            description = "bytes of one request to Weave at most (default 8388608)")
    Integer batchBytes;
}
