package dev.difyweave.backfill.weave;

import dev.difyweave.backfill.call.WeaveCall;
import java.util.List;

/** Where assembled calls go: Weave, an export file, both, or nowhere (dry run). */
public interface TraceSink extends AutoCloseable {

    /** Returns only when every call is stored or reported back as a dead letter. */
    List<DeadLetter> write(String projectId, List<WeaveCall> calls);

    /** The calls of one target (per-app routing): sinks that only know projects write to its project. */
    default List<DeadLetter> write(WeaveTarget target, List<WeaveCall> calls) {
        return write(target.projectId(), calls);
    }

    @Override
    default void close() {
    }
}
