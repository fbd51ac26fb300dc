package dev.difyweave.backfill.weave;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which trace servers a Dify tracing config's {@code host} may send to (pure code). Two rules:
 *
 * <ol>
 *   <li><b>The operator's key stays home.</b> {@code WANDB_API_KEY} is only sent to the process's own
 *       server ({@code WF_TRACE_SERVER_URL}, default {@code https://trace.wandb.ai}) or to a server the
 *       allow-list names; a target on any other server needs its own key (decrypted from its Dify
 *       config with {@code BACKFILL_DIFY_KEYS}).</li>
 *   <li><b>No cleartext to the network.</b> A plain {@code http://} server is only used when its host
 *       is loopback ({@code 127.0.0.0/8}, {@code ::1}, {@code localhost}) or the allow-list names it.
 *       Loopback is exempt from this rule only, never from the first: on a shared machine another
 *       user may be listening on a local port.</li>
 * </ol>
 *
 * <p>The allow-list ({@code BACKFILL_ALLOWED_WEAVE_HOSTS}) is comma-separated entries. An origin
 * ({@code https://weave.example.com}, {@code http://10.0.0.5:8080}) matches exactly that scheme, host
 * and port (the scheme's default port when none is given). A bare host ({@code weave.example.com},
 * {@code localhost:8080}) matches that host on {@code https} and {@code http}, on the given port or,
 * without one, the scheme's default port. Host names compare case-insensitively; no wildcards,
 * no paths. A target that breaks a rule is refused at routing time: its calls are never sent.
 */
public final class WeaveHostPolicy {

    /** The setting that names the allowed servers. */
    public static final String ALLOW_LIST = "BACKFILL_ALLOWED_WEAVE_HOSTS";

    private record Entry(String scheme, String host, int port) {

        boolean matches(String scheme, String host, int port) {
            return (this.scheme == null || this.scheme.equals(scheme)) && this.host.equals(host)
                    && (this.port < 0 ? port == defaultPort(scheme) : this.port == port);
        }
    }

    private final URI processServer;
    private final boolean hostsIgnored;
    private final List<Entry> allowed;

    private WeaveHostPolicy(URI processServer, boolean hostsIgnored, List<Entry> allowed) {
        this.processServer = processServer;
        this.hostsIgnored = hostsIgnored;
        this.allowed = List.copyOf(allowed);
    }

    /**
     * @param processServer the process's own trace server
     * @param hostsIgnored  {@code WF_TRACE_SERVER_URL} is set: every {@code host} is ignored (as by the Weave SDK)
     * @param allowList     {@value #ALLOW_LIST}, {@code null} or blank for none
     * @throws IllegalArgumentException naming the entry that is neither a host nor an origin
     */
    public static WeaveHostPolicy of(URI processServer, boolean hostsIgnored, String allowList) {
        List<Entry> entries = new ArrayList<>();
        if (allowList != null) {
            for (String raw : allowList.split(",")) {
                if (!raw.isBlank()) {
                    entries.add(entry(raw.trim()));
                }
            }
        }
        return new WeaveHostPolicy(processServer, hostsIgnored, entries);
    }

    /** The process's server {@code https://trace.wandb.ai}, hosts used, nothing allowed besides. */
    public static WeaveHostPolicy defaults() {
        return of(WeaveServerUrls.SAAS, false, null);
    }

    public URI processServer() {
        return processServer;
    }

    /** Whether {@code WF_TRACE_SERVER_URL} is set, so that a config's {@code host} is ignored. */
    public boolean hostsIgnored() {
        return hostsIgnored;
    }

    /**
     * Why a target on {@code server} ({@code null}: the process's own) may not be sent to, or
     * {@code null} when it may.
     *
     * @param ownKey whether the target has its own API key (else it would carry {@code WANDB_API_KEY})
     */
    public String refusal(URI server, boolean ownKey) {
        if (server == null || sameOrigin(server, processServer)) {
            return null;
        }
        String scheme = server.getScheme().toLowerCase(Locale.ROOT);
        String host = host(server);
        int port = server.getPort() < 0 ? defaultPort(scheme) : server.getPort();
        boolean listed = allowed.stream().anyMatch(e -> e.matches(scheme, host, port));
        if ("http".equals(scheme) && !listed && !isLoopback(host)) {
            return "its Weave server " + server + " is plain http:// on a host that is not loopback; "
                    + "only a host named in " + ALLOW_LIST + " gets calls without TLS";
        }
        if (!ownKey && !listed) {
            return "its Weave server " + server + " is not this process's (" + processServer + "), and WANDB_API_KEY "
                    + "is only sent there; name the host in " + ALLOW_LIST + ", or send the app with its own key "
                    + "from Dify (BACKFILL_DIFY_KEYS=true)";
        }
        return null;
    }

    /** {@code localhost}, {@code 127.0.0.0/8} and {@code ::1}, by their literal form (no name lookup). */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.matches("127(\\.\\d{1,3}){3}")
                || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && host(a).equals(host(b))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() < 0 ? defaultPort(uri.getScheme().toLowerCase(Locale.ROOT)) : uri.getPort();
    }

    private static String host(URI uri) {
        return uri.getHost().toLowerCase(Locale.ROOT);
    }

    private static int defaultPort(String scheme) {
        return "http".equals(scheme) ? 80 : 443;
    }

    private static Entry entry(String raw) {
        boolean origin = raw.contains("://");
        String shown = raw.replaceAll("(^|//)[^/@]*@", "$1***@"); // never echo user info
        URI uri;
        try {
            uri = new URI(origin ? raw : "https://" + raw);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + shown + "' is not a host or an origin");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (uri.getHost() == null || !bare || uri.getRawQuery() != null || uri.getRawUserInfo() != null
                || !scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("'" + shown + "' is not a host or an origin (https://host[:port], "
                    + "http://host[:port] or host[:port], no path)");
        }
        return new Entry(origin ? scheme : null, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort());
    }
}
