package dev.difyweave.backfill.trace;

import java.util.List;

import dev.difyweave.backfill.weave.WeaveCall;

/** One root row turned into Weave calls (root first), with the problems found on the way. */
public record AssembledTrace(String kind, String sourceKey, List<WeaveCall> calls, List<TraceProblem> problems) {

    public AssembledTrace {
        calls = List.copyOf(calls);
        problems = List.copyOf(problems);
    }
}
