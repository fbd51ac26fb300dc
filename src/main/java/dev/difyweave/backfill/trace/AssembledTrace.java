package dev.difyweave.backfill.trace;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.difyweave.backfill.call.SourceKey;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.call.WeaveCall;
import dev.difyweave.backfill.source.TraceRoot;

/**
 * One root row turned into Weave calls (root first), with the problems found on the way. {@code kind},
 * {@code sourceKey} and {@code appId} are the root's: what it is, which Dify row, and which app (the
 * Weave project its calls go to with per-app routing; {@code null} when not known). {@code notes} name
 * facts the run report counts (e.g. suggested questions that cannot be reproduced); {@code
 * assemblyFailed} marks a root that produced nothing because its assembly broke.
 */
public record AssembledTrace(TraceKind kind, SourceKey sourceKey, UUID appId, List<WeaveCall> calls,
        List<TraceProblem> problems, Set<String> notes, boolean assemblyFailed) {

    public static final String SUGGESTED_QUESTIONS_NOT_REPRODUCIBLE = "suggested_questions_not_reproducible";
    /** A node payload Dify offloaded to its storage could not be read there: its truncated value was sent. */
    public static final String OFFLOADED_PAYLOAD_TRUNCATED = "offloaded_payload_truncated";

    public AssembledTrace {
        calls = List.copyOf(calls);
        problems = List.copyOf(problems);
        notes = Set.copyOf(notes);
    }

    /** The calls a mapper made of {@code root}. */
    public static AssembledTrace of(TraceKind kind, TraceRoot root, List<WeaveCall> calls, List<TraceProblem> problems,
            Set<String> notes) {
        return new AssembledTrace(kind, root.sourceKey(), root.appId(), calls, problems, notes, false);
    }

    /** The same trace with other calls (the same calls prepared for sending). */
    public AssembledTrace withCalls(List<WeaveCall> newCalls) {
        return new AssembledTrace(kind, sourceKey, appId, newCalls, problems, notes, assemblyFailed);
    }

    /** A root whose assembly broke: no call, and the problem saying why. */
    public static AssembledTrace failed(TraceKind kind, TraceRoot root, TraceProblem problem) {
        return new AssembledTrace(kind, root.sourceKey(), root.appId(), List.of(), List.of(problem), Set.of(), true);
    }
}
