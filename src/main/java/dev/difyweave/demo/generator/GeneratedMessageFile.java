package dev.difyweave.demo.generator;

import java.util.UUID;

/**
 * A {@code message_files} row. {@code url} is null for {@code local_file} (then
 * {@code uploadFileId} is an {@code upload_files} row); {@code tool_file} rows have a relative
 * {@code /files/tools/...} url and the {@code tool_files} id as {@code uploadFileId}.
 */
public record GeneratedMessageFile(UUID id, String type, String transferMethod, String url, UUID uploadFileId,
                                   String belongsTo) {
}
