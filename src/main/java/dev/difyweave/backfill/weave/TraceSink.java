package dev.difyweave.backfill.weave;

import java.util.List;

/** Where assembled calls go: Weave, an export file, both, or nowhere (dry run). */
public interface TraceSink extends AutoCloseable {

    /** Returns only when every call is stored or reported back as a dead letter. */
    List<DeadLetter> write(String projectId, List<WeaveCall> calls);

    @Override
    default void close() {
    }
}
