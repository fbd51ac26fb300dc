package dev.difyweave.backfill.weave;

import java.net.URI;

/**
 * Where one group of calls goes: a Weave project ({@code entity/project}) on a trace server. A
 * {@code null} server is the process's own ({@code WF_TRACE_SERVER_URL} or {@code https://trace.wandb.ai});
 * a {@code null} key is the process's {@code WANDB_API_KEY}. The key never shows in {@link #toString()}.
 */
public record WeaveTarget(String projectId, URI serverUrl, ApiKey apiKey) {

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
        return projectId + (serverUrl == null ? "" : " on " + serverUrl) + (apiKey == null ? "" : " (app key)");
    }
}
