package dev.difyweave.backfill.weave;

import java.net.URI;

/**
 * Where one group of calls goes: a Weave project ({@code entity/project}) on a trace server. A
 * {@code null} server is the process's own ({@code WF_TRACE_SERVER_URL} or {@code https://trace.wandb.ai});
 * a {@code null} key is the process's {@code WANDB_API_KEY}. The key never shows in {@link #toString()}.
 * A target with a {@code refusal} is one the routing would not send to (e.g. a Dify config's host that
 * must not get the operator's key): its calls are recorded as not sent, with that reason, and no
 * delivery is ever made for it.
 */
public record WeaveTarget(String projectId, URI serverUrl, ApiKey apiKey, String refusal) {

    public WeaveTarget(String projectId, URI serverUrl, ApiKey apiKey) {
        this(projectId, serverUrl, apiKey, null);
    }

    /** The same project, server and key, refused for {@code reason}. */
    public WeaveTarget refused(String reason) {
        return new WeaveTarget(projectId, serverUrl, apiKey, java.util.Objects.requireNonNull(reason, "reason"));
    }

    public boolean isRefused() {
        return refusal != null;
    }

    /** A W&B API key that is not the environment's (decrypted from Dify); compared by value, never printed. */
    public static final class ApiKey {

        private final String value;

        public ApiKey(String value) {
            this.value = java.util.Objects.requireNonNull(value, "value");
        }

        public String value() {
            return value;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ApiKey k && k.value.equals(value);
        }

        @Override
        public int hashCode() {
            return value.hashCode();
        }

        @Override
        public String toString() {
            return "***";
        }
    }

    /** A project on the default server with the environment's key. */
    public static WeaveTarget of(String projectId) {
        return new WeaveTarget(projectId, null, null);
    }

    @Override
    public String toString() {
        return projectId + (serverUrl == null ? "" : " on " + serverUrl) + (apiKey == null ? "" : " (app key)")
                + (refusal == null ? "" : " (not sent: " + refusal + ")");
    }
}
