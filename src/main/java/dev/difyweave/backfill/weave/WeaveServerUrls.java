package dev.difyweave.backfill.weave;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The trace server of a Dify Weave config's {@code host}, as the Weave SDK derives it (docs/reference/dify-source.md
 * §1.4): the host normalised to scheme and authority (as Dify's {@code WeaveConfig} does), then the
 * frontend base URL ({@code api.wandb} becomes {@code wandb}); {@code https://wandb.ai} is W&B SaaS with
 * the server {@code https://trace.wandb.ai}, any other base has its server at {@code <base>/traces}.
 * {@code WF_TRACE_SERVER_URL}, when set, wins over all of this (handled by the caller).
 */
public final class WeaveServerUrls {

    public static final URI SAAS = URI.create("https://trace.wandb.ai");

    private WeaveServerUrls() {
    }

    /** The server of {@code host}; throws {@link IllegalArgumentException} naming what is wrong. */
    public static URI forHost(String host) {
        URI uri;
        try {
            uri = new URI(host.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("host is not a URL");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("host must be an http(s) URL with a host name");
        }
        String base = scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        base = base.replace("api.wandb", "wandb");
        if (base.equals("https://wandb.ai")) {
            return SAAS;
        }
        return URI.create(base + "/traces");
    }
}
