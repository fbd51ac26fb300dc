package dev.difyweave.backfill.cli;

import picocli.CommandLine.Option;

/** {@code --chunk-size}: of migrate, sync and worker (per checkpoint) and verify (per page it reads). */
final class ChunkSizeOption {

    @Option(names = "--chunk-size", paramLabel = "<n>", converter = OptionTypes.ChunkSize.class,
            description = "roots per chunk, i.e. per checkpoint (default backfill.chunk-size, BACKFILL_CHUNK_SIZE, 100)")
    Integer chunkSize;
}
