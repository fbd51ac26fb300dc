package dev.difyweave.backfill.source;

import java.util.UUID;

/** One {@code message_files} row. {@code url} is NULL for local uploads ({@code upload_file_id} then). */
public record MessageFileRow(UUID id, UUID messageId, String type, String transferMethod, String url,
        UUID uploadFileId, String belongsTo) {
}
