package dev.difyweave.backfill.source;

/**
 * One {@code workflow_node_execution_offload} row of a node execution: {@code type} is Dify's
 * {@code ExecutionOffLoadType} ({@code inputs}, {@code process_data}, {@code outputs}), {@code key}
 * its {@code upload_files.key}. {@code unreadReason} is null when the full JSON was read from storage,
 * otherwise why not (the column then keeps Dify's truncated value).
 */
public record OffloadedPayload(String type, String key, String unreadReason) {

    public static final String INPUTS = "inputs";
    public static final String PROCESS_DATA = "process_data";
    public static final String OUTPUTS = "outputs";

    public boolean read() {
        return unreadReason == null;
    }
}
