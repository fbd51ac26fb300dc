package dev.difyweave.backfill.source;

import java.util.List;
import java.util.function.Function;

/** Keyset pages of root items, each page with its children already loaded. */
public interface PageSource<T> {

    Page<T> pageAfter(Keyset after, int limit);

    Keyset keyOf(T item);

    /**
     * One page: the items to hand out, the key of the last row looked at ({@code null} when none was),
     * and how many rows were looked at (a page may hand out fewer, e.g. pending rows still unfinished).
     */
    record Page<T>(List<T> items, Keyset last, int scanned) {

        public static <T> Page<T> of(List<T> items, Function<T, Keyset> key) {
            return new Page<>(items, items.isEmpty() ? null : key.apply(items.get(items.size() - 1)), items.size());
        }

        public static <T> Page<T> empty() {
            return new Page<>(List.of(), null, 0);
        }
    }

    static <T> PageSource<T> nothing() {
        return new PageSource<>() {
            @Override
            public Page<T> pageAfter(Keyset after, int limit) {
                return Page.empty();
            }

            @Override
            public Keyset keyOf(T item) {
                throw new IllegalStateException("an empty source has no items");
            }
        };
    }
}
