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
        WeaveRetry.Settings retry) {
}
