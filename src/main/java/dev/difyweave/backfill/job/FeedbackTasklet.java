package dev.difyweave.backfill.job;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.difyweave.backfill.call.WeaveFeedback;
import dev.difyweave.backfill.routing.ProjectRoutes;
import dev.difyweave.backfill.source.FeedbackSource;
import dev.difyweave.backfill.source.Keyset;
import dev.difyweave.backfill.source.RowRate;
import dev.difyweave.backfill.source.SourceWindow;
import dev.difyweave.backfill.state.FailureLedger;
import dev.difyweave.backfill.state.FeedbackLedger;
import dev.difyweave.backfill.state.PendingStore;
import dev.difyweave.backfill.trace.TraceProblem;

/**
 * The feedback step: one page of messages per call (and per transaction, with its checkpoint in the
 * step's execution context), in three phases:
 * <ol>
 * <li>{@code deleted} (a sync that sends to Weave): the ledger's messages, a page at a time; those with a
 * feedback whose Dify row is gone (or an annotation no longer linked) are recorded as pending, so the
 * next phase purges it.</li>
 * <li>{@code pending}: the messages of this pending scope whose feedback waits, from earlier runs or the
 * phase before.</li>
 * <li>{@code window}: the window's messages with feedback and, for a sync, the messages of any age whose
 * feedback was created or changed in the window: all in one page when there are at most a page of them (a
 * quiet sync, a short window), else found by walking every message with feedback in message id order.
 * Annotations without a message in the window are reported (a problem each) and counted as
 * {@code unlinked}.</li>
 * </ol>
 * A message may come up in more than one phase: bringing its feedback up to date twice does nothing the
 * second time. A kill anywhere repeats at most the page that was being written, which is harmless for
 * the same reason. The work of a page is {@link FeedbackPageWriter}'s. Pages with nothing to do (the
 * deletion phase, and a walk of the window phase) do not each cost a transaction of their own: one call
 * goes on through up to {@value #QUIET_PAGES} of them, and a kill repeats them.
 */
class FeedbackTasklet implements Tasklet {

    static final String PHASE = "feedback.phase";
    static final String AFTER_ID = "feedback.after.id";
    static final String AFTER_CREATED_AT = "feedback.after.created_at";

    enum Phase { DELETED, PENDING, WINDOW, DONE }

    /**
     * Pages without work looked at in one call (one transaction of the step): a quiet sync over 8,300
     * messages with feedback took 83 calls and 0.5-1.1 s, one page each.
     */
    static final int QUIET_PAGES = 50;

    /**
     * Messages looked at per query, in pages: the deletion phase asks about ten pages' worth at once, and so
     * does the window phase after a page without work (it sends feedback for at most a page of messages and
     * goes on from the last one it handled; a page with work first would read the rest again), so a quiet
     * sync's round trips are a tenth and a window dense with feedback reads each message once.
     */
    static final int LOOK_AHEAD_PAGES = 10;

    private final BackfillRequest request;
    private final FeedbackSource source;
    private final FeedbackLedger ledger;
    private final PendingStore pending;
    private final FailureLedger failures;
    private final FeedbackPageWriter writer;
    private final Function<StepExecution, ProjectRoutes> routing;
    private final boolean scansDeletions;
    private final int pageSize;
    private final RowRate rowRate;
    /** With {@code --tenant}: the apps of those workspaces, read once for the deletion scan. */
    private Set<UUID> appsOfTenants;

    FeedbackTasklet(BackfillRequest request, FeedbackSource source, FeedbackLedger ledger, PendingStore pending,
            FailureLedger failures, FeedbackPageWriter writer, Function<StepExecution, ProjectRoutes> routing,
            boolean scansDeletions, int pageSize, RowRate rowRate) {
        this.request = request;
        this.source = source;
        this.ledger = ledger;
        this.pending = pending;
        this.failures = failures;
        this.writer = writer;
        this.routing = routing;
        this.scansDeletions = scansDeletions;
        this.pageSize = pageSize;
        this.rowRate = rowRate;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        if (!request.feedback()) {
            return RepeatStatus.FINISHED;
        }
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        ExecutionContext context = step.getExecutionContext();
        Phase phase = Phase.valueOf(context.getString(PHASE, (scansDeletions ? Phase.DELETED : Phase.PENDING).name()));
        ProjectRoutes routes = routing.apply(step);
        switch (phase) {
            case DELETED -> deleted(context, routes);
            case PENDING -> pending(context, routes, step, contribution);
            case WINDOW -> window(context, routes, step, contribution);
            case DONE -> {
                return RepeatStatus.FINISHED;
            }
        }
        return context.containsKey(PHASE) && context.getString(PHASE).equals(Phase.DONE.name()) ? RepeatStatus.FINISHED
                : RepeatStatus.CONTINUABLE;
    }

    private void deleted(ExecutionContext context, ProjectRoutes routes) {
        for (int quiet = 0; quiet < QUIET_PAGES; quiet++) {
            List<FeedbackLedger.Entry> page = ledger.messagesAfter(afterId(context), pageSize * LOOK_AHEAD_PAGES);
            if (page.isEmpty()) {
                next(context, Phase.PENDING);
                return;
            }
            List<Keyset> gone = messagesWithFeedbackGone(page, routes);
            boolean work = !gone.isEmpty();
            if (work) {
                pending.record(request.pendingScope(), PendingStore.FEEDBACK, gone);
            }
            context.putString(AFTER_ID, page.get(page.size() - 1).messageId().toString());
            if (work) {
                return;
            }
        }
    }

    /** The messages of a page of the ledger (those this request answers for) whose sent feedback Dify deleted. */
    private List<Keyset> messagesWithFeedbackGone(List<FeedbackLedger.Entry> page, ProjectRoutes routes) {
        if (appsOfTenants == null && !request.tenantIds().isEmpty()) {
            appsOfTenants = source.appsOfTenants(request.tenantIds());
        }
        List<FeedbackLedger.Entry> ours = page.stream().filter(e -> inScope(e, routes)).toList();
        Set<UUID> ratings = source.existingFeedback(ids(ours, "message_feedbacks"));
        Set<UUID> annotations = source.existingAnnotations(ids(ours, "message_annotations"));
        Map<UUID, Keyset> gone = new HashMap<>();
        for (FeedbackLedger.Entry entry : ours) {
            Set<UUID> existing = entry.sourceTable().equals("message_feedbacks") ? ratings : annotations;
            if (!existing.contains(entry.sourceId())) {
                gone.put(entry.messageId(), new Keyset(entry.messageCreatedAt(), entry.messageId()));
            }
        }
        return new ArrayList<>(gone.values());
    }

    /** An entry this request answers for: its app in the filters, its project where the routing sends that app now. */
    private boolean inScope(FeedbackLedger.Entry entry, ProjectRoutes routes) {
        if (!request.appIds().isEmpty() && !request.appIds().contains(entry.appId())) {
            return false;
        }
        if (appsOfTenants != null && !appsOfTenants.contains(entry.appId())) {
            return false;
        }
        return FeedbackLedger.stored(routes.target(entry.appId()).projectId()).equals(entry.projectId());
    }

    private void pending(ExecutionContext context, ProjectRoutes routes, StepExecution step,
            StepContribution contribution) {
        Keyset after = context.containsKey(AFTER_ID)
                ? new Keyset(LocalDateTime.parse(context.getString(AFTER_CREATED_AT)), afterId(context))
                : Keyset.FIRST;
        List<Keyset> page = pending.pageAfter(request.pendingScope(), PendingStore.FEEDBACK, after, pageSize);
        if (page.isEmpty()) {
            unlinked(step);
            next(context, Phase.WINDOW);
            return;
        }
        write(page, routes, step, contribution);
        Keyset last = page.get(page.size() - 1);
        context.putString(AFTER_ID, last.id().toString());
        context.putString(AFTER_CREATED_AT, last.createdAt().toString());
    }

    private void window(ExecutionContext context, ProjectRoutes routes, StepExecution step,
            StepContribution contribution) {
        SourceWindow window = request.window();
        boolean changed = request.syncScope() != null;
        if (!context.containsKey(AFTER_ID)) {
            Optional<List<Keyset>> few = source.fewWanted(window, changed, pageSize);
            if (few.isPresent()) {
                if (!few.get().isEmpty()) {
                    write(few.get(), routes, step, contribution);
                }
                next(context, Phase.DONE);
                return;
            }
        }
        int lookAt = pageSize;
        for (int quiet = 0; quiet < QUIET_PAGES; quiet++) {
            FeedbackSource.MessagePage page = source.messagesAfter(window, changed, afterId(context), lookAt, pageSize);
            if (page.last() == null) {
                next(context, Phase.DONE);
                return;
            }
            boolean work = !page.wanted().isEmpty();
            if (work) {
                write(page.wanted(), routes, step, contribution);
            }
            context.putString(AFTER_ID, page.last().toString());
            if (work) {
                return;
            }
            lookAt = pageSize * LOOK_AHEAD_PAGES;
        }
    }

    private void write(List<Keyset> page, ProjectRoutes routes, StepExecution step, StepContribution contribution) {
        rowRate.acquire(page.size());
        long deadLetters = writer.write(page, routes, step.getJobExecutionId(), step.getStepName()).stream()
                .filter(c -> c.outcome().equals(FeedbackPageWriter.DEAD_LETTER)).mapToLong(FeedbackLedger.Count::count)
                .sum();
        for (int i = 0; i < page.size(); i++) {
            contribution.incrementReadCount(); // messages; the write count stays the traces' (run summary)
        }
        ExecutionContext context = step.getExecutionContext();
        context.putLong(FeedbackStepConfiguration.DEAD_LETTERS,
                context.getLong(FeedbackStepConfiguration.DEAD_LETTERS, 0L) + deadLetters);
    }

    /** The window's annotations without a message: a problem each, and counted; never sent. */
    private void unlinked(StepExecution step) {
        List<FeedbackSource.UnlinkedAnnotation> unlinked = source.unlinkedAnnotations(request.window());
        if (unlinked.isEmpty()) {
            return;
        }
        failures.problems(step.getJobExecutionId(), step.getStepName(), unlinked.stream()
                .map(a -> new TraceProblem("message_annotations", a.id().toString(), "message_id",
                        "annotation without a message: it belongs to no trace, not sent"))
                .toList());
        ledger.count(step.getJobExecutionId(), step.getStepName(),
                List.of(new FeedbackLedger.Count(WeaveFeedback.ANNOTATION, FeedbackPageWriter.UNLINKED, unlinked.size())));
    }

    private static void next(ExecutionContext context, Phase phase) {
        context.putString(PHASE, phase.name());
        context.remove(AFTER_ID);
        context.remove(AFTER_CREATED_AT);
    }

    private static UUID afterId(ExecutionContext context) {
        return context.containsKey(AFTER_ID) ? UUID.fromString(context.getString(AFTER_ID)) : FeedbackSource.FIRST;
    }

    private static List<UUID> ids(List<FeedbackLedger.Entry> entries, String table) {
        return entries.stream().filter(e -> e.sourceTable().equals(table)).map(FeedbackLedger.Entry::sourceId)
                .distinct().toList();
    }
}
