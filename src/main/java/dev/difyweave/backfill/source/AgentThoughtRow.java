package dev.difyweave.backfill.source;

import java.time.LocalDateTime;
import java.util.UUID;

/** One {@code message_agent_thoughts} row: the tool names joined by {@code ;} and JSON keyed by tool name. */
public record AgentThoughtRow(
        UUID id,
        UUID messageId,
        int position,
        String tool,
        String toolInput,
        String observation,
        String toolMetaStr,
        LocalDateTime createdAt) {
}
