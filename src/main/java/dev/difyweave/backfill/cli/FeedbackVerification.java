package dev.difyweave.backfill.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import dev.difyweave.backfill.call.WeaveFeedback;
import dev.difyweave.backfill.source.FeedbackSource;
import dev.difyweave.backfill.source.Keyset;
import dev.difyweave.backfill.source.SourceWindow;
import dev.difyweave.backfill.state.FeedbackLedger;
import dev.difyweave.backfill.trace.FeedbackMapper;
import dev.difyweave.backfill.weave.FeedbackDelivery;

/**
 * The feedback part of {@code verify}: for the window's messages with feedback, what Dify's rows make
 * (mapped as the job maps them) against what Weave's project holds, per feedback type. <b>Missing</b>: a
 * current feedback Weave does not hold. <b>Extra</b>: a feedback the backfill created (it is in the
 * ledger) that is no longer current but still in Weave, or a current one Weave holds more than once.
 * Feedback people added in Weave themselves is not the backfill's and is not counted.
 */
final class FeedbackVerification {

    /** Per type: expected, held once or more, missing, extra. */
    private final Map<String, long[]> counts = new TreeMap<>();
    private final List<String> missing = new ArrayList<>();
    private final List<String> extra = new ArrayList<>();

    private final FeedbackSource source;
    private final FeedbackLedger ledger;
    private final FeedbackDelivery weave;
    private final FeedbackMapper mapper;
    private final String project;

    FeedbackVerification(FeedbackSource source, FeedbackLedger ledger, FeedbackDelivery weave, FeedbackMapper mapper,
            String project) {
        this.source = source;
        this.ledger = ledger;
        this.weave = weave;
        this.mapper = mapper;
        this.project = project;
    }

    void run(SourceWindow window, int pageSize) {
        UUID after = FeedbackSource.FIRST;
        for (FeedbackSource.MessagePage page = source.messagesAfter(window, false, after, pageSize);
                page.last() != null; page = source.messagesAfter(window, false, after, pageSize)) {
            if (!page.wanted().isEmpty()) {
                check(page.wanted().stream().map(Keyset::id).toList());
            }
            after = page.last();
        }
    }

    private void check(List<UUID> messages) {
        List<WeaveFeedback> expected = mapper.map(source.feedbackOf(messages), source.annotationsOf(messages),
                app -> project).feedback();
        Set<String> expectedIds = new HashSet<>();
        expected.forEach(f -> expectedIds.add(f.id()));
        String stored = FeedbackLedger.stored(project);
        List<FeedbackLedger.Entry> retired = ledger.ofMessages(messages).stream()
                .filter(e -> e.projectId().equals(stored) && !expectedIds.contains(e.feedbackId())).toList();
        Set<String> asked = new HashSet<>(expectedIds);
        retired.forEach(e -> asked.add(e.feedbackId()));
        Map<String, Integer> held = asked.isEmpty() ? new HashMap<>() : weave.held(project, asked);
        for (WeaveFeedback feedback : expected) {
            long[] c = counts.computeIfAbsent(feedback.feedbackType(), t -> new long[4]);
            c[0]++;
            int rows = held.getOrDefault(feedback.id(), 0);
            if (rows > 0) {
                c[1]++;
            } else {
                c[2]++;
                missing.add(feedback.id() + "  " + feedback.feedbackType() + "  " + feedback.sourceKey());
            }
            if (rows > 1) {
                c[3] += rows - 1;
                extra.add(feedback.id() + "  " + feedback.feedbackType() + "  " + feedback.sourceKey() + "  (" + rows
                        + " rows)");
            }
        }
        for (FeedbackLedger.Entry entry : retired) {
            int rows = held.getOrDefault(entry.feedbackId(), 0);
            if (rows > 0) {
                counts.computeIfAbsent(entry.feedbackType(), t -> new long[4])[3] += rows;
                extra.add(entry.feedbackId() + "  " + entry.feedbackType() + "  " + entry.sourceKey()
                        + "  (no longer current in Dify)");
            }
        }
    }

    Map<String, long[]> counts() {
        return counts;
    }

    List<String> missing() {
        return missing;
    }

    List<String> extra() {
        return extra;
    }
}
