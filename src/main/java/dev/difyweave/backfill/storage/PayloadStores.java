package dev.difyweave.backfill.storage;

import java.time.Clock;
import java.time.Duration;

import dev.difyweave.backfill.config.StorageSettings;

/** The store that {@link StorageSettings} describe. */
public final class PayloadStores {

    private PayloadStores() {
    }

    public static PayloadStore of(StorageSettings settings, Duration connectTimeout, Duration timeout) {
        if (settings == null || !settings.configured()) {
            return NoPayloadStore.INSTANCE;
        }
        if (settings.fileSystemRoot() != null) {
            return new FileSystemPayloadStore(settings.fileSystemRoot());
        }
        return new S3PayloadStore(settings.s3(), connectTimeout, timeout, Clock.systemUTC());
    }
}
