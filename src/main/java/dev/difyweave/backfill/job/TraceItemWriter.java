package dev.difyweave.backfill.job;

import dev.difyweave.backfill.state.FailureLedger;
import dev.difyweave.backfill.state.PendingStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemWriter;

import dev.difyweave.backfill.state.DailyCalls;
import dev.difyweave.backfill.routing.ProjectRoutes;
import dev.difyweave.backfill.trace.AssembledTrace;
import dev.difyweave.backfill.trace.TraceProblem;
import dev.difyweave.backfill.call.CallSanitizer;
import dev.difyweave.backfill.call.ContentMode;
import dev.difyweave.backfill.call.ContentPolicy;
import dev.difyweave.backfill.weave.DeadLetter;
import dev.difyweave.backfill.weave.TraceSink;
import dev.difyweave.backfill.call.WeaveCall;
import dev.difyweave.backfill.weave.WeaveTarget;

/**
 * Writes a chunk of assembled traces. Each trace is first {@linkplain #prepare prepared} as soon as it is
 * assembled (the step runs this in its processor, after the mapper): the content mode applied to each call,
 * the call made safe to send (C13, C14), serialised once for its Weave target and released of its inputs
 * and output, so that a chunk holds bytes rather than value trees until it is written. Writing hands the
 * calls of the chunk to the sink, one group per Weave target of their apps' routing, and
 * records dead letters, problems and the delivered calls per kind and UTC day
 * ({@code backfill_daily_calls}) in the chunk's transaction. It returns only when the sink accepted or
 * dead-lettered every call, so the reader's checkpoint, saved right after, never runs ahead of Weave.
 * The step context counters are raised only once everything else of the chunk succeeded, so a chunk
 * that fails (and is sent again after a restart) is not counted twice.
 */
public class TraceItemWriter implements ItemWriter<AssembledTrace>, StepExecutionListener {

    public static final String CALLS = "backfill.calls";
    public static final String DEAD_LETTERS = "backfill.dead_letters";
    /** Of the dead letters, the calls never sent because the routing refused their target. */
    public static final String NOT_SENT = "backfill.not_sent";
    /** Of the dead letters, the roots whose trace could not be assembled (one "unsent" row each, no call). */
    public static final String UNASSEMBLED = "backfill.unassembled";
    public static final String PROBLEMS = "backfill.problems";
    /** Delivered calls with a non-empty {@code attributes.backfill.approximated}. */
    public static final String APPROXIMATED = "backfill.approximated_calls";
    public static final String NOTE_PREFIX = "backfill.note.";

    private final TraceSink sink;
    private final CallSanitizer sanitizer;
    private final FailureLedger ledger;
    private final Function<StepExecution, ProjectRoutes> routing;
    private final PendingResolution pending;
    private final ContentPolicy content;
    private StepExecution stepExecution;
    private ProjectRoutes routes;

    /** For the steps that send a sync's pending roots: written roots stop being pending, in the same transaction. */
    public record PendingResolution(PendingStore store, String scope, String kind) {
    }

    public TraceItemWriter(TraceSink sink, CallSanitizer sanitizer, FailureLedger ledger, String projectId,
            PendingResolution pending) {
        this(sink, sanitizer, ledger, step -> ProjectRoutes.single(WeaveTarget.of(projectId)), pending,
                new ContentPolicy(ContentMode.KEEP));
    }

    /**
     * @param routing the routing table of the step's job execution (loaded once per execution)
     * @param content what of the rows' content is sent ({@code --content})
     */
    public TraceItemWriter(TraceSink sink, CallSanitizer sanitizer, FailureLedger ledger,
            Function<StepExecution, ProjectRoutes> routing, PendingResolution pending, ContentPolicy content) {
        this.content = content;
        this.sink = sink;
        this.sanitizer = sanitizer;
        this.ledger = ledger;
        this.routing = routing;
        this.pending = pending;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.stepExecution = stepExecution;
        this.routes = routing.apply(stepExecution);
    }

    /**
     * The trace as the chunk keeps it: every call with the content mode applied, sanitized and encoded for
     * the Weave target of the trace's app, and released ({@link WeaveCall#released()}).
     */
    public AssembledTrace prepare(AssembledTrace trace) {
        if (trace.assemblyFailed()) {
            return trace;
        }
        String projectId = routes.target(trace.appId()).projectId();
        List<WeaveCall> prepared = new ArrayList<>(trace.calls().size());
        for (WeaveCall call : trace.calls()) {
            prepared.add(sanitizer.sanitize(content.apply(call), projectId).released());
        }
        return trace.withCalls(prepared);
    }

    /** Sends the chunk's prepared traces ({@link #prepare}) and records, in the chunk's transaction, what became of them. */
    @Override
    public void write(Chunk<? extends AssembledTrace> chunk) {
        RoutedChunk calls = new RoutedChunk(routes);
        List<TraceProblem> problems = new ArrayList<>();
        Map<String, Long> counters = new LinkedHashMap<>();
        long jobExecutionId = stepExecution.getJobExecutionId();
        String step = stepExecution.getStepName();
        for (AssembledTrace trace : chunk) {
            WeaveTarget target = routes.target(trace.appId());
            if (trace.assemblyFailed()) {
                ledger.unsent(jobExecutionId, step, target.projectId(), trace.sourceKey(),
                        trace.problems().get(0).reason());
                counters.merge(DEAD_LETTERS, 1L, Long::sum);
                counters.merge(UNASSEMBLED, 1L, Long::sum);
                continue;
            }
            trace.notes().forEach(note -> counters.merge(NOTE_PREFIX + note, 1L, Long::sum));
            for (WeaveCall call : trace.calls()) {
                calls.add(target, trace.appId(), call);
            }
            problems.addAll(trace.problems());
        }
        RoutedChunk.Sent sent = calls.send(sink, (projectId, deadLetters) ->
                ledger.deadLetters(jobExecutionId, step, projectId, deadLetters));
        List<DeadLetter> deadLetters = sent.deadLetters();
        DailyCalls delivered = sent.daily();
        ledger.problems(jobExecutionId, step, problems);
        ledger.dailyCalls(jobExecutionId, step, delivered);
        ledger.appCalls(jobExecutionId, step, sent.apps());
        if (pending != null) {
            List<UUID> resolved = new ArrayList<>();
            for (AssembledTrace trace : chunk) {
                resolved.add(trace.sourceKey().id());
            }
            pending.store().resolved(pending.scope(), pending.kind(), resolved);
        }
        counters.merge(CALLS, (long) calls.size() - deadLetters.size(), Long::sum);
        counters.merge(DEAD_LETTERS, (long) deadLetters.size(), Long::sum);
        counters.merge(NOT_SENT, (long) sent.notSent(), Long::sum);
        counters.merge(PROBLEMS, (long) problems.size(), Long::sum);
        counters.merge(APPROXIMATED, delivered.approximated(), Long::sum);
        counters.forEach(this::add);
    }

    private void add(String key, long delta) {
        ExecutionContext context = stepExecution.getExecutionContext();
        context.putLong(key, context.getLong(key, 0L) + delta);
    }
}
