package dev.difyweave.backfill.storage;

import java.time.Duration;

import dev.difyweave.backfill.config.StorageSettings;

/** The store that {@link StorageSettings} describe. */
public final class PayloadStores {

    private PayloadStores() {
    }

    /**
     * The configured store; an S3 store holds an SDK client until {@link PayloadStore#close() closed}.
     * {@link dev.difyweave.backfill.config.ConfigurationException} when an S3 bucket's region cannot be had.
     */
    public static PayloadStore of(StorageSettings settings, Duration connectTimeout, Duration timeout) {
        if (settings == null || !settings.configured()) {
            return NoPayloadStore.INSTANCE;
        }
        if (settings.fileSystemRoot() != null) {
            return new FileSystemPayloadStore(settings.fileSystemRoot());
        }
        return new S3PayloadStore(settings.s3(), connectTimeout, timeout);
    }
}
