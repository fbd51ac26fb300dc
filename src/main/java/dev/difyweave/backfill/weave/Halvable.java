package dev.difyweave.backfill.weave;

import java.util.List;

/** A request's worth of items for one project that can be halved to find the items Weave refuses. */
interface Halvable<B extends Halvable<B>> {

    String projectId();

    int size();

    /** The first and the second half (for a batch of at least two items). */
    List<B> halves();
}
