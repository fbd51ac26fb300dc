package dev.difyweave.backfill.config;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where calls go. {@link #toString()} never shows the API key. {@code serverUrlSet} tells whether
 * {@code WF_TRACE_SERVER_URL} was given (it then wins over a {@code host} of a Dify tracing config);
 * {@code difyKeyStorage} is Dify's local storage root when {@code BACKFILL_DIFY_KEYS} asks for each
 * routed app's own API key (decrypted from Dify), else {@code null}.
 */
public record WeaveSettings(URI serverUrl, String project, String apiKey, boolean serverUrlSet, Path difyKeyStorage) {

    public WeaveSettings(URI serverUrl, String project, String apiKey) {
        this(serverUrl, project, apiKey, false, null);
    }

    @Override
    public String toString() {
        return "WeaveSettings[serverUrl=" + serverUrl + ", project=" + project + ", apiKey=" + (apiKey == null ? "unset" : "***")
                + ", serverUrlSet=" + serverUrlSet + ", difyKeyStorage=" + difyKeyStorage + "]";
    }
}
