package dev.difyweave.backfill.config;

import java.net.URI;

/**
 * Where calls go. {@link #toString()} never shows the API key. {@code serverUrlSet} tells whether
 * {@code WF_TRACE_SERVER_URL} was given (it then wins over a {@code host} of a Dify tracing config).
 */
public record WeaveSettings(URI serverUrl, String project, String apiKey, boolean serverUrlSet) {

    public WeaveSettings(URI serverUrl, String project, String apiKey) {
        this(serverUrl, project, apiKey, false);
    }

    @Override
    public String toString() {
        return "WeaveSettings[serverUrl=" + serverUrl + ", project=" + project + ", apiKey=" + (apiKey == null ? "unset" : "***")
                + ", serverUrlSet=" + serverUrlSet + "]";
    }
}
