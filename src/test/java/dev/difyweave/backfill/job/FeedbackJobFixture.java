package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import dev.difyweave.backfill.testsupport.StoredFeedback;
import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.GeneratedMessage;

/**
 * What the feedback job tests share: generated Dify data with its own feedback removed, so each test
 * writes exactly the ratings and annotations it is about (on a finished chat, advanced-chat and completion
 * message, from an end user or an account), and reads back Weave's feedback and the step's counts.
 */
abstract class FeedbackJobFixture {

    static final String PROJECT = BackfillHarness.PROJECT;
    static final String THUMBS_UP = "\uD83D\uDC4D";
    static final String THUMBS_DOWN = "\uD83D\uDC4E";

    BackfillHarness harness;
    GeneratedMessage chat;
    GeneratedMessage chatflow;
    GeneratedMessage completion;
    UUID endUser;
    String endUserSession;
    UUID account;
    String accountName;

    @BeforeEach
    void createDifyWithoutFeedback() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        harness.difyJdbc().update("DELETE FROM message_feedbacks");
        harness.difyJdbc().update("DELETE FROM message_annotations");
        chat = finished("chat");
        chatflow = finished("advanced-chat");
        completion = finished("completion");
        Map<String, Object> user = harness.difyJdbc().queryForMap("SELECT id, session_id FROM end_users ORDER BY id LIMIT 1");
        endUser = (UUID) user.get("id");
        endUserSession = (String) user.get("session_id");
        Map<String, Object> owner = harness.difyJdbc().queryForMap("SELECT id, name FROM accounts ORDER BY id LIMIT 1");
        account = (UUID) owner.get("id");
        accountName = (String) owner.get("name");
        assertThat(endUserSession).isNotBlank();
        assertThat(accountName).isNotBlank();
    }

    @AfterEach
    void closeHarness() {
        harness.close();
    }

    GeneratedMessage finished(String mode) {
        return harness.generated.messages().stream().filter(m -> m.appMode().equals(mode) && m.finished())
                .findFirst().orElseThrow();
    }

    static LocalDateTime at(GeneratedMessage message, long secondsAfter) {
        return message.createdAt().plusSeconds(secondsAfter);
    }

    /** A {@code message_feedbacks} row from the end user ({@code from = "user"}) or the account ({@code "admin"}). */
    UUID rating(GeneratedMessage message, String rating, String content, String from, LocalDateTime at) {
        UUID id = UUID.randomUUID();
        boolean user = from.equals("user");
        harness.difyJdbc().update("""
                INSERT INTO message_feedbacks (id, app_id, conversation_id, message_id, rating, content, from_source,
                                               from_end_user_id, from_account_id, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, message.appId(), message.conversationId(),
                message.id(), rating, content, from, user ? endUser : null, user ? null : account, at, at);
        return id;
    }

    /** A {@code message_annotations} row by the account, linked to {@code message} (of the chat app when null). */
    UUID annotation(GeneratedMessage message, String content, LocalDateTime at) {
        UUID id = UUID.randomUUID();
        harness.difyJdbc().update("""
                INSERT INTO message_annotations (id, app_id, conversation_id, message_id, question, content, account_id,
                                                 created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, message == null ? chat.appId() : message.appId(),
                message == null ? null : message.conversationId(), message == null ? null : message.id(),
                "the question", content, account, at, at);
        return id;
    }

    /** Weave's feedback of this type on the message's call in this project. */
    List<StoredFeedback> on(String project, GeneratedMessage message, String type) {
        String ref = "weave:///" + project + "/call/" + message.id();
        return harness.weave.feedback(project).stream()
                .filter(f -> f.weaveRef().equals(ref) && f.feedbackType().equals(type)).toList();
    }

    List<StoredFeedback> on(GeneratedMessage message, String type) {
        return on(PROJECT, message, type);
    }

    List<String> emojis(String project, GeneratedMessage message) {
        return on(project, message, "wandb.reaction.1").stream().map(f -> f.payload().path("emoji").asString()).toList();
    }

    List<String> reactions(GeneratedMessage message) {
        return emojis(PROJECT, message);
    }

    /** {@code backfill_feedback_counts} summed over every run: "type|outcome" -> count. */
    Map<String, Long> counts() {
        return harness.stateJdbc().queryForList("""
                SELECT feedback_type, outcome, sum(count) AS n FROM backfill_feedback_counts
                GROUP BY feedback_type, outcome""").stream().collect(Collectors.toMap(
                r -> r.get("feedback_type") + "|" + r.get("outcome"), r -> ((Number) r.get("n")).longValue()));
    }
}
