package dev.difyweave.backfill.source;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/** A half-open window {@code [from, to)} of Dify rows by {@code created_at} (naive UTC), with optional filters. */
public record SourceWindow(LocalDateTime from, LocalDateTime to, List<UUID> appIds, List<UUID> tenantIds) {

    public SourceWindow {
        appIds = List.copyOf(appIds);
        tenantIds = List.copyOf(tenantIds);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("empty window: from " + from + " is not before to " + to);
        }
    }
}
