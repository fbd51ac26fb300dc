package dev.difyweave.backfill.config;

import java.net.URI;

import dev.difyweave.backfill.weave.WeaveHostPolicy;

/**
 * Where calls go. {@link #toString()} never shows the API key. {@code serverUrlSet} tells whether
 * {@code WF_TRACE_SERVER_URL} was given (it then wins over a {@code host} of a Dify tracing config);
 * {@code difyKeys} is {@code BACKFILL_DIFY_KEYS}: each routed app's own API key is decrypted from Dify,
 * with its tenant's private key from Dify's storage ({@link BackfillSettings#storage()}). {@code allowedHosts} is
 * {@value WeaveHostPolicy#ALLOW_LIST} as given (checked when the settings are read): the servers other
 * than {@code serverUrl} that may get {@code WANDB_API_KEY} (see {@link WeaveHostPolicy}).
 */
public record WeaveSettings(URI serverUrl, String project, String apiKey, boolean serverUrlSet, boolean difyKeys,
        String allowedHosts) {

    public WeaveSettings(URI serverUrl, String project, String apiKey) {
        this(serverUrl, project, apiKey, false, false, null);
    }

    /** Which servers a Dify tracing config's {@code host} may send to, with which key. */
    public WeaveHostPolicy hostPolicy() {
        return WeaveHostPolicy.of(serverUrl, serverUrlSet, allowedHosts);
    }

    @Override
    public String toString() {
        return "WeaveSettings[serverUrl=" + serverUrl + ", project=" + project + ", apiKey=" + (apiKey == null ? "unset" : "***")
                + ", serverUrlSet=" + serverUrlSet + ", difyKeys=" + difyKeys + ", allowedHosts=" + allowedHosts + "]";
    }
}
