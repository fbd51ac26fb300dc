package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import dev.difyweave.backfill.call.ContentPolicy;
import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.testsupport.StoredFeedback;

/**
 * Where the feedback step's feedback goes and in what form, on a real job: the project the message's
 * calls went to under {@code --project-routing=dify}; the export file instead of Weave
 * ({@code --export-dir}) and nowhere at all ({@code --dry-run}); notes, annotation texts and creators under
 * {@code --content=hash|drop} while reactions stay; and a feedback Weave refuses, which becomes a dead
 * letter while the rest arrives. {@link FeedbackJobTest} covers exactly-once, sync and waiting; feedback
 * rows are written here by hand, so each case is explicit.
 */
class FeedbackTargetsJobTest extends FeedbackJobFixture {

    private static final String FROM = "--from=2026-01-01T00:00:00Z";
    private static final String TO = "--to=2026-11-30T00:00:00Z";
    private static final String TRACING_ON = "{\"enabled\": true, \"tracing_provider\": \"weave\"}";

    @Test
    void withDifyRoutingAFeedbackGoesToTheProjectOfItsMessageCallsAndUnconfiguredAppsToTheDefault() {
        String routed = "team-f/rated";
        assertThat(chat.appId()).isNotEqualTo(completion.appId());
        configure(chat.appId(), "{\"entity\": \"team-f\", \"project\": \"rated\"}");
        rating(chat, "like", "spot on", "user", at(chat, 60));
        annotation(chat, "the corrected answer", at(chat, 600));
        rating(completion, "dislike", null, "admin", at(completion, 60));

        BackfillHarness.Result result = harness.run("migrate", "--project-routing=dify", FROM, TO);

        assertThat(result.exitStatus()).as(result.err() + result.out()).isZero();
        assertThat(harness.weave.call(routed, chat.id().toString())).as("the chat message's call is routed").isPresent();
        List<StoredFeedback> inRouted = harness.weave.feedback(routed);
        assertThat(inRouted).extracting(StoredFeedback::feedbackType)
                .containsExactlyInAnyOrder("wandb.reaction.1", "wandb.note.1", "dify.annotation");
        assertThat(inRouted).allSatisfy(f -> {
            assertThat(f.weaveRef()).isEqualTo("weave:///" + routed + "/call/" + chat.id());
            assertThat(f.projectId()).isEqualTo(routed);
        });
        assertThat(inRouted).filteredOn(f -> f.feedbackType().equals("wandb.reaction.1"))
                .extracting(f -> f.payload().path("emoji").asString()).containsExactly(THUMBS_UP);

        assertThat(harness.weave.call(PROJECT, completion.id().toString())).isPresent();
        List<StoredFeedback> inDefault = harness.weave.feedback(PROJECT);
        assertThat(inDefault).singleElement().satisfies(f -> {
            assertThat(f.feedbackType()).isEqualTo("wandb.reaction.1");
            assertThat(f.weaveRef()).isEqualTo("weave:///" + PROJECT + "/call/" + completion.id());
            assertThat(f.payload().path("emoji").asString()).isEqualTo(THUMBS_DOWN);
        });

        assertThat(harness.stateJdbc().queryForList(
                "SELECT DISTINCT project_id FROM backfill_feedback WHERE message_id = ?", String.class, chat.id()))
                .as("the ledger knows where the chat's feedback went").containsExactly(routed);
        assertThat(harness.stateJdbc().queryForList(
                "SELECT DISTINCT project_id FROM backfill_feedback WHERE message_id = ?", String.class, completion.id()))
                .containsExactly(PROJECT);
    }

    @Test
    void anExportWritesOneFeedbackCreateReqPerLineSendsNoFeedbackAndMatchesWhatALaterRunSends(@TempDir Path dir)
            throws Exception {
        UUID liked = rating(chat, "like", "clear and short", "user", at(chat, 60));
        rating(completion, "dislike", null, "admin", at(completion, 60));
        UUID annotated = annotation(chatflow, "use the other tool", at(chatflow, 300));
        Path exportDir = dir.resolve("out");

        BackfillHarness.Result exported = harness.run("migrate", "--export-dir=" + exportDir, FROM, TO);

        assertThat(exported.exitStatus()).as(exported.err() + exported.out()).isZero();
        assertThat(harness.weave.requests()).as("an export sends nothing, feedback included")
                .noneMatch(r -> r.path().startsWith("/feedback/"));
        assertThat(harness.weave.feedback(PROJECT)).isEmpty();
        List<String> lines = Files.readAllLines(exportDir.resolve("weave-feedback.jsonl"));
        assertThat(lines).hasSize(4);
        List<JsonNode> items = new ArrayList<>();
        for (String line : lines) {
            JsonNode item = Json.MAPPER.readTree(line);
            Set<String> fields = new HashSet<>(item.propertyNames());
            assertThat(fields).as(line).containsExactlyInAnyOrder("id", "project_id", "weave_ref", "feedback_type",
                    "payload", "creator");
            assertThat(item.get("project_id").asString()).isEqualTo(PROJECT);
            assertThat(UUID.fromString(item.get("id").asString())).isNotNull();
            assertThat(item.get("payload").isObject()).isTrue();
            items.add(item);
        }
        assertThat(items).extracting(i -> i.get("id").asString()).doesNotHaveDuplicates();
        assertThat(items).extracting(i -> i.get("feedback_type").asString() + " " + i.get("weave_ref").asString())
                .containsExactlyInAnyOrder(
                        "wandb.reaction.1 weave:///" + PROJECT + "/call/" + chat.id(),
                        "wandb.note.1 weave:///" + PROJECT + "/call/" + chat.id(),
                        "wandb.reaction.1 weave:///" + PROJECT + "/call/" + completion.id(),
                        "dify.annotation weave:///" + PROJECT + "/call/" + chatflow.id());
        JsonNode note = items.stream().filter(i -> i.get("feedback_type").asString().equals("wandb.note.1"))
                .findFirst().orElseThrow();
        assertThat(note.get("payload").get("note").asString()).isEqualTo("clear and short");
        assertThat(note.get("creator").asString()).isEqualTo(endUserSession);
        JsonNode annotation = items.stream().filter(i -> i.get("feedback_type").asString().equals("dify.annotation"))
                .findFirst().orElseThrow();
        assertThat(annotation.get("payload").get("answer").asString()).isEqualTo("use the other tool");
        assertThat(annotation.get("payload").get("dify_annotation_id").asString()).isEqualTo(annotated.toString());
        assertThat(lines).as("the Dify row's key stays in the backfill").allSatisfy(line -> assertThat(line)
                .doesNotContain(liked.toString()).doesNotContain("message_feedbacks:"));
        assertThat(harness.stateJdbc().queryForObject("SELECT count(*) FROM backfill_feedback", Long.class))
                .as("nothing may be in Weave: no ledger").isZero();

        BackfillHarness.Result sent = harness.run("migrate", FROM, TO);

        assertThat(sent.exitStatus()).as(sent.err() + sent.out()).isZero();
        assertThat(harness.weave.feedback(PROJECT)).as("the export is what a run sends, ids included")
                .extracting(StoredFeedback::id)
                .containsExactlyInAnyOrderElementsOf(items.stream().map(i -> i.get("id").asString()).toList());
    }

    @Test
    void aDryRunSendsNoFeedbackWritesNoFileAndKeepsNoLedger() {
        rating(chat, "like", "clear and short", "user", at(chat, 60));
        annotation(chat, "the corrected answer", at(chat, 600));
        Path stray = Path.of("weave-feedback.jsonl");
        assertThat(stray).doesNotExist();

        BackfillHarness.Result dry = harness.run("migrate", "--dry-run", FROM, TO);

        assertThat(dry.exitStatus()).as(dry.err() + dry.out()).isZero();
        assertThat(harness.weave.requestCount()).as("not even a feedback query").isZero();
        assertThat(stray).doesNotExist();
        assertThat(harness.stateJdbc().queryForObject("SELECT count(*) FROM backfill_feedback", Long.class)).isZero();
        assertThat(harness.stateJdbc().queryForObject(
                "SELECT count(*) FROM backfill_pending WHERE kind = 'feedback'", Long.class)).isZero();

        BackfillHarness.Result real = harness.run("migrate", FROM, TO);
        assertThat(real.exitStatus()).as(real.err() + real.out()).isZero();
        assertThat(harness.weave.feedback(PROJECT)).as("the dry run held nothing back").hasSize(3);
    }

    @Test
    void hashAndDropChangeNotesAnnotationTextsAndCreatorsButNeverTheReaction() {
        String hashed = "acme/hashed";
        String dropped = "acme/dropped";
        rating(chat, "like", "my secret opinion", "user", at(chat, 60));
        rating(chatflow, "dislike", "the admin's private remark", "admin", at(chatflow, 60));
        annotation(chat, "the confidential answer", at(chat, 600));

        BackfillHarness.Result hash = harness.run("migrate", "--content=hash", "--project=" + hashed, FROM, TO);
        BackfillHarness.Result drop = harness.run("migrate", "--content=drop", "--project=" + dropped, FROM, TO);

        assertThat(hash.exitStatus()).as(hash.err() + hash.out()).isZero();
        assertThat(drop.exitStatus()).as(drop.err() + drop.out()).isZero();
        List<String> raw = List.of("my secret opinion", "the admin's private remark", "the confidential answer",
                "the question", endUserSession, accountName);

        List<StoredFeedback> hashedRows = harness.weave.feedback(hashed);
        assertThat(hashedRows).extracting(StoredFeedback::feedbackType).containsExactlyInAnyOrder("wandb.reaction.1",
                "wandb.note.1", "wandb.reaction.1", "wandb.note.1", "dify.annotation");
        assertThat(emojis(hashed, chat)).containsExactly(THUMBS_UP);
        assertThat(emojis(hashed, chatflow)).containsExactly(THUMBS_DOWN);
        assertThat(on(hashed, chat, "wandb.note.1")).singleElement().satisfies(f -> {
            assertThat(f.payload().path("note").asString()).isEqualTo(ContentPolicy.hash("my secret opinion"));
            assertThat(f.creator()).isEqualTo(ContentPolicy.hash(endUserSession));
        });
        assertThat(on(hashed, chatflow, "wandb.reaction.1")).singleElement()
                .satisfies(f -> assertThat(f.creator()).isEqualTo(ContentPolicy.hash(accountName)));
        assertThat(on(hashed, chat, "dify.annotation")).singleElement().satisfies(f -> {
            assertThat(f.payload().path("answer").asString()).isEqualTo(ContentPolicy.hash("the confidential answer"));
            assertThat(f.payload().path("question").asString()).isEqualTo(ContentPolicy.hash("the question"));
            assertThat(f.payload().path("annotated_by").asString()).isEqualTo(ContentPolicy.hash(accountName));
            assertThat(f.creator()).isEqualTo(ContentPolicy.hash(accountName));
        });
        assertNoRawText(hashedRows, raw);

        List<StoredFeedback> droppedRows = harness.weave.feedback(dropped);
        assertThat(droppedRows).as("a dropped comment sends no note").extracting(StoredFeedback::feedbackType)
                .containsExactlyInAnyOrder("wandb.reaction.1", "wandb.reaction.1", "dify.annotation");
        assertThat(emojis(dropped, chat)).containsExactly(THUMBS_UP);
        assertThat(emojis(dropped, chatflow)).containsExactly(THUMBS_DOWN);
        assertThat(droppedRows).allSatisfy(f -> assertThat(f.creator()).isNull());
        assertThat(on(dropped, chat, "dify.annotation")).singleElement().satisfies(f -> {
            assertThat(f.payload().path("answer").isNull()).isTrue();
            assertThat(f.payload().path("question").isNull()).isTrue();
            assertThat(f.payload().path("annotated_by").isNull()).isTrue();
        });
        assertNoRawText(droppedRows, raw);
    }

    /**
     * A feedback Weave refuses: a dead letter with its reason, the rest delivered, and exit status 3, as
     * for a refused call (nothing lost silently, and a script on the exit status learns of it).
     */
    @Test
    void aFeedbackWeaveRefusesIsADeadLetterWithItsReasonAndTheRestArrives() {
        UUID refused = rating(completion, "like", null, "user", at(completion, 60));
        rating(chat, "like", null, "user", at(chat, 60));
        rating(chatflow, "dislike", "wrong tool picked", "admin", at(chatflow, 120));
        harness.weave.rejectFeedbackOnCalls(PROJECT, completion.id().toString());

        BackfillHarness.Result result = harness.run("migrate", FROM, TO);

        assertThat(result.exitStatus()).as(result.err() + result.out()).isEqualTo(3);
        assertThat(result.err()).contains("1 feedback were refused by Weave or not sent");
        assertThat(harness.weave.requestsTo("/feedback/batch/create")).as("the batch was refused, then bisected")
                .anyMatch(r -> r.status() == 400).anyMatch(r -> r.status() == 200);
        assertThat(emojis(PROJECT, chat)).containsExactly(THUMBS_UP);
        assertThat(emojis(PROJECT, chatflow)).containsExactly(THUMBS_DOWN);
        assertThat(on(PROJECT, chatflow, "wandb.note.1")).hasSize(1);
        assertThat(on(PROJECT, completion, "wandb.reaction.1")).isEmpty();
        assertThat(harness.weave.feedback(PROJECT)).hasSize(3);

        List<Map<String, Object>> deadLetters = harness.stateJdbc().queryForList(
                "SELECT project_id, call_id, op_name, source_key, http_status, reason FROM backfill_dead_letter");
        assertThat(deadLetters).singleElement().satisfies(d -> {
            assertThat(d.get("project_id")).isEqualTo(PROJECT);
            assertThat(d.get("call_id")).isEqualTo(completion.id().toString());
            assertThat(d.get("op_name")).isEqualTo("wandb.reaction.1");
            assertThat(d.get("source_key")).isEqualTo("message_feedbacks:" + refused);
            assertThat(d.get("http_status")).isEqualTo(400);
            assertThat(d.get("reason").toString()).contains("rejected by the test");
        });
        assertThat(counts()).containsEntry("wandb.reaction.1|dead_letter", 1L)
                .containsEntry("wandb.reaction.1|created", 2L).containsEntry("wandb.note.1|created", 1L);
    }

    private void configure(UUID app, String config) {
        harness.difyJdbc().update("UPDATE apps SET tracing = ? WHERE id = ?", TRACING_ON, app);
        harness.difyJdbc().update("INSERT INTO trace_app_config (app_id, tracing_provider, tracing_config) "
                + "VALUES (?, 'weave', ?::json)", app, config);
    }

    private static void assertNoRawText(List<StoredFeedback> rows, List<String> raw) {
        for (StoredFeedback row : rows) {
            String seen = row.payload().toString() + " " + row.creator();
            for (String text : raw) {
                assertThat(seen).as("%s of %s", row.feedbackType(), row.weaveRef()).doesNotContain(text);
            }
        }
    }
}
