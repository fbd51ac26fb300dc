package dev.difyweave.backfill.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Delivered calls per app and the Weave project they went to: what one chunk adds to
 * {@code backfill_app_calls}, and what the run report lists as "which app went where".
 */
public final class AppCalls {

    /** An app ({@code null} when not known) and its project. */
    public record Key(UUID appId, String projectId) {
    }

    private final Map<Key, Long> counts = new LinkedHashMap<>();
    private final Map<UUID, String> names = new LinkedHashMap<>();

    public void add(UUID appId, String appName, String projectId, long calls) {
        counts.merge(new Key(appId, projectId), calls, Long::sum);
        if (appId != null && appName != null) {
            names.putIfAbsent(appId, appName);
        }
    }

    public Map<Key, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    public String name(UUID appId) {
        return appId == null ? null : names.get(appId);
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }
}
