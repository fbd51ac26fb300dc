package dev.difyweave.backfill.call;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * The Dify tables a trace starts from, each read by one step of the backfill job: workflow runs
 * (workflow-mode apps), messages (chat apps and chatflows) and conversations (their generated names).
 */
public enum RootKind {

    WORKFLOW_RUNS("workflow_runs", "workflowTraces"),
    MESSAGES("messages", "messageTraces"),
    CONVERSATIONS("conversations", "conversationNames");

    private final String table;
    private final String step;

    RootKind(String table, String step) {
        this.table = table;
        this.step = step;
    }

    /** The Dify table of the roots. */
    public String table() {
        return table;
    }

    /** The name of the job's step that reads these roots. */
    public String step() {
        return step;
    }

    /** The key of the root row {@code id} of this table. */
    public SourceKey key(UUID id) {
        return new SourceKey(table, id);
    }

    /** The kinds whose calls this root's step makes. */
    public Set<TraceKind> kinds() {
        Set<TraceKind> kinds = EnumSet.noneOf(TraceKind.class);
        for (TraceKind kind : TraceKind.values()) {
            if (kind.roots().contains(this)) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /** Whether this root's step has anything to do for {@code kinds}. */
    public boolean serves(Collection<TraceKind> kinds) {
        return kinds.stream().anyMatch(kind -> kind.roots().contains(this));
    }
}
