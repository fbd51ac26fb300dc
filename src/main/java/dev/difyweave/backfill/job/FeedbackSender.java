package dev.difyweave.backfill.job;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.difyweave.backfill.call.WeaveFeedback;
import dev.difyweave.backfill.weave.FeedbackOutcome;
import dev.difyweave.backfill.weave.JsonlFile;
import dev.difyweave.backfill.weave.WeaveDeliveries;
import dev.difyweave.backfill.weave.WeavePresence;
import dev.difyweave.backfill.weave.WeaveTarget;

/**
 * Where the feedback step's feedback goes, by the request's sink: Weave (with the exactly-once protocol
 * of {@code weave.FeedbackDelivery}, on the delivery of the target's server and key), the export file
 * {@code weave-feedback.jsonl} (one {@code FeedbackCreateReq} per line), both, or nowhere (dry run).
 * Only a sender that {@link #sends} asks Weave which message calls exist and keeps the feedback ledger.
 */
class FeedbackSender implements AutoCloseable {

    private final WeaveDeliveries deliveries;
    private final JsonlFile export;

    /**
     * @param deliveries Weave's deliveries, {@code null} when the sink does not send
     * @param exportDir  where the export file goes, {@code null} when the sink does not export
     */
    FeedbackSender(WeaveDeliveries deliveries, Path exportDir) {
        this.deliveries = deliveries;
        this.export = exportDir == null ? null : new JsonlFile(exportDir, FeedbackStepConfiguration.EXPORT_FILE);
    }

    boolean sends() {
        return deliveries != null;
    }

    /**
     * What the run report calls a feedback this sender handled for the first time: {@code created} in
     * Weave, {@code exported} to the file only, or {@code would_send} in a dry run.
     */
    String firstTimeOutcome() {
        if (sends()) {
            return FeedbackPageWriter.CREATED;
        }
        return export != null ? FeedbackPageWriter.EXPORTED : FeedbackPageWriter.WOULD_SEND;
    }

    /** Of these call ids, those whose calls the target's project holds; all of them when nothing is sent. */
    Set<String> present(WeaveTarget target, List<String> callIds) {
        if (!sends()) {
            return new HashSet<>(callIds);
        }
        WeavePresence presence = deliveries.forTarget(target).presence();
        Set<String> present = new HashSet<>();
        for (int i = 0; i < callIds.size(); i += WeavePresence.MAX_IDS) {
            present.addAll(presence.complete(target.projectId(),
                    callIds.subList(i, Math.min(callIds.size(), i + WeavePresence.MAX_IDS))));
        }
        return present;
    }

    /**
     * Makes the target's project hold {@code current} once each and none of {@code retired}; without
     * Weave, {@code current} is exported (or only counted) and reported as created.
     */
    FeedbackOutcome deliver(WeaveTarget target, List<WeaveFeedback> current, Collection<String> retired) {
        if (export != null && !current.isEmpty()) {
            export.append(current.stream().map(WeaveFeedback::createItem).toList());
        }
        if (!sends()) {
            return new FeedbackOutcome(current, List.of(), Set.of(), Set.of(), List.of());
        }
        return deliveries.forTarget(target).feedback().deliver(target.projectId(), current, retired);
    }

    @Override
    public void close() {
        if (export != null) {
            export.close();
        }
    }
}
