package dev.difyweave.backfill.storage;

/**
 * Read access to Dify's object storage, where Dify (>= 1.9) keeps the full JSON of node payloads too
 * large for the database ({@code workflow_node_execution_offload} -> {@code upload_files.key}).
 * Implementations never log or expose credentials.
 */
public interface PayloadStore {

    /** The object stored under Dify's storage {@code key}, or why it cannot be had. */
    byte[] read(String key) throws PayloadUnavailableException;

    /** Where objects are read from, for messages (never credentials). */
    String describe();
}
