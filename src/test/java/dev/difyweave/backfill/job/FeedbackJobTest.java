package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.testsupport.StoredFeedback;
import dev.difyweave.demo.generator.GeneratedMessage;
import tools.jackson.databind.node.ObjectNode;

/**
 * The feedback step on a real job: Dify's ratings and annotations reach Weave on the message calls
 * exactly once, follow changes and deletions with {@code sync}, wait for calls not in Weave yet, and
 * are reported. Feedback rows are written here by hand, so each case is explicit.
 */
class FeedbackJobTest extends FeedbackJobFixture {

    @Test
    void migrateSendsEveryKindOnTheMessageCallsOnceAndARerunSendsNothingNew() throws Exception {
        UUID like = rating(chat, "like", null, "user", at(chat, 60));
        UUID dislike = rating(chatflow, "dislike", "wrong tool picked", "admin", at(chatflow, 120));
        String longComment = "很好 😀 ".repeat(400);
        UUID longNote = rating(completion, "like", longComment, "user", at(completion, 30));
        UUID annotation = annotation(chat, "the corrected answer", at(chat, 600));
        UUID unlinked = annotation(null, "an imported answer", at(chat, 700));

        BackfillHarness.Result first = harness.run("migrate", "--from=2026-01-01T00:00:00Z", "--to=2026-11-30T00:00:00Z");

        assertThat(first.exitStatus()).as(first.err() + first.out()).isZero();
        List<StoredFeedback> rows = harness.weave.feedback(PROJECT);
        assertThat(rows).extracting(StoredFeedback::feedbackType).containsExactlyInAnyOrder("wandb.reaction.1",
                "wandb.reaction.1", "wandb.reaction.1", "wandb.note.1", "wandb.note.1", "dify.annotation");
        assertThat(rows).extracting(StoredFeedback::id).doesNotHaveDuplicates();
        assertThat(reactions(chat)).containsExactly(THUMBS_UP);
        assertThat(reactions(chatflow)).containsExactly(THUMBS_DOWN);
        assertThat(reactions(completion)).containsExactly(THUMBS_UP);
        assertThat(on(chat, "wandb.reaction.1").get(0).creator()).isEqualTo(endUserSession);
        assertThat(on(chatflow, "wandb.reaction.1").get(0).creator()).isEqualTo(accountName);
        assertThat(on(chatflow, "wandb.note.1").get(0).payload().path("note").asString()).isEqualTo("wrong tool picked");
        String cut = on(completion, "wandb.note.1").get(0).payload().path("note").asString();
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(1024);
        assertThat(longComment).startsWith(cut.substring(0, 100));
        StoredFeedback corrected = on(chat, "dify.annotation").get(0);
        assertThat(corrected.payload().path("answer").asString()).isEqualTo("the corrected answer");
        assertThat(corrected.payload().path("dify_annotation_id").asString()).isEqualTo(annotation.toString());
        assertThat(harness.problems()).anySatisfy(p -> assertThat(p.get("source_key")).isEqualTo(unlinked.toString()));
        assertThat(harness.problems()).anySatisfy(p -> assertThat(p.get("source_key")).isEqualTo(longNote.toString()));
        assertThat(counts()).containsEntry("wandb.reaction.1|created", 3L).containsEntry("wandb.note.1|created", 2L)
                .containsEntry("dify.annotation|created", 1L).containsEntry("dify.annotation|unlinked", 1L);
        assertThat(like).isNotNull();
        assertThat(dislike).isNotNull();

        int creates = harness.weave.requestsTo("/feedback/batch/create").size();
        BackfillHarness.Result again = harness.run("migrate", "--from=2026-01-01T00:00:00Z", "--to=2026-11-29T00:00:00Z");

        assertThat(again.exitStatus()).as(again.err() + again.out()).isZero();
        assertThat(harness.weave.feedback(PROJECT)).hasSize(6);
        assertThat(harness.weave.requestsTo("/feedback/batch/create")).as("nothing created again").hasSize(creates);

        // (the generated data has runs still going on: verify exits 1 for them, whatever the feedback)
        BackfillHarness.Result verified = harness.run("verify", "--from=2026-01-01T00:00:00Z", "--to=2026-11-30T00:00:00Z");
        assertThat(verified.out()).containsPattern("wandb.reaction.1 +3 +3 +0 +0").containsPattern("wandb.note.1 +2 +2 +0 +0")
                .containsPattern("dify.annotation +1 +1 +0 +0");
        assertThat(verified.err()).doesNotContain("feedback missing");

        rating(completion, "dislike", null, "admin", at(completion, 90));
        BackfillHarness.Result behind = harness.run("verify", "--from=2026-01-01T00:00:00Z", "--to=2026-11-30T00:00:00Z");
        assertThat(behind.exitStatus()).isEqualTo(1);
        assertThat(behind.out()).containsPattern("wandb.reaction.1 +4 +3 +1 +0");
        assertThat(behind.err()).contains("1 feedback missing and 0 extra in Weave");

        // a note Weave holds twice (someone created it again) is extra
        StoredFeedback note = on(chatflow, "wandb.note.1").get(0);
        createAgain(note);
        BackfillHarness.Result twice = harness.run("verify", "--from=2026-01-01T00:00:00Z", "--to=2026-11-30T00:00:00Z");
        assertThat(twice.out()).containsPattern("wandb.note.1 +2 +2 +0 +1").contains(note.id() + "  wandb.note.1");
        assertThat(twice.err()).contains("1 feedback missing and 1 extra in Weave");
    }

    /** Sends Weave the create of a feedback it holds, as an unlucky client would: a second row with its id. */
    private void createAgain(StoredFeedback feedback) throws Exception {
        ObjectNode item = Json.NODES.objectNode().put("id", feedback.id()).put("project_id", feedback.projectId())
                .put("weave_ref", feedback.weaveRef()).put("creator", feedback.creator())
                .put("feedback_type", feedback.feedbackType());
        item.set("payload", feedback.payload());
        ObjectNode body = Json.NODES.objectNode();
        body.putArray("batch").add(item);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(harness.weave.baseUrl() + "/feedback/batch/create"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("api:" + harness.weave.apiKey()).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void syncReplacesAChangedRatingAndPurgesADeletedOneOnMessagesOfAnyAge() {
        Instant firstSync = BackfillHarness.NOW;
        UUID changing = rating(chat, "like", "great", "user", at(chat, 60));
        UUID deleted = rating(chatflow, "dislike", "bad", "admin", at(chatflow, 60));
        BackfillHarness.Result first = harness.runAt(firstSync, "sync");
        assertThat(first.exitStatus()).as(first.err() + first.out()).isZero();
        assertThat(harness.weave.feedback(PROJECT)).hasSize(4);

        // a few minutes later in Dify: the user changes their mind, the admin withdraws the rating
        LocalDateTime changedAt = LocalDateTime.ofInstant(firstSync.minusSeconds(300), ZoneOffset.UTC);
        harness.difyJdbc().update("UPDATE message_feedbacks SET rating = 'dislike', content = 'not great after all', "
                + "updated_at = ? WHERE id = ?", changedAt, changing);
        harness.difyJdbc().update("DELETE FROM message_feedbacks WHERE id = ?", deleted);

        BackfillHarness.Result second = harness.runAt(firstSync.plusSeconds(600), "sync");

        assertThat(second.exitStatus()).as(second.err() + second.out()).isZero();
        assertThat(reactions(chat)).containsExactly(THUMBS_DOWN);
        assertThat(on(chat, "wandb.note.1")).extracting(f -> f.payload().path("note").asString())
                .containsExactly("not great after all");
        assertThat(on(chatflow, "wandb.reaction.1")).isEmpty();
        assertThat(on(chatflow, "wandb.note.1")).isEmpty();
        assertThat(harness.weave.feedback(PROJECT)).hasSize(2);
        assertThat(harness.stateJdbc().queryForObject("SELECT count(*) FROM backfill_feedback", Long.class)).isEqualTo(2);
        assertThat(counts()).containsEntry("wandb.reaction.1|replaced", 1L).containsEntry("wandb.note.1|replaced", 1L)
                .containsEntry("wandb.reaction.1|purged", 1L).containsEntry("wandb.note.1|purged", 1L);

        BackfillHarness.Result verified = harness.run("verify", "--to=2026-11-30T00:00:00Z");
        assertThat(verified.out()).containsPattern("wandb.reaction.1 +1 +1 +0 +0");
        assertThat(verified.err()).doesNotContain("feedback missing");
        assertThat(harness.run("status").out()).contains("wandb.reaction.1: ").contains("1 replaced")
                .contains("in " + PROJECT + " now: 1 wandb.note.1, 1 wandb.reaction.1");

        long requests = harness.weave.writeRequestCount();
        BackfillHarness.Result third = harness.runAt(firstSync.plusSeconds(1200), "sync");
        assertThat(third.exitStatus()).as(third.err()).isZero();
        assertThat(harness.weave.writeRequestCount()).as("nothing changed, nothing sent").isEqualTo(requests);
        assertThat(harness.weave.feedback(PROJECT)).hasSize(2);
    }

    @Test
    void aQuietSyncLooksAtEveryMessageWithFeedbackInAFewTransactionsAndSendsNothing() {
        List<GeneratedMessage> rated = harness.generated.messages().stream().filter(GeneratedMessage::finished).toList();
        rated.forEach(m -> rating(m, "like", null, "user", at(m, 60)));
        String pagesOfOne = "--backfill.chunk-size=1";
        BackfillHarness.Result first = harness.runAt(BackfillHarness.NOW, "sync", pagesOfOne);
        assertThat(first.exitStatus()).as(first.err() + first.out()).isZero();
        assertThat(harness.weave.feedback(PROJECT)).hasSize(rated.size());
        long requests = harness.weave.writeRequestCount();

        BackfillHarness.Result quiet = harness.runAt(BackfillHarness.NOW.plusSeconds(600), "sync", pagesOfOne);

        assertThat(quiet.exitStatus()).as(quiet.err() + quiet.out()).isZero();
        assertThat(harness.weave.writeRequestCount()).as("nothing changed, nothing sent").isEqualTo(requests);
        assertThat(harness.weave.feedback(PROJECT)).hasSize(rated.size());
        // the deletion scan of the ledger and the window's scan of messages with feedback: pages of one
        // message each, without work, looked at FeedbackTasklet.QUIET_PAGES to a transaction
        int pages = rated.size();
        assertThat(pages).as("enough pages to tell").isGreaterThan(FeedbackTasklet.QUIET_PAGES / 2);
        Long commits = harness.stateJdbc().queryForObject("""
                SELECT commit_count FROM batch_step_execution WHERE step_name = 'feedback'
                ORDER BY step_execution_id DESC LIMIT 1""", Long.class);
        assertThat(commits).isLessThanOrEqualTo(2L * (pages / FeedbackTasklet.QUIET_PAGES + 1) + 2);
    }

    @Test
    void feedbackOfAMessageWhoseCallIsNotInWeaveWaitsAndArrivesWithTheRunThatSendsIt() {
        rating(chat, "like", null, "user", at(chat, 60));

        BackfillHarness.Result feedbackOnly = harness.run("migrate", "--from=2026-01-01T00:00:00Z",
                "--to=2026-11-30T00:00:00Z", "--kinds=feedback");

        assertThat(feedbackOnly.exitStatus()).as(feedbackOnly.err() + feedbackOnly.out()).isZero();
        assertThat(harness.weave.feedback(PROJECT)).isEmpty();
        assertThat(harness.stateJdbc().queryForObject(
                "SELECT count(*) FROM backfill_pending WHERE kind = 'feedback' AND source_id = ?", Long.class, chat.id()))
                .isEqualTo(1);
        assertThat(counts()).containsEntry("wandb.reaction.1|waiting", 1L);

        BackfillHarness.Result messages = harness.run("migrate", "--from=2026-01-01T00:00:00Z",
                "--to=2026-11-30T00:00:00Z", "--kinds=message,feedback");
        assertThat(messages.exitStatus()).as(messages.err() + messages.out()).isZero();
        assertThat(reactions(chat)).containsExactly(THUMBS_UP);
    }
}
