package dev.difyweave.backfill.source;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The parameters every keyset page query takes: window, filters, position, page size, and the two
 * switches that let one query serve three purposes: the rows ready to send ({@code ready = true}),
 * the rows it leaves for later ({@code ready = false}), and a given set of rows ({@code ids}). A root
 * is ready when Dify finished it, or when it was created before the window's {@code stale_before}.
 */
final class WindowParameters {

    /** Wide enough for any Dify row: used when rows are looked up by id. */
    private static final SourceWindow EVERYTHING = new SourceWindow(LocalDateTime.of(1970, 1, 1, 0, 0),
            LocalDateTime.of(9999, 1, 1, 0, 0), List.of(), List.of());

    private WindowParameters() {
    }

    static Map<String, Object> of(SourceWindow window, Keyset after, int limit) {
        return of(window, after, limit, true, List.of());
    }

    static Map<String, Object> unfinished(SourceWindow window, Keyset after, int limit) {
        return of(window, after, limit, false, List.of());
    }

    /** Those of {@code ids} that are ready, under the stale rule of {@code window}. */
    static Map<String, Object> readyAmong(SourceWindow window, Collection<UUID> ids) {
        Map<String, Object> values = of(EVERYTHING, Keyset.before(EVERYTHING.from()), Math.max(1, ids.size()), true, ids);
        values.put("stale_before", window.staleBeforeOrNever());
        return values;
    }

    private static Map<String, Object> of(SourceWindow window, Keyset after, int limit, boolean ready,
            Collection<UUID> ids) {
        Map<String, Object> values = new HashMap<>();
        values.put("from", window.from());
        values.put("to", window.to());
        values.put("after_created_at", after.createdAt());
        values.put("after_id", after.id());
        values.put("app_ids", window.appIds());
        values.put("tenant_ids", window.tenantIds());
        values.put("limit", limit);
        values.put("ready", ready);
        values.put("ids", ids);
        values.put("stale_before", window.staleBeforeOrNever());
        return values;
    }
}
