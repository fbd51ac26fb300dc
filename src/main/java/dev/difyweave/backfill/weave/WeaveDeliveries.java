package dev.difyweave.backfill.weave;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * One {@link WeaveDelivery} per distinct trace server (and API key): the process's own for targets on
 * the default server with the environment's key, others made on first use for a target whose Dify
 * tracing config names another {@code host} (or, with {@code BACKFILL_DIFY_KEYS}, its own key).
 */
public final class WeaveDeliveries implements AutoCloseable {

    private record Key(URI serverUrl, WeaveTarget.ApiKey apiKey) {
    }

    private final Supplier<WeaveDelivery> defaultDelivery;
    private final URI defaultServer;
    private final BiFunction<URI, String, WeaveDelivery> factory;
    private final Map<Key, WeaveDelivery> others = new ConcurrentHashMap<>();

    /**
     * @param factory makes a delivery for a server URL and an API key ({@code null}: the environment's)
     */
    public WeaveDeliveries(Supplier<WeaveDelivery> defaultDelivery, URI defaultServer,
            BiFunction<URI, String, WeaveDelivery> factory) {
        this.defaultDelivery = defaultDelivery;
        this.defaultServer = defaultServer;
        this.factory = factory;
    }

    /** Every target to the one delivery given. */
    public static WeaveDeliveries only(WeaveDelivery delivery) {
        return new WeaveDeliveries(() -> delivery, null, (url, key) -> delivery);
    }

    /** @throws IllegalStateException for a refused target: its calls must never be sent anywhere */
    public WeaveDelivery forTarget(WeaveTarget target) {
        if (target.isRefused()) {
            throw new IllegalStateException("refusing to send to " + target);
        }
        URI server = target.serverUrl() == null ? defaultServer : target.serverUrl();
        if (target.apiKey() == null && (target.serverUrl() == null || target.serverUrl().equals(defaultServer))) {
            return defaultDelivery.get();
        }
        return others.computeIfAbsent(new Key(server, target.apiKey()),
                k -> factory.apply(k.serverUrl(), k.apiKey() == null ? null : k.apiKey().value()));
    }

    /** How many deliveries besides the default one were made (one per distinct server and key). */
    public int extraDeliveries() {
        return others.size();
    }

    /** Closes the deliveries made here; the default one is its maker's to close. */
    @Override
    public void close() {
        others.values().forEach(WeaveDelivery::close);
    }
}
