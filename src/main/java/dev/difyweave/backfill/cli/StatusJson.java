package dev.difyweave.backfill.cli;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.job.BackfillRequest;
import dev.difyweave.backfill.state.FeedbackLedger;
import dev.difyweave.backfill.state.PendingStore;

/**
 * {@code status --json}: the facts of {@code status} as one JSON document on one line. Its keys are a
 * contract for scripts, described in docs/operations.md ("status --json"); times are ISO-8601 UTC.
 */
final class StatusJson {

    private StatusJson() {
    }

    static ObjectNode render(StatusReport status) {
        ObjectNode root = Json.NODES.objectNode();
        ObjectNode dify = root.putObject("dify_source");
        dify.put("readable", status.dify() != null);
        if (status.dify() != null) {
            dify.put("version_range", status.dify().versionRange());
            dify.put("alembic_revision", status.dify().alembicRevision());
            status.dify().implications().forEach(dify.putArray("implications")::add);
        } else {
            dify.put("reason", status.difyUnreadable());
        }
        ArrayNode pending = root.putArray("pending");
        ArrayNode feedbackWaiting = root.putArray("feedback_waiting");
        for (PendingStore.Summary s : status.pending()) {
            boolean feedback = s.kind().equals(PendingStore.FEEDBACK);
            ObjectNode row = (feedback ? feedbackWaiting : pending).addObject();
            if (!feedback) {
                row.put("kind", s.kind());
            }
            row.put(feedback ? "messages" : "roots", s.roots());
            row.put("oldest_created", utc(s.oldest()));
            row.put("scope", s.scope());
        }
        ArrayNode feedback = root.putArray("feedback");
        for (FeedbackLedger.Count c : status.feedback()) {
            ObjectNode row = feedback.addObject();
            row.put("feedback_type", c.feedbackType());
            row.put("outcome", c.outcome());
            row.put("count", c.count());
        }
        ObjectNode held = root.putObject("feedback_held");
        status.feedbackHeld().forEach((project, byType) -> byType.forEach(held.putObject(project)::put));
        ArrayNode executions = root.putArray("executions");
        for (StatusReport.Execution e : status.executions()) {
            BackfillRequest request = e.request();
            RunSummary summary = e.summary();
            ObjectNode row = executions.addObject();
            row.put("id", e.execution().getId());
            row.put("status", e.execution().getStatus().name());
            row.put("window_from", string(request.from()));
            row.put("window_to", string(request.to()));
            row.put("sink", request.sink().name().toLowerCase(Locale.ROOT));
            request.kinds().forEach(row.putArray("kinds")::add);
            row.put("traces", summary.traces());
            row.put("calls", summary.calls());
            row.put("dead_letters", summary.deadLetters());
            row.put("resumable", e.resumable().name().toLowerCase(Locale.ROOT));
        }
        return root;
    }

    private static String string(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String utc(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC).toString();
    }
}
