package dev.difyweave.backfill.source;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A half-open window {@code [from, to)} of Dify rows by {@code created_at} (naive UTC), with optional
 * filters. {@code staleBefore}: a root created before it that is still unfinished in Dify (a run
 * {@code running}/{@code paused}, an answer never saved) counts as ready and is sent as it is (C15,
 * {@code --stale-after}); {@code null} when no root is ever stale.
 */
public record SourceWindow(LocalDateTime from, LocalDateTime to, List<UUID> appIds, List<UUID> tenantIds,
        LocalDateTime staleBefore) {

    /** Before any Dify row: what {@code stale_before} is when nothing is stale. */
    static final LocalDateTime NEVER_STALE = LocalDateTime.of(1970, 1, 1, 0, 0);

    public SourceWindow {
        appIds = List.copyOf(appIds);
        tenantIds = List.copyOf(tenantIds);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("empty window: from " + from + " is not before to " + to);
        }
    }

    /** A window in which no unfinished root is stale. */
    public SourceWindow(LocalDateTime from, LocalDateTime to, List<UUID> appIds, List<UUID> tenantIds) {
        this(from, to, appIds, tenantIds, null);
    }

    /** The same window over {@code [from, to)}: a partition of it. */
    public SourceWindow between(LocalDateTime from, LocalDateTime to) {
        return new SourceWindow(from, to, appIds, tenantIds, staleBefore);
    }

    LocalDateTime staleBeforeOrNever() {
        return staleBefore == null ? NEVER_STALE : staleBefore;
    }
}
