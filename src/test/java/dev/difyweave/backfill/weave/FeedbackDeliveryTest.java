package dev.difyweave.backfill.weave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.call.ContentMode;
import dev.difyweave.backfill.call.ContentPolicy;
import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.WeaveFeedback;
import dev.difyweave.backfill.source.FeedbackRow;
import dev.difyweave.backfill.testsupport.FakeWeaveServer;
import dev.difyweave.backfill.testsupport.Fault;
import dev.difyweave.backfill.testsupport.StoredFeedback;
import dev.difyweave.backfill.trace.FeedbackMapper;

/** The feedback protocol (create what is missing, purge what is retired) against the fake Weave, over HTTP. */
class FeedbackDeliveryTest {

    private static final String KEY = "feedback-test-key";
    private static final String PROJECT = "team/project";
    private static final UUID MESSAGE = UUID.fromString("9d3c1f2a-7b6e-4c5d-8a9b-0c1d2e3f4a5b");

    private final FakeWeaveServer weave = new FakeWeaveServer(KEY).start();
    private final DeliveryStats stats = new DeliveryStats();

    @AfterEach
    void stop() {
        weave.close();
    }

    @Test
    void currentFeedbackIsCreatedOnceInBoundedBatchesAndARerunCreatesNothing() {
        List<WeaveFeedback> feedback = reactions(25);

        FeedbackOutcome first = delivery(10, 3).deliver(PROJECT, feedback, List.of());
        FeedbackOutcome again = delivery(10, 3).deliver(PROJECT, feedback, List.of());

        assertThat(first.created()).hasSize(25);
        assertThat(weave.requestsTo("/feedback/batch/create")).hasSize(3);
        assertThat(again.created()).isEmpty();
        assertThat(again.alreadyPresent()).hasSize(25);
        assertThat(weave.requestsTo("/feedback/batch/create")).hasSize(3);
        assertThat(rowsPerId()).hasSize(25).allSatisfy((id, rows) -> assertThat(rows).isEqualTo(1));
    }

    @Test
    void aBatchWithABadItemIsBisectedAndOnlyThatItemIsADeadLetter() {
        List<WeaveFeedback> feedback = reactions(9);
        WeaveFeedback bad = WeaveFeedback.of(PROJECT, MESSAGE.toString(), WeaveFeedback.REACTION,
                Json.NODES.objectNode().put("emoji", "ok"), "user-1", "message_feedbacks:bad");
        feedback.add(4, bad);

        FeedbackOutcome outcome = delivery(100, 3).deliver(PROJECT, feedback, List.of());

        assertThat(outcome.deadLetters()).singleElement().satisfies(dead -> {
            assertThat(dead.feedback().id()).isEqualTo(bad.id());
            assertThat(dead.httpStatus()).isEqualTo(400);
            assertThat(dead.reason()).contains("exactly one emoji");
        });
        assertThat(outcome.created()).hasSize(9);
        assertThat(rowsPerId()).hasSize(9).doesNotContainKey(bad.id());
    }

    @Test
    void aFeedbackTooLargeForTheRequestCapAloneIsADeadLetterAndTheRestArrives() {
        weave.setMaxBodyBytes(3_000);
        List<WeaveFeedback> feedback = reactions(12);
        WeaveFeedback big = WeaveFeedback.of(PROJECT, MESSAGE.toString(), WeaveFeedback.NOTE,
                Json.NODES.objectNode().put("note", "\u6F22".repeat(1000)), "user-1", "message_feedbacks:big");
        feedback.add(big);

        FeedbackOutcome outcome = delivery(100, 3).deliver(PROJECT, feedback, List.of());

        assertThat(weave.requests()).anyMatch(r -> r.status() == 413);
        assertThat(outcome.deadLetters()).singleElement().satisfies(dead -> {
            assertThat(dead.feedback().id()).isEqualTo(big.id());
            assertThat(dead.httpStatus()).isEqualTo(413);
        });
        assertThat(rowsPerId()).hasSize(12);
    }

    @Test
    void aChangedRatingReplacesTheOldReactionAndKeepsTheUnchangedNote() {
        UUID row = UUID.randomUUID();
        List<WeaveFeedback> before = delivered(rating(row, "like", "Too long."));
        List<WeaveFeedback> after = map(rating(row, "dislike", "Too long."));

        FeedbackOutcome outcome = delivery(100, 3).deliver(PROJECT, after, ids(before));

        List<StoredFeedback> rows = weave.feedback(PROJECT);
        assertThat(rows).extracting(StoredFeedback::feedbackType)
                .containsExactlyInAnyOrder("wandb.reaction.1", "wandb.note.1");
        assertThat(rows).filteredOn(r -> r.feedbackType().equals("wandb.reaction.1")).singleElement()
                .satisfies(r -> assertThat(r.payload().path("emoji").stringValue()).isEqualTo(FeedbackMapper.THUMBS_DOWN));
        assertThat(Set.copyOf(ids(rows))).isEqualTo(Set.copyOf(ids(after)));
        assertThat(outcome.created()).extracting(WeaveFeedback::feedbackType).containsExactly("wandb.reaction.1");
        assertThat(outcome.purged()).containsExactly(reactionOf(before).id());
    }

    @Test
    void aRerunAfterAKillBetweenCreateAndPurgeLeavesExactlyOneRowPerCurrentId() {
        UUID row = UUID.randomUUID();
        List<WeaveFeedback> before = delivered(rating(row, "like", "First comment"));
        List<WeaveFeedback> after = map(rating(row, "dislike", "Second thoughts"));
        // the create passes (a zero stall is no fault), then the purge and its one retry fail: the run dies
        weave.enqueueFault(Fault.stall(Duration.ZERO), Fault.status(503), Fault.status(503));

        assertThatThrownBy(() -> delivery(100, 1).deliver(PROJECT, after, ids(before)))
                .isInstanceOf(WeaveUnavailableException.class).hasMessageContaining("/feedback/purge");
        assertThat(weave.feedback(PROJECT)).hasSize(4);
        assertThat(weave.pendingFaults()).isZero();

        FeedbackOutcome rerun = delivery(100, 3).deliver(PROJECT, after, ids(before));

        assertThat(rerun.created()).isEmpty();
        assertThat(rerun.purged()).containsExactlyInAnyOrderElementsOf(ids(before));
        assertThat(rowsPerId()).containsOnlyKeys(ids(after)).allSatisfy((id, rows) -> assertThat(rows).isEqualTo(1));
    }

    @Test
    void aCreateWhoseReplyWasLostIsLookedUpNotSentAgain() {
        List<WeaveFeedback> feedback = reactions(3);
        weave.enqueueFault(Fault.lostReply());

        FeedbackOutcome outcome = delivery(100, 3).deliver(PROJECT, feedback, List.of());

        assertThat(weave.requestsTo("/feedback/batch/create")).hasSize(1);
        assertThat(outcome.alreadyPresent()).hasSize(3);
        assertThat(rowsPerId()).hasSize(3).allSatisfy((id, rows) -> assertThat(rows).isEqualTo(1));
    }

    @Test
    void aRunKilledAfterItsCreateWasWrittenButNotAnsweredIsRepairedByTheRerun() {
        List<WeaveFeedback> feedback = reactions(3);
        weave.enqueueFault(Fault.lostReply(), Fault.status(503));

        assertThatThrownBy(() -> delivery(100, 0).deliver(PROJECT, feedback, List.of()))
                .isInstanceOf(WeaveUnavailableException.class);
        assertThat(weave.feedback(PROJECT)).hasSize(3);

        FeedbackOutcome rerun = delivery(100, 3).deliver(PROJECT, feedback, List.of());

        assertThat(rerun.created()).isEmpty();
        assertThat(rowsPerId()).hasSize(3).allSatisfy((id, rows) -> assertThat(rows).isEqualTo(1));
    }

    @Test
    void anIdWeaveHoldsTwiceIsPurgedAndCreatedOnce() {
        List<WeaveFeedback> feedback = reactions(2);
        WeaveHttpClient client = client(KEY);
        byte[] body = ItemBatch.join(List.of(feedback.get(0).createItem()));
        client.post("/feedback/batch/create", body);
        client.post("/feedback/batch/create", body);
        assertThat(weave.feedback(PROJECT)).hasSize(2);

        FeedbackOutcome outcome = delivery(100, 3).deliver(PROJECT, feedback, List.of());

        assertThat(outcome.repaired()).containsExactly(feedback.get(0).id());
        assertThat(rowsPerId()).containsOnlyKeys(ids(feedback)).allSatisfy((id, rows) -> assertThat(rows).isEqualTo(1));
    }

    @Test
    void feedbackDeletedInDifyIsPurgedInBoundedRequests() {
        List<WeaveFeedback> kept = reactions(5);
        List<WeaveFeedback> deleted = reactions(250);
        List<WeaveFeedback> all = new ArrayList<>(kept);
        all.addAll(deleted);
        delivery(500, 3).deliver(PROJECT, all, List.of());
        int purgesBefore = weave.requestsTo("/feedback/purge").size();
        List<String> retired = new ArrayList<>(ids(deleted));
        retired.add(UUID.randomUUID().toString()); // never created: not purged

        FeedbackOutcome outcome = delivery(500, 3).deliver(PROJECT, kept, retired);

        assertThat(outcome.purged()).hasSize(250);
        assertThat(weave.requestsTo("/feedback/purge").size() - purgesBefore).isEqualTo(3);
        assertThat(rowsPerId()).containsOnlyKeys(ids(kept));
    }

    @Test
    void aWrongKeyStopsTheDeliveryWithoutDeadLetters() {
        FeedbackDelivery delivery = new FeedbackDelivery(client("wrong"), retry(1),
                new FeedbackDelivery.Settings(1 << 20, 100, 100, 1000), stats);

        assertThatThrownBy(() -> delivery.deliver(PROJECT, reactions(2), List.of()))
                .isInstanceOf(WeaveRejectedException.class).hasMessageContaining("401").hasMessageNotContaining("wrong");
        assertThat(weave.feedback(PROJECT)).isEmpty();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private FeedbackDelivery delivery(int maxBatchItems, int maxRetries) {
        return new FeedbackDelivery(client(KEY), retry(maxRetries),
                new FeedbackDelivery.Settings(1 << 20, maxBatchItems, 100, 7), stats);
    }

    private WeaveHttpClient client(String key) {
        return new WeaveHttpClient(URI.create(weave.baseUrl()), key, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private WeaveRetry retry(int maxRetries) {
        return new WeaveRetry(new WeaveRetry.Settings(maxRetries, Duration.ofMillis(2), 2.0, Duration.ofMillis(10),
                Duration.ofSeconds(1)), stats);
    }

    private Map<String, Long> rowsPerId() {
        return weave.feedback(PROJECT).stream().collect(Collectors.groupingBy(StoredFeedback::id, Collectors.counting()));
    }

    private static List<WeaveFeedback> reactions(int n) {
        List<WeaveFeedback> feedback = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            feedback.add(WeaveFeedback.of(PROJECT, UUID.randomUUID().toString(), WeaveFeedback.REACTION,
                    Json.NODES.objectNode().put("emoji", FeedbackMapper.THUMBS_UP), "user-" + i,
                    "message_feedbacks:" + UUID.randomUUID()));
        }
        return feedback;
    }

    private static FeedbackRow rating(UUID id, String rating, String content) {
        LocalDateTime at = LocalDateTime.parse("2025-11-21T08:00:00");
        return new FeedbackRow(id, UUID.randomUUID(), UUID.randomUUID(), MESSAGE, rating, content, "user",
                UUID.randomUUID(), null, "web-session-7", true, at, at);
    }

    private static List<WeaveFeedback> map(FeedbackRow row) {
        return new FeedbackMapper(new ContentPolicy(ContentMode.KEEP)).map(List.of(row), List.of(), app -> PROJECT)
                .feedback();
    }

    /** The feedback of a row, delivered as a first run would. */
    private List<WeaveFeedback> delivered(FeedbackRow row) {
        List<WeaveFeedback> feedback = map(row);
        delivery(100, 3).deliver(PROJECT, feedback, List.of());
        return feedback;
    }

    private static WeaveFeedback reactionOf(List<WeaveFeedback> feedback) {
        return feedback.stream().filter(f -> f.feedbackType().equals(WeaveFeedback.REACTION)).findFirst().orElseThrow();
    }

    private static <T> List<String> ids(Collection<T> items) {
        Function<T, String> id = item -> item instanceof WeaveFeedback f ? f.id() : ((StoredFeedback) item).id();
        return items.stream().map(id).toList();
    }
}
