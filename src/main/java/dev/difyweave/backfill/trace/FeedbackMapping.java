package dev.difyweave.backfill.trace;

import java.util.List;

import dev.difyweave.backfill.call.WeaveFeedback;

/**
 * The Weave feedback of a page of Dify ratings and annotations, the problems found on the way, and how
 * many annotations were left out because they belong to no message (reported, never sent).
 */
public record FeedbackMapping(List<WeaveFeedback> feedback, List<TraceProblem> problems, int unlinkedAnnotations) {

    /** How many of the feedback are of this type ({@link WeaveFeedback#REACTION}, ...). */
    public long count(String feedbackType) {
        return feedback.stream().filter(f -> f.feedbackType().equals(feedbackType)).count();
    }
}
