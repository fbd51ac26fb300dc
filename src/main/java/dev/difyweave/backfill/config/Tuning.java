package dev.difyweave.backfill.config;

import java.time.Duration;

import dev.difyweave.backfill.weave.WeaveRetry;

/** Sizes and time limits; every one has a default and an environment variable. */
public record Tuning(
        int chunkSize,
        long batchBytes,
        int batchCalls,
        long maxCallBytes,
        Duration connectTimeout,
        Duration readTimeout,
        WeaveRetry.Settings retry,
        int partitions,
        int maxRowsPerSecond,
        Duration difyStatementTimeout) {

    /** The tuning with these sizes and no limit on Dify (no row rate, the default statement timeout). */
    public Tuning(int chunkSize, long batchBytes, int batchCalls, long maxCallBytes, Duration connectTimeout,
            Duration readTimeout, WeaveRetry.Settings retry, int partitions) {
        this(chunkSize, batchBytes, batchCalls, maxCallBytes, connectTimeout, readTimeout, retry, partitions, 0,
                DEFAULT_DIFY_STATEMENT_TIMEOUT);
    }

    /** Longer than any query of sql/dify/ takes on a healthy database, short enough to free a stuck one. */
    public static final Duration DEFAULT_DIFY_STATEMENT_TIMEOUT = Duration.ofMinutes(10);

    /**
     * The default partition count: two per core (a partition waits for the database and for Weave part
     * of the time), at most four (the Dify database is the next limit). Measured in README "Performance".
     */
    public static int defaultPartitions() {
        return Math.max(1, Math.min(4, 2 * Runtime.getRuntime().availableProcessors()));
    }

    /** Connections the Dify pool needs: one reader per partition running at once, plus the partitioner. */
    public int difyConnections() {
        return partitions + 2;
    }

    /** Connections the state pool needs: each partition's chunk transaction and ledger, plus the job's own. */
    public int stateConnections() {
        return 2 * partitions + 4;
    }
}
