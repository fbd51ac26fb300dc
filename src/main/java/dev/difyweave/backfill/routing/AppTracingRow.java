package dev.difyweave.backfill.routing;

import java.util.UUID;

/**
 * One app as {@code sql/dify/apps-weave-tracing.sql} reads it: its name, {@code apps.tracing} (JSON
 * text) and the first {@code trace_app_config} row for Weave ({@code configId} {@code null} when there
 * is none). {@code tracingConfig} holds the encrypted API key: it is parsed, never logged or stored.
 */
public record AppTracingRow(UUID appId, UUID tenantId, String name, String tracing, UUID configId,
        String tracingConfig) {

    @Override
    public String toString() {
        return "AppTracingRow[appId=" + appId + ", name=" + name + ", tracing=" + tracing + ", configId=" + configId
                + ", tracingConfig=" + (tracingConfig == null ? "null" : "(" + tracingConfig.length() + " chars)") + "]";
    }
}
