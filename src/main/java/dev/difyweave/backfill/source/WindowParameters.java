package dev.difyweave.backfill.source;

import java.util.HashMap;
import java.util.Map;

/** The parameters every keyset page query takes: window, filters, position, page size. */
final class WindowParameters {

    private WindowParameters() {
    }

    static Map<String, Object> of(SourceWindow window, Keyset after, int limit) {
        Map<String, Object> values = new HashMap<>();
        values.put("from", window.from());
        values.put("to", window.to());
        values.put("after_created_at", after.createdAt());
        values.put("after_id", after.id());
        values.put("app_ids", window.appIds());
        values.put("tenant_ids", window.tenantIds());
        values.put("limit", limit);
        return values;
    }
}
