package dev.difyweave.backfill.storage;

/**
 * Read access to Dify's object storage: the full JSON of node payloads too large for the database
 * (Dify >= 1.9, {@code workflow_node_execution_offload} -> {@code upload_files.key}) and the tenants'
 * private keys ({@code privkeys/<tenant_id>/private.pem}). Implementations never log or expose
 * credentials.
 */
public interface PayloadStore extends AutoCloseable {

    /** The object stored under Dify's storage {@code key}, or why it cannot be had. */
    byte[] read(String key) throws PayloadUnavailableException;

    /**
     * Whether the storage answers at all (for the preflight): the directory exists, or the bucket takes
     * the credentials. A missing object is no failure here; what it cannot tell (a key the credentials
     * may not read) shows when the object is read.
     */
    default void check() throws PayloadUnavailableException {
    }

    /** Where objects are read from, for messages (never credentials). */
    String describe();

    /** Releases the storage's connections, if it holds any. */
    @Override
    default void close() {
    }
}
