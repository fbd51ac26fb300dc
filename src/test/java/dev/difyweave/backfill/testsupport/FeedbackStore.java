package dev.difyweave.backfill.testsupport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * The fake's feedback table. Like Weave's, it keeps every create as its own row, even when a client-chosen
 * id repeats (Weave's background merge is not modelled: queries see every row); a purge removes every row
 * of the ids it names. Thread-safe; a batch is stored all at once.
 */
final class FeedbackStore {

    private final List<StoredFeedback> rows = new ArrayList<>();

    synchronized void add(Collection<StoredFeedback> batch) {
        rows.addAll(batch);
    }

    /** Rows of the project that {@code where} accepts, in insertion order. */
    synchronized List<StoredFeedback> select(String projectId, Predicate<StoredFeedback> where) {
        return rows.stream().filter(row -> row.projectId().equals(projectId) && where.test(row)).toList();
    }

    /** Removes every row of the project with one of these ids; how many rows went. */
    synchronized int purge(String projectId, Collection<String> ids) {
        List<StoredFeedback> gone = new ArrayList<>(select(projectId, row -> ids.contains(row.id())));
        rows.removeAll(gone);
        return gone.size();
    }

    synchronized void clear() {
        rows.clear();
    }
}
