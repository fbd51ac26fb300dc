package dev.difyweave.backfill.weave;

import java.util.List;
import java.util.Set;

import dev.difyweave.backfill.call.WeaveFeedback;

/**
 * What one {@link FeedbackDelivery#deliver} did: the feedback it created, the feedback Weave already held
 * (from an earlier run, or a create whose reply was lost), the ids it found more than once and repaired to
 * one row, the retired ids it purged (only those Weave held), and the feedback Weave refused.
 */
public record FeedbackOutcome(List<WeaveFeedback> created, List<WeaveFeedback> alreadyPresent, Set<String> repaired,
        Set<String> purged, List<FeedbackDeadLetter> deadLetters) {

    /** How many created feedback are of this type. */
    public long created(String feedbackType) {
        return created.stream().filter(f -> f.feedbackType().equals(feedbackType)).count();
    }
}
