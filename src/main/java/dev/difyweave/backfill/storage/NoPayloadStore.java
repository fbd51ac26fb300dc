package dev.difyweave.backfill.storage;

/** No storage configured: every offloaded payload stays truncated (and is reported as such). */
public final class NoPayloadStore implements PayloadStore {

    public static final NoPayloadStore INSTANCE = new NoPayloadStore();

    private NoPayloadStore() {
    }

    @Override
    public byte[] read(String key) throws PayloadUnavailableException {
        throw new PayloadUnavailableException("no Dify storage is configured (set DIFY_STORAGE_PATH or DIFY_STORAGE_S3_BUCKET)");
    }

    @Override
    public String describe() {
        return "no storage";
    }
}
