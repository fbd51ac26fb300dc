package dev.difyweave.backfill.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.call.ContentPolicy;
import dev.difyweave.backfill.call.FeedbackText;
import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.WeaveFeedback;
import dev.difyweave.backfill.source.AnnotationRow;
import dev.difyweave.backfill.source.FeedbackRow;
import tools.jackson.databind.node.ObjectNode;

/**
 * Dify's ratings and annotations as Weave feedback on the message's call ({@link CallIds#message}: the
 * {@code message} call of chat, completion and agent-chat, the chatflow message root of advanced-chat),
 * trace-mapping.md "Feedback". Pure: rows in, feedback out.
 * <ul>
 * <li>A rating: a {@code wandb.reaction.1} ({@code like} 👍, {@code dislike} 👎; another value sends none
 * and is recorded) and, when it has a comment, a {@code wandb.note.1}: at most 1024 characters, a longer
 * comment cut visibly ({@link FeedbackText#note}); the reaction never depends on the note.</li>
 * <li>An annotation with a message: a {@code dify.annotation} with question, answer, who annotated and
 * the Dify id and update time; its texts are cut when the payload would pass Weave's 1 MiB. One without a
 * message is counted, not sent.</li>
 * <li>{@code creator}: who gave it, as Dify shows it. The content mode ({@link ContentPolicy#text}) applies
 * to comments, annotation texts and creators; a reaction stays as it is.</li>
 * </ul>
 */
public final class FeedbackMapper {

    public static final String THUMBS_UP = "\uD83D\uDC4D";
    public static final String THUMBS_DOWN = "\uD83D\uDC4E";

    static final String FEEDBACKS = "message_feedbacks";
    static final String ANNOTATIONS = "message_annotations";

    private final ContentPolicy policy;

    public FeedbackMapper(ContentPolicy policy) {
        this.policy = policy;
    }

    /** A page of rows; {@code projectOfApp}: the Weave project the app's calls went to. */
    public FeedbackMapping map(List<FeedbackRow> ratings, List<AnnotationRow> annotations,
            Function<UUID, String> projectOfApp) {
        SourceProblems problems = new SourceProblems();
        List<WeaveFeedback> feedback = new ArrayList<>();
        for (FeedbackRow row : ratings) {
            feedback.addAll(rating(row, projectOfApp.apply(row.appId()), problems));
        }
        int unlinked = 0;
        for (AnnotationRow row : annotations) {
            Optional<WeaveFeedback> mapped = annotation(row, projectOfApp.apply(row.appId()), problems);
            mapped.ifPresent(feedback::add);
            unlinked += mapped.isEmpty() ? 1 : 0;
        }
        return new FeedbackMapping(feedback, problems.list(), unlinked);
    }

    List<WeaveFeedback> rating(FeedbackRow row, String projectId, SourceProblems problems) {
        String callId = CallIds.message(row.messageId());
        String sourceKey = FEEDBACKS + ":" + row.id();
        String creator = policy.text(creator(row, problems));
        List<WeaveFeedback> feedback = new ArrayList<>(2);
        String emoji = emoji(row.rating());
        if (emoji == null) {
            problems.add(FEEDBACKS, row.id(), "rating", "unknown rating '" + row.rating() + "': no reaction sent");
        } else {
            ObjectNode reaction = Json.NODES.objectNode().put("emoji", emoji);
            feedback.add(WeaveFeedback.of(projectId, callId, WeaveFeedback.REACTION, reaction, creator, sourceKey));
        }
        String comment = policy.text(row.content());
        String note = FeedbackText.note(comment);
        if (note != null) {
            if (FeedbackText.noteIsCut(comment)) {
                problems.add(FEEDBACKS, row.id(), "content", "comment of " + codePoints(row.content())
                        + " characters cut to " + FeedbackText.MAX_NOTE_CHARS + " (Weave's note limit)");
            }
            ObjectNode payload = Json.NODES.objectNode().put("note", note);
            feedback.add(WeaveFeedback.of(projectId, callId, WeaveFeedback.NOTE, payload, creator, sourceKey));
        }
        return feedback;
    }

    Optional<WeaveFeedback> annotation(AnnotationRow row, String projectId, SourceProblems problems) {
        if (row.messageId() == null) {
            return Optional.empty();
        }
        if (!row.annotatorFound()) {
            problems.add(ANNOTATIONS, row.id(), "account_id", "orphan: account " + row.accountId()
                    + " not found; its id is the creator");
        }
        String annotatedBy = policy.text(row.annotatedBy());
        ObjectNode payload = Json.NODES.objectNode();
        payload.put("question", policy.text(row.question()));
        payload.put("answer", policy.text(row.content()));
        payload.put("annotated_by", annotatedBy);
        payload.put("dify_annotation_id", row.id().toString());
        payload.put("dify_updated_at", row.updatedAt() == null ? null : DifyTime.utc(row.updatedAt()).toString());
        if (AnnotationFitter.fit(payload)) {
            problems.add(ANNOTATIONS, row.id(), "content", "question and answer cut to fit Weave's "
                    + FeedbackText.MAX_PAYLOAD_CHARS + "-character feedback payload");
        }
        return Optional.of(WeaveFeedback.of(projectId, CallIds.message(row.messageId()), WeaveFeedback.ANNOTATION,
                payload, annotatedBy, ANNOTATIONS + ":" + row.id()));
    }

    /** Who gave the rating as Dify shows it; an orphan reference is recorded and its id stands in. */
    private static String creator(FeedbackRow row, SourceProblems problems) {
        if (row.creator() != null && !row.creatorFound()) {
            boolean account = row.fromAccountId() != null;
            problems.add(FEEDBACKS, row.id(), account ? "from_account_id" : "from_end_user_id", "orphan: "
                    + (account ? "account " : "end user ") + row.creator() + " not found; its id is the creator");
        }
        return row.creator();
    }

    static String emoji(String rating) {
        if ("like".equals(rating)) {
            return THUMBS_UP;
        }
        return "dislike".equals(rating) ? THUMBS_DOWN : null;
    }

    private static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }
}
