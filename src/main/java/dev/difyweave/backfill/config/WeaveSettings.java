package dev.difyweave.backfill.config;

import java.net.URI;

/** Where calls go. {@link #toString()} never shows the API key. */
public record WeaveSettings(URI serverUrl, String project, String apiKey) {

    @Override
    public String toString() {
        return "WeaveSettings[serverUrl=" + serverUrl + ", project=" + project + ", apiKey=" + (apiKey == null ? "unset" : "***") + "]";
    }
}
