package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.difyweave.backfill.testsupport.StoredFeedback;
import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.GeneratedMessage;

/**
 * Issue 14's promise, end to end: on a generated Dify database with feedback of every kind (likes,
 * dislikes, comments, a long multi-byte comment, operators' ratings, annotations linked and unlinked,
 * an advanced-chat message), the feedback run is killed ({@code kill -9}) again and again, Dify changes
 * and deletes ratings while it is down, the same command runs to the end and a {@code sync} follows:
 * Weave then holds exactly the current feedback, each once. The expectation is computed here from
 * Dify's tables, not with the product's mapper.
 */
class FeedbackKillTest {

    private static final String PROJECT = BackfillHarness.PROJECT;
    private static final String TO = "--to=2026-11-29T00:00:00Z";

    private BackfillHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void killedAgainAndAgainWhileDifyChangesThenRerunAndSyncedWeaveHoldsExactlyTheCurrentFeedback(@TempDir Path work)
            throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small().toBuilder().conversationsPerApp(12)
                .messagesPerConversation(8).build());
        harness.env.put("BACKFILL_CHUNK_SIZE", "4");
        List<GeneratedMessage> finished = harness.generated.messages().stream().filter(GeneratedMessage::finished)
                .toList();
        UUID chatflowRating = ensureChatflowRating(finished);
        long ratings = count("SELECT count(*) FROM message_feedbacks");
        assertThat(ratings).as("generated ratings").isGreaterThanOrEqualTo(30);
        assertThat(count("SELECT count(*) FROM message_feedbacks WHERE char_length(content) > 1024")).isPositive();
        assertThat(count("SELECT count(*) FROM message_feedbacks WHERE rating = 'dislike'")).isPositive();
        assertThat(count("SELECT count(*) FROM message_feedbacks WHERE from_source = 'admin'")).isPositive();
        assertThat(count("SELECT count(*) FROM message_annotations WHERE message_id IS NOT NULL")).isPositive();
        assertThat(count("SELECT count(*) FROM message_annotations WHERE message_id IS NULL")).isPositive();

        // the calls first, so that the killed runs spend their time on feedback
        BackfillHarness.Result calls = harness.run("migrate", TO,
                "--kinds=workflow,message,tool,dataset_retrieval,moderation,generate_name");
        assertThat(calls.exitStatus()).as(calls.err()).isZero();

        Random random = new Random(1414);
        int kills = 0;
        List<UUID> changed = new ArrayList<>();
        List<UUID> deleted = new ArrayList<>();
        for (int attempt = 0; attempt < 5; attempt++) {
            long before = writes();
            Process child = harness.startChild(work, "attempt-" + attempt, "migrate", TO, "--kinds=feedback");
            long target = before + 2 + random.nextInt(8);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (child.isAlive() && writes() < target && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            if (!child.isAlive()) {
                break;
            }
            child.destroyForcibly(); // SIGKILL
            child.waitFor(30, TimeUnit.SECONDS);
            kills++;
            // while it is down, people change their minds in Dify: on feedback already in Weave when possible
            changeOneRatingInWeave(changed);
            deleteOneRatingInWeave(deleted);
        }
        assertThat(kills).as("killed mid-way at least 3 times").isGreaterThanOrEqualTo(3);
        assertThat(changed).isNotEmpty();
        assertThat(deleted).isNotEmpty();

        harness.weave.setRandomFaults(77, 0.05, 0.05, 0.1); // lost replies too: a create may land unanswered
        Process last = harness.startChild(work, "final", "migrate", TO, "--kinds=feedback");
        assertThat(last.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(work.resolve("final.out")) + Files.readString(work.resolve("final.err"));
        assertThat(last.exitValue()).as(out).isZero();
        harness.weave.clearRandomFaults();

        Instant syncAt = BackfillHarness.NOW.plusSeconds(600);
        BackfillHarness.Result sync = harness.runAt(syncAt, "sync", "--from=2026-11-29T00:00:00Z");
        assertThat(sync.exitStatus()).as(sync.err() + sync.out()).isZero();

        assertWeaveHoldsExactlyTheCurrentFeedback();
        assertThat(harness.weave.feedback(PROJECT)).anySatisfy(f -> assertThat(f.weaveRef())
                .isEqualTo(ref(harness.difyJdbc().queryForObject(
                        "SELECT message_id FROM message_feedbacks WHERE id = ?", UUID.class, chatflowRating))));

        // and a second sync changes nothing
        long writes = writes();
        assertThat(harness.runAt(syncAt.plusSeconds(600), "sync").exitStatus()).isZero();
        assertThat(writes()).isEqualTo(writes);
    }

    /** What Dify's rows say Weave must hold, as (type, call ref, content) once each, against Weave's rows. */
    private void assertWeaveHoldsExactlyTheCurrentFeedback() {
        Set<String> calls = harness.weave.allCallIds(PROJECT);
        List<String> expected = new ArrayList<>();
        for (Map<String, Object> row : harness.difyJdbc().queryForList(
                "SELECT message_id, rating, content FROM message_feedbacks")) {
            String message = row.get("message_id").toString();
            if (!calls.contains(message)) {
                continue; // its message was not sent (unfinished): its feedback waits
            }
            expected.add("wandb.reaction.1 " + ref(message) + " " + ("like".equals(row.get("rating")) ? "👍" : "👎"));
            String content = (String) row.get("content");
            if (content != null && !content.isEmpty()) {
                expected.add("wandb.note.1 " + ref(message) + " " + noteKey(content));
            }
        }
        for (Map<String, Object> row : harness.difyJdbc().queryForList(
                "SELECT id, message_id FROM message_annotations WHERE message_id IS NOT NULL")) {
            String message = row.get("message_id").toString();
            if (calls.contains(message)) {
                expected.add("dify.annotation " + ref(message) + " " + row.get("id"));
            }
        }
        List<String> actual = new ArrayList<>();
        for (StoredFeedback f : harness.weave.feedback(PROJECT)) {
            String key = switch (f.feedbackType()) {
                case "wandb.reaction.1" -> f.payload().path("emoji").asString();
                case "wandb.note.1" -> noteKey(f.payload().path("note").asString());
                case "dify.annotation" -> f.payload().path("dify_annotation_id").asString();
                default -> "unexpected " + f.payload();
            };
            actual.add(f.feedbackType() + " " + f.weaveRef() + " " + key);
        }
        assertThat(actual).as("every current feedback exactly once, nothing else").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(harness.weave.feedback(PROJECT)).extracting(StoredFeedback::id).doesNotHaveDuplicates();
    }

    /** A note compared by its first 200 characters and whether it was cut (a long one is, to at most 1024). */
    private static String noteKey(String text) {
        int points = text.codePointCount(0, text.length());
        String head = text.substring(0, text.offsetByCodePoints(0, Math.min(points, 200)));
        return head + (points > 200 ? "…" : "");
    }

    private static String ref(Object messageId) {
        return "weave:///" + PROJECT + "/call/" + messageId;
    }

    private UUID ensureChatflowRating(List<GeneratedMessage> finished) {
        List<UUID> existing = harness.difyJdbc().queryForList("""
                SELECT f.id FROM message_feedbacks f JOIN messages m ON m.id = f.message_id
                JOIN apps a ON a.id = m.app_id WHERE a.mode = 'advanced-chat' AND m.status = 'normal'""", UUID.class);
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        GeneratedMessage chatflow = finished.stream().filter(m -> m.appMode().equals("advanced-chat")).findFirst()
                .orElseThrow();
        UUID account = harness.difyJdbc().queryForObject("SELECT id FROM accounts ORDER BY id LIMIT 1", UUID.class);
        UUID id = UUID.randomUUID();
        harness.difyJdbc().update("""
                INSERT INTO message_feedbacks (id, app_id, conversation_id, message_id, rating, content, from_source,
                                               from_account_id, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'dislike', '答案不对 ❌', 'admin', ?, ?, ?)""", id, chatflow.appId(),
                chatflow.conversationId(), chatflow.id(), account, chatflow.createdAt().plusSeconds(90),
                chatflow.createdAt().plusSeconds(90));
        return id;
    }

    /** Flips a rating whose reaction Weave holds (and edits its comment), dated in the later sync's window. */
    private void changeOneRatingInWeave(List<UUID> changed) {
        List<UUID> candidates = ratingsInWeave(changed);
        if (candidates.isEmpty()) {
            return;
        }
        UUID id = candidates.get(0);
        harness.difyJdbc().update("""
                UPDATE message_feedbacks SET rating = CASE rating WHEN 'like' THEN 'dislike' ELSE 'like' END,
                       content = 'changed my mind ' || coalesce(content, ''), updated_at = ? WHERE id = ?""",
                changeTime(), id);
        changed.add(id);
    }

    /** Withdraws a rating whose reaction Weave holds: Dify deletes the row. */
    private void deleteOneRatingInWeave(List<UUID> deleted) {
        List<UUID> candidates = ratingsInWeave(deleted);
        if (!candidates.isEmpty()) {
            harness.difyJdbc().update("DELETE FROM message_feedbacks WHERE id = ?", candidates.get(candidates.size() - 1));
            deleted.add(candidates.get(candidates.size() - 1));
        }
    }

    private List<UUID> ratingsInWeave(List<UUID> except) {
        Set<String> refs = new HashSet<>();
        harness.weave.feedback(PROJECT).forEach(f -> refs.add(f.weaveRef()));
        return harness.difyJdbc().queryForList("SELECT id, message_id FROM message_feedbacks ORDER BY id").stream()
                .filter(r -> refs.contains(ref(r.get("message_id"))) && !except.contains((UUID) r.get("id")))
                .map(r -> (UUID) r.get("id")).toList();
    }

    private static LocalDateTime changeTime() {
        return LocalDateTime.ofInstant(BackfillHarness.NOW.minusSeconds(300), ZoneOffset.UTC);
    }

    private long writes() {
        return harness.weave.requestsTo("/feedback/batch/create").size() + harness.weave.requestsTo("/feedback/purge").size();
    }

    private long count(String sql) {
        Long n = harness.difyJdbc().queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
