package dev.difyweave.backfill.source;

import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Pages over a sync scope's pending roots (from the state store), handing out those that are
 * finished now, loaded from Dify with their children; the others stay pending.
 */
public final class PendingPageSource<T> implements PageSource<T> {

    /** Pages of pending keys of one kind, from the state store. */
    public interface PendingKeys extends BiFunction<Keyset, Integer, List<Keyset>> {
    }

    private final PendingKeys pending;
    private final RootLoader<T> loader;
    private final PageSource<T> keys;

    public PendingPageSource(PendingKeys pending, RootLoader<T> loader, PageSource<T> keys) {
        this.pending = pending;
        this.loader = loader;
        this.keys = keys;
    }

    @Override
    public Page<T> pageAfter(Keyset after, int limit) {
        List<Keyset> page = pending.apply(after, limit);
        if (page.isEmpty()) {
            return Page.empty();
        }
        List<T> ready = loader.readyAmong(page.stream().map(Keyset::id).toList()).stream()
                .sorted(Comparator.comparing(keys::keyOf, Keyset.ORDER))
                .toList();
        return new Page<>(ready, page.get(page.size() - 1), page.size());
    }

    @Override
    public Keyset keyOf(T item) {
        return keys.keyOf(item);
    }
}
