package dev.difyweave.backfill.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.transaction.support.TransactionOperations;

import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.call.WeaveFeedback;
import dev.difyweave.backfill.routing.ProjectRoutes;
import dev.difyweave.backfill.source.AnnotationRow;
import dev.difyweave.backfill.source.FeedbackRow;
import dev.difyweave.backfill.source.FeedbackSource;
import dev.difyweave.backfill.source.Keyset;
import dev.difyweave.backfill.state.FailureLedger;
import dev.difyweave.backfill.state.FeedbackLedger;
import dev.difyweave.backfill.state.PendingStore;
import dev.difyweave.backfill.trace.FeedbackMapper;
import dev.difyweave.backfill.trace.FeedbackMapping;
import dev.difyweave.backfill.weave.FeedbackDeadLetter;
import dev.difyweave.backfill.weave.FeedbackOutcome;
import dev.difyweave.backfill.weave.WeaveTarget;

/**
 * Brings the Weave feedback of a page of messages up to date with Dify: reads their ratings and
 * annotations, maps them ({@link FeedbackMapper}), and, per Weave target of their apps:
 * <ol>
 * <li>asks Weave which of the messages' calls it holds; the feedback of a message whose call is not
 * there yet waits ({@code backfill_pending}, kind {@code feedback}) for a later run;</li>
 * <li>records the current feedback ids in the ledger and commits them <em>before</em> sending (so an
 * id that may reach Weave is always known, whatever happens next);</li>
 * <li>delivers: the current feedback once each, and every ledger id of these messages that is no longer
 * current (a changed or deleted Dify row) purged;</li>
 * <li>forgets the retired ids, records dead letters, problems and counts, and resolves the messages'
 * pending rows, in the step's transaction, which commits with the checkpoint.</li>
 * </ol>
 * A target the routing refused gets nothing: its feedback are dead letters with status 0.
 */
final class FeedbackPageWriter {

    static final String CREATED = "created";
    static final String EXPORTED = "exported";
    static final String WOULD_SEND = "would_send";
    static final String REPLACED = "replaced";
    static final String PURGED = "purged";
    static final String REPAIRED = "repaired";
    static final String DEAD_LETTER = "dead_letter";
    static final String WAITING = "waiting";
    static final String UNLINKED = "unlinked";

    private final FeedbackSource source;
    private final FeedbackMapper mapper;
    private final FeedbackLedger ledger;
    private final FailureLedger failures;
    private final PendingStore pending;
    private final String pendingScope;
    private final FeedbackSender sender;
    private final TransactionOperations newTransaction;

    /** @param newTransaction runs its work in a transaction of its own, committed when it returns */
    FeedbackPageWriter(FeedbackSource source, FeedbackMapper mapper, FeedbackLedger ledger, FailureLedger failures,
            PendingStore pending, String pendingScope, FeedbackSender sender, TransactionOperations newTransaction) {
        this.source = source;
        this.mapper = mapper;
        this.ledger = ledger;
        this.failures = failures;
        this.pending = pending;
        this.pendingScope = pendingScope;
        this.sender = sender;
        this.newTransaction = newTransaction;
    }

    /** The messages of one target, with their current feedback and the ledger's entries for them there. */
    private static final class TargetPage {
        final Map<UUID, Keyset> messages = new LinkedHashMap<>();
        final Map<String, UUID> messageOfCall = new HashMap<>();
        final Map<UUID, UUID> appOfMessage = new HashMap<>();
        final List<WeaveFeedback> current = new ArrayList<>();
        final List<FeedbackLedger.Entry> recorded = new ArrayList<>();
    }

    /** Brings these messages' feedback up to date; returns what it did per feedback type and outcome. */
    List<FeedbackLedger.Count> write(List<Keyset> messages, ProjectRoutes routes, long jobExecutionId, String step) {
        List<UUID> ids = messages.stream().map(Keyset::id).toList();
        List<FeedbackRow> ratings = source.feedbackOf(ids);
        List<AnnotationRow> annotations = source.annotationsOf(ids);
        FeedbackMapping mapping = mapper.map(ratings, annotations, app -> routes.target(app).projectId());
        List<FeedbackLedger.Entry> recorded = sender.sends() ? ledger.ofMessages(ids) : List.of();

        Map<UUID, UUID> appOfMessage = new HashMap<>();
        recorded.forEach(e -> appOfMessage.put(e.messageId(), e.appId()));
        ratings.forEach(r -> appOfMessage.put(r.messageId(), r.appId()));
        annotations.forEach(a -> appOfMessage.put(a.messageId(), a.appId()));

        Map<WeaveTarget, TargetPage> pages = new LinkedHashMap<>();
        for (Keyset message : messages) {
            UUID app = appOfMessage.get(message.id());
            TargetPage page = pages.computeIfAbsent(routes.target(app), t -> new TargetPage());
            page.messages.put(message.id(), message);
            page.messageOfCall.put(CallIds.message(message.id()), message.id());
            page.appOfMessage.put(message.id(), app);
        }
        for (WeaveFeedback feedback : mapping.feedback()) {
            pages.values().stream().filter(p -> p.messageOfCall.containsKey(feedback.callId())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("feedback " + feedback.sourceKey()
                            + " is for a message not on the page"))
                    .current.add(feedback);
        }
        for (FeedbackLedger.Entry entry : recorded) {
            WeaveTarget target = routes.target(entry.appId());
            if (FeedbackLedger.stored(target.projectId()).equals(entry.projectId()) && pages.containsKey(target)) {
                pages.get(target).recorded.add(entry);
            }
        }

        Counts counts = new Counts();
        List<UUID> resolved = new ArrayList<>();
        for (Map.Entry<WeaveTarget, TargetPage> page : pages.entrySet()) {
            resolved.addAll(write(page.getKey(), page.getValue(), messages, counts, jobExecutionId, step));
        }
        pending.resolved(pendingScope, PendingStore.FEEDBACK, resolved);
        failures.problems(jobExecutionId, step, mapping.problems());
        List<FeedbackLedger.Count> done = counts.list();
        ledger.count(jobExecutionId, step, done);
        return done;
    }

    /** One target's part of the page; returns the messages whose feedback is up to date there. */
    private List<UUID> write(WeaveTarget target, TargetPage page, List<Keyset> messages, Counts counts,
            long jobExecutionId, String step) {
        if (target.isRefused()) {
            List<FeedbackDeadLetter> refused = page.current.stream()
                    .map(f -> new FeedbackDeadLetter(f, 0, target.refusal())).toList();
            failures.feedbackDeadLetters(jobExecutionId, step, target.projectId(), refused);
            refused.forEach(d -> counts.add(d.feedback().feedbackType(), DEAD_LETTER));
            return List.copyOf(page.messages.keySet());
        }
        Set<UUID> waiting = waiting(target, page);
        if (!waiting.isEmpty()) {
            pending.record(pendingScope, PendingStore.FEEDBACK,
                    messages.stream().filter(m -> waiting.contains(m.id())).toList());
            page.current.stream().filter(f -> waiting.contains(page.messageOfCall.get(f.callId())))
                    .forEach(f -> counts.add(f.feedbackType(), WAITING));
        }
        List<WeaveFeedback> current = page.current.stream()
                .filter(f -> !waiting.contains(page.messageOfCall.get(f.callId()))).toList();
        Set<String> currentIds = new HashSet<>();
        current.forEach(f -> currentIds.add(f.id()));
        List<FeedbackLedger.Entry> retired = page.recorded.stream()
                .filter(e -> !waiting.contains(e.messageId()) && !currentIds.contains(e.feedbackId())).toList();

        if (sender.sends()) {
            List<FeedbackLedger.Entry> toRecord = current.stream().map(f -> entry(f, page)).toList();
            newTransaction.executeWithoutResult(status -> ledger.record(toRecord));
        }
        FeedbackOutcome outcome = sender.deliver(target, current,
                retired.stream().map(FeedbackLedger.Entry::feedbackId).toList());
        if (sender.sends()) {
            ledger.forget(target.projectId(), retired.stream().map(FeedbackLedger.Entry::feedbackId).toList());
        }
        failures.feedbackDeadLetters(jobExecutionId, step, target.projectId(), outcome.deadLetters());
        count(outcome, retired, current, counts, sender.firstTimeOutcome());
        return page.messages.keySet().stream().filter(m -> !waiting.contains(m)).toList();
    }

    /** The messages of the page whose calls the target's project does not hold yet. */
    private Set<UUID> waiting(WeaveTarget target, TargetPage page) {
        List<String> callIds = page.messages.keySet().stream().map(CallIds::message).toList();
        Set<String> present = sender.present(target, callIds);
        Set<UUID> waiting = new LinkedHashSet<>();
        page.messages.keySet().stream().filter(m -> !present.contains(CallIds.message(m))).forEach(waiting::add);
        return waiting;
    }

    /**
     * Created feedback whose Dify row had an older version purged now are {@code replaced}; purged ids
     * with no new version are {@code purged} (a deleted row); the rest of what was created is
     * {@code created} (without Weave: {@code exported} or {@code would_send}).
     */
    private static void count(FeedbackOutcome outcome, List<FeedbackLedger.Entry> retired,
            List<WeaveFeedback> current, Counts counts, String created) {
        Set<String> replacedRows = new HashSet<>();
        Set<String> currentRows = new HashSet<>();
        current.forEach(f -> currentRows.add(f.feedbackType() + "|" + f.sourceKey()));
        for (FeedbackLedger.Entry entry : retired) {
            if (!outcome.purged().contains(entry.feedbackId())) {
                continue;
            }
            String row = entry.feedbackType() + "|" + entry.sourceKey();
            if (currentRows.contains(row)) {
                replacedRows.add(row);
            } else {
                counts.add(entry.feedbackType(), PURGED);
            }
        }
        for (WeaveFeedback feedback : outcome.created()) {
            boolean replaced = replacedRows.contains(feedback.feedbackType() + "|" + feedback.sourceKey());
            counts.add(feedback.feedbackType(), replaced ? REPLACED : created);
        }
        for (WeaveFeedback feedback : current) {
            if (outcome.repaired().contains(feedback.id())) {
                counts.add(feedback.feedbackType(), REPAIRED);
            }
        }
        outcome.deadLetters().forEach(d -> counts.add(d.feedback().feedbackType(), DEAD_LETTER));
    }

    private static FeedbackLedger.Entry entry(WeaveFeedback feedback, TargetPage page) {
        UUID message = page.messageOfCall.get(feedback.callId());
        return new FeedbackLedger.Entry(feedback.projectId(), feedback.id(), feedback.feedbackType(),
                feedback.sourceKey(), message, page.messages.get(message).createdAt(), page.appOfMessage.get(message));
    }

    /** Counts per feedback type and outcome. */
    static final class Counts {
        private final Map<String, Long> counts = new LinkedHashMap<>();

        void add(String feedbackType, String outcome) {
            add(feedbackType, outcome, 1);
        }

        void add(String feedbackType, String outcome, long n) {
            counts.merge(feedbackType + "|" + outcome, n, Long::sum);
        }

        List<FeedbackLedger.Count> list() {
            List<FeedbackLedger.Count> list = new ArrayList<>();
            counts.forEach((key, n) -> {
                int bar = key.indexOf('|');
                list.add(new FeedbackLedger.Count(key.substring(0, bar), key.substring(bar + 1), n));
            });
            return list;
        }
    }
}
