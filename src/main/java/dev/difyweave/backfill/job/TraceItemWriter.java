package dev.difyweave.backfill.job;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemWriter;

import dev.difyweave.backfill.trace.AssembledTrace;
import dev.difyweave.backfill.trace.TraceProblem;
import dev.difyweave.backfill.weave.CallSanitizer;
import dev.difyweave.backfill.weave.DeadLetter;
import dev.difyweave.backfill.weave.TraceSink;
import dev.difyweave.backfill.weave.WeaveCall;

/**
 * Writes a chunk of assembled traces: makes each call safe to send (C13, C14), hands all calls of the
 * chunk to the sink, and records dead letters and problems in the chunk's transaction. It returns only
 * when the sink accepted or dead-lettered every call, so the reader's checkpoint, saved right after,
 * never runs ahead of Weave.
 */
public class TraceItemWriter implements ItemWriter<AssembledTrace>, StepExecutionListener {

    public static final String CALLS = "backfill.calls";
    public static final String DEAD_LETTERS = "backfill.dead_letters";
    public static final String PROBLEMS = "backfill.problems";
    public static final String NOTE_PREFIX = "backfill.note.";

    private final TraceSink sink;
    private final CallSanitizer sanitizer;
    private final FailureLedger ledger;
    private final String projectId;
    private final PendingResolution pending;
    private StepExecution stepExecution;

    /** For the steps that send a sync's pending roots: written roots stop being pending, in the same transaction. */
    public record PendingResolution(PendingStore store, String scope, String kind) {
    }

    public TraceItemWriter(TraceSink sink, CallSanitizer sanitizer, FailureLedger ledger, String projectId,
            PendingResolution pending) {
        this.sink = sink;
        this.sanitizer = sanitizer;
        this.ledger = ledger;
        this.projectId = projectId;
        this.pending = pending;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.stepExecution = stepExecution;
    }

    @Override
    public void write(Chunk<? extends AssembledTrace> chunk) {
        List<WeaveCall> calls = new ArrayList<>();
        List<TraceProblem> problems = new ArrayList<>();
        long jobExecutionId = stepExecution.getJobExecutionId();
        String step = stepExecution.getStepName();
        for (AssembledTrace trace : chunk) {
            if (trace.assemblyFailed()) {
                ledger.unsent(jobExecutionId, step, projectId, trace.sourceKey(), trace.problems().get(0).reason());
                add(DEAD_LETTERS, 1);
                continue;
            }
            trace.notes().forEach(note -> add(NOTE_PREFIX + note, 1));
            for (WeaveCall call : trace.calls()) {
                calls.add(sanitizer.sanitize(call));
            }
            problems.addAll(trace.problems());
        }
        List<DeadLetter> deadLetters = calls.isEmpty() ? List.of() : sink.write(projectId, calls);
        ledger.deadLetters(jobExecutionId, step, projectId, deadLetters);
        ledger.problems(jobExecutionId, step, problems);
        add(CALLS, calls.size() - deadLetters.size());
        add(DEAD_LETTERS, deadLetters.size());
        add(PROBLEMS, problems.size());
        if (pending != null) {
            List<UUID> resolved = new ArrayList<>();
            for (AssembledTrace trace : chunk) {
                resolved.add(UUID.fromString(trace.sourceKey().substring(trace.sourceKey().indexOf(':') + 1)));
            }
            pending.store().resolved(pending.scope(), pending.kind(), resolved);
        }
    }

    private void add(String key, long delta) {
        ExecutionContext context = stepExecution.getExecutionContext();
        context.putLong(key, context.getLong(key, 0L) + delta);
    }
}
