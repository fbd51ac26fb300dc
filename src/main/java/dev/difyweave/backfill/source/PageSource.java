package dev.difyweave.backfill.source;

import java.util.List;

/** Keyset pages of root items, each page with its children already loaded. */
public interface PageSource<T> {

    List<T> pageAfter(Keyset after, int limit);

    Keyset keyOf(T item);
}
