package dev.difyweave.backfill.source;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** What a sync needs beyond pages: the roots a window left for later, and re-checking them by id. */
public interface RootLoader<T> {

    /** Keys of the rows of the window not ready to send yet (running, paused, unsaved), in key order. */
    List<Keyset> unfinishedAfter(Keyset after, int limit);

    /** Those of the given rows that are ready now, with their children. */
    List<T> readyAmong(Collection<UUID> ids);
}
