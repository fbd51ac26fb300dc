package dev.difyweave.backfill.trace;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.difyweave.backfill.call.WeaveCall;

/**
 * One root row turned into Weave calls (root first), with the problems found on the way. {@code
 * notes} name facts the run report counts (e.g. suggested questions that cannot be reproduced);
 * {@code assemblyFailed} marks a root that produced nothing because its assembly broke; {@code appId}
 * is the Dify app of the root (which Weave project it goes to with per-app routing), {@code null} when
 * not known.
 */
public record AssembledTrace(String kind, String sourceKey, List<WeaveCall> calls, List<TraceProblem> problems,
        Set<String> notes, boolean assemblyFailed, UUID appId) {

    public static final String SUGGESTED_QUESTIONS_NOT_REPRODUCIBLE = "suggested_questions_not_reproducible";
    /** A node payload Dify offloaded to its storage could not be read there: its truncated value was sent. */
    public static final String OFFLOADED_PAYLOAD_TRUNCATED = "offloaded_payload_truncated";

    public AssembledTrace {
        calls = List.copyOf(calls);
        problems = List.copyOf(problems);
        notes = Set.copyOf(notes);
    }

    public AssembledTrace(String kind, String sourceKey, List<WeaveCall> calls, List<TraceProblem> problems,
            Set<String> notes, boolean assemblyFailed) {
        this(kind, sourceKey, calls, problems, notes, assemblyFailed, null);
    }

    public AssembledTrace(String kind, String sourceKey, List<WeaveCall> calls, List<TraceProblem> problems) {
        this(kind, sourceKey, calls, problems, Set.of(), false, null);
    }

    /** This trace as coming from the app {@code appId}. */
    public AssembledTrace withAppId(UUID appId) {
        return new AssembledTrace(kind, sourceKey, calls, problems, notes, assemblyFailed, appId);
    }

    public static AssembledTrace failed(String kind, String sourceKey, TraceProblem problem) {
        return new AssembledTrace(kind, sourceKey, List.of(), List.of(problem), Set.of(), true);
    }
}
