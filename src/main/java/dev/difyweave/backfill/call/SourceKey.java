package dev.difyweave.backfill.call;

import java.util.Objects;
import java.util.UUID;

/**
 * The Dify row a call or a trace comes from. It travels with the call into dead letters and the run
 * report, never to Weave; its text ({@code table:id}) is what {@code backfill_dead_letter.source_key}
 * stores and operators read.
 */
public record SourceKey(String table, UUID id) {

    public SourceKey {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
        return table + ":" + id;
    }
}
