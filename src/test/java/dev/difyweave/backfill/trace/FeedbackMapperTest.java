package dev.difyweave.backfill.trace;

import static dev.difyweave.backfill.trace.MessageRows.FILES_URL;
import static dev.difyweave.backfill.trace.MessageRows.MESSAGE_ID;
import static dev.difyweave.backfill.trace.MessageRows.PROVENANCE;
import static dev.difyweave.backfill.trace.MessageRows.message;
import static dev.difyweave.backfill.trace.MessageRows.run;
import static dev.difyweave.backfill.trace.MessageTraceMapperTest.ALL_KINDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.call.ContentMode;
import dev.difyweave.backfill.call.ContentPolicy;
import dev.difyweave.backfill.call.FeedbackText;
import dev.difyweave.backfill.call.PythonJsonLength;
import dev.difyweave.backfill.call.WeaveCall;
import dev.difyweave.backfill.call.WeaveFeedback;
import dev.difyweave.backfill.source.AnnotationRow;
import dev.difyweave.backfill.source.FeedbackRow;

/** Dify ratings and annotations -> Weave feedback (trace-mapping.md "Feedback"). */
class FeedbackMapperTest {

    static final String PROJECT = "team/project";
    static final UUID APP = UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    static final UUID MESSAGE = MESSAGE_ID;
    static final UUID END_USER = UUID.fromString("f1e2d3c4-b5a6-4978-8c9d-0e1f2a3b4c5d");
    static final UUID ACCOUNT = UUID.fromString("88a7b6c5-d4e3-4f21-9a8b-7c6d5e4f3a2b");
    static final LocalDateTime CREATED = LocalDateTime.parse("2025-11-21T08:00:00");
    static final LocalDateTime UPDATED = LocalDateTime.parse("2025-11-21T08:05:30");

    private final FeedbackMapper keep = new FeedbackMapper(new ContentPolicy(ContentMode.KEEP));

    static FeedbackRow rating(UUID id, String rating, String content) {
        return new FeedbackRow(id, APP, UUID.randomUUID(), MESSAGE, rating, content, "user", END_USER, null,
                "user-42@example.com", true, CREATED, UPDATED);
    }

    static AnnotationRow annotation(UUID id, UUID messageId, String question, String answer) {
        return new AnnotationRow(id, APP, null, messageId, question, answer, ACCOUNT, "Ada Operator", true, CREATED,
                UPDATED);
    }

    private FeedbackMapping map(FeedbackMapper mapper, List<FeedbackRow> ratings, List<AnnotationRow> annotations) {
        return mapper.map(ratings, annotations, app -> PROJECT);
    }

    private static WeaveFeedback only(FeedbackMapping mapping, String type) {
        return mapping.feedback().stream().filter(f -> f.feedbackType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void aLikeIsAThumbsUpReactionOnTheMessageCallAndADislikeAThumbsDown() {
        FeedbackMapping like = map(keep, List.of(rating(UUID.randomUUID(), "like", null)), List.of());
        FeedbackMapping dislike = map(keep, List.of(rating(UUID.randomUUID(), "dislike", "")), List.of());

        WeaveFeedback up = like.feedback().get(0);
        assertThat(like.feedback()).hasSize(1);
        assertThat(up.feedbackType()).isEqualTo("wandb.reaction.1");
        assertThat(up.payload().toString()).isEqualTo("{\"emoji\":\"\uD83D\uDC4D\"}");
        assertThat(up.weaveRef()).isEqualTo("weave:///team/project/call/" + MESSAGE);
        assertThat(up.creator()).isEqualTo("user-42@example.com");
        assertThat(up.sourceKey()).startsWith("message_feedbacks:");
        assertThat(dislike.feedback()).singleElement().satisfies(f -> assertThat(f.payload().path("emoji").stringValue())
                .isEqualTo("\uD83D\uDC4E"));
        assertThat(like.problems()).isEmpty();
    }

    @Test
    void aCommentIsANoteBesideTheReaction() {
        FeedbackMapping mapping = map(keep, List.of(rating(UUID.randomUUID(), "dislike", "Wrong opening hours.")),
                List.of());

        assertThat(mapping.feedback()).extracting(WeaveFeedback::feedbackType)
                .containsExactly("wandb.reaction.1", "wandb.note.1");
        WeaveFeedback note = only(mapping, WeaveFeedback.NOTE);
        assertThat(note.payload().toString()).isEqualTo("{\"note\":\"Wrong opening hours.\"}");
        assertThat(note.weaveRef()).isEqualTo("weave:///team/project/call/" + MESSAGE);
        assertThat(note.creator()).isEqualTo("user-42@example.com");
    }

    @Test
    void aLongMultiByteCommentIsCutVisiblyTo1024CodePointsAndTheReactionStays() {
        StringBuilder comment = new StringBuilder();
        String unit = "\uD83D\uDE00\u6F22\u5B57\uD83D\uDC4D\u3042"; // 😀漢字👍あ: 5 code points, 7 UTF-16 units
        while (comment.codePointCount(0, comment.length()) < 3000) {
            comment.append(unit);
        }
        String text = comment.toString();
        assertThat(text.codePointCount(0, text.length())).isEqualTo(3000);

        FeedbackMapping mapping = map(keep, List.of(rating(UUID.randomUUID(), "like", text)), List.of());

        assertThat(mapping.count(WeaveFeedback.REACTION)).isEqualTo(1);
        String note = only(mapping, WeaveFeedback.NOTE).payload().path("note").stringValue();
        assertThat(note.codePointCount(0, note.length())).isEqualTo(FeedbackText.MAX_NOTE_CHARS);
        assertThat(note).endsWith(" of 3000 chars]").contains("truncated by dify-weave-backfill");
        String kept = note.substring(0, note.indexOf("…[truncated"));
        assertThat(text).startsWith(kept);
        assertThat(kept.chars().filter(c -> Character.isSurrogate((char) c)).count() % 2).isZero();
        assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
        assertThat(mapping.problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("3000 characters cut to 1024"));
    }

    @Test
    void aCommentOfExactly1024CodePointsIsNotCut() {
        String text = "\uD83D\uDE00".repeat(1024);

        String note = only(map(keep, List.of(rating(UUID.randomUUID(), "like", text)), List.of()), WeaveFeedback.NOTE)
                .payload().path("note").stringValue();

        assertThat(note).isEqualTo(text);
    }

    @Test
    void idsAreUuidV5SameOnEveryRunAndNewForAChangedRatingOrComment() {
        UUID id = UUID.randomUUID();
        FeedbackMapping first = map(keep, List.of(rating(id, "like", "ok")), List.of());
        FeedbackMapping again = map(keep, List.of(rating(id, "like", "ok")), List.of());
        FeedbackMapping rerated = map(keep, List.of(rating(id, "dislike", "ok")), List.of());
        FeedbackMapping recommented = map(keep, List.of(rating(id, "like", "not ok")), List.of());
        FeedbackMapping elsewhere = new FeedbackMapper(new ContentPolicy(ContentMode.KEEP))
                .map(List.of(rating(id, "like", "ok")), List.of(), app -> "team/other");

        assertThat(again.feedback()).extracting(WeaveFeedback::id)
                .containsExactlyElementsOf(first.feedback().stream().map(WeaveFeedback::id).toList());
        assertThat(UUID.fromString(first.feedback().get(0).id()).version()).isEqualTo(5);
        assertThat(only(rerated, WeaveFeedback.REACTION).id()).isNotEqualTo(only(first, WeaveFeedback.REACTION).id());
        assertThat(only(rerated, WeaveFeedback.NOTE).id()).isEqualTo(only(first, WeaveFeedback.NOTE).id());
        assertThat(only(recommented, WeaveFeedback.NOTE).id()).isNotEqualTo(only(first, WeaveFeedback.NOTE).id());
        assertThat(only(recommented, WeaveFeedback.REACTION).id()).isEqualTo(only(first, WeaveFeedback.REACTION).id());
        assertThat(only(elsewhere, WeaveFeedback.REACTION).id()).isNotEqualTo(only(first, WeaveFeedback.REACTION).id());
        assertThat(only(first, WeaveFeedback.NOTE).id()).isNotEqualTo(only(first, WeaveFeedback.REACTION).id());
    }

    @Test
    void dropLeavesTheReactionAndRemovesTheNoteCreatorAndAnnotationTexts() {
        FeedbackMapper drop = new FeedbackMapper(new ContentPolicy(ContentMode.DROP));
        UUID annotationId = UUID.randomUUID();

        FeedbackMapping mapping = map(drop, List.of(rating(UUID.randomUUID(), "like", "secret comment")),
                List.of(annotation(annotationId, MESSAGE, "secret question", "secret answer")));

        assertThat(mapping.feedback()).extracting(WeaveFeedback::feedbackType)
                .containsExactly("wandb.reaction.1", "dify.annotation");
        WeaveFeedback reaction = only(mapping, WeaveFeedback.REACTION);
        assertThat(reaction.payload().toString()).isEqualTo("{\"emoji\":\"\uD83D\uDC4D\"}");
        assertThat(reaction.creator()).isNull();
        WeaveFeedback annotation = only(mapping, WeaveFeedback.ANNOTATION);
        assertThat(annotation.creator()).isNull();
        assertThat(annotation.payload().path("question").isNull()).isTrue();
        assertThat(annotation.payload().path("answer").isNull()).isTrue();
        assertThat(annotation.payload().path("annotated_by").isNull()).isTrue();
        assertThat(annotation.payload().path("dify_annotation_id").stringValue()).isEqualTo(annotationId.toString());
        assertThat(new String(annotation.createItem())).doesNotContain("secret").doesNotContain("Ada");
    }

    @Test
    void hashHashesNoteCreatorAndAnnotationTextsAndKeepsTheReaction() {
        FeedbackMapper hash = new FeedbackMapper(new ContentPolicy(ContentMode.HASH));

        FeedbackMapping mapping = map(hash, List.of(rating(UUID.randomUUID(), "dislike", "secret comment")),
                List.of(annotation(UUID.randomUUID(), MESSAGE, "secret question", "secret answer")));

        assertThat(only(mapping, WeaveFeedback.REACTION).payload().path("emoji").stringValue()).isEqualTo("\uD83D\uDC4E");
        assertThat(only(mapping, WeaveFeedback.REACTION).creator()).isEqualTo(ContentPolicy.hash("user-42@example.com"));
        assertThat(only(mapping, WeaveFeedback.NOTE).payload().path("note").stringValue())
                .isEqualTo(ContentPolicy.hash("secret comment"));
        WeaveFeedback annotation = only(mapping, WeaveFeedback.ANNOTATION);
        assertThat(annotation.payload().path("question").stringValue()).isEqualTo(ContentPolicy.hash("secret question"));
        assertThat(annotation.payload().path("answer").stringValue()).isEqualTo(ContentPolicy.hash("secret answer"));
        assertThat(annotation.creator()).isEqualTo(ContentPolicy.hash("Ada Operator"));
        assertThat(mapping.feedback()).allSatisfy(f -> assertThat(new String(f.createItem())).doesNotContain("secret"));
    }

    @Test
    void anAnnotationOnAMessageIsADifyAnnotationAndOneWithoutAMessageIsOnlyCounted() {
        UUID linked = UUID.randomUUID();

        FeedbackMapping mapping = map(keep, List.of(), List.of(annotation(linked, MESSAGE, "Opening hours?",
                "9 to 5, Monday to Friday."), annotation(UUID.randomUUID(), null, "Imported", "Without a message")));

        assertThat(mapping.unlinkedAnnotations()).isEqualTo(1);
        WeaveFeedback annotation = mapping.feedback().get(0);
        assertThat(mapping.feedback()).hasSize(1);
        assertThat(annotation.feedbackType()).isEqualTo("dify.annotation");
        assertThat(annotation.weaveRef()).isEqualTo("weave:///team/project/call/" + MESSAGE);
        assertThat(annotation.creator()).isEqualTo("Ada Operator");
        assertThat(annotation.payload().toString()).isEqualTo("{\"question\":\"Opening hours?\",\"answer\":"
                + "\"9 to 5, Monday to Friday.\",\"annotated_by\":\"Ada Operator\",\"dify_annotation_id\":\"" + linked
                + "\",\"dify_updated_at\":\"2025-11-21T08:05:30Z\"}");
    }

    @Test
    void onlyTheAnnotationsWithoutAMessageAreCountedAsUnlinked() {
        FeedbackMapping mapping = map(keep, List.of(), List.of(annotation(UUID.randomUUID(), MESSAGE, "a", "b"),
                annotation(UUID.randomUUID(), MESSAGE, "c", "d"), annotation(UUID.randomUUID(), null, "e", "f")));

        assertThat(mapping.feedback()).hasSize(2);
        assertThat(mapping.unlinkedAnnotations()).isEqualTo(1);
    }

    @Test
    void anAnnotatorWhoseAccountIsGoneIsRecordedAndTheAnnotationSent() {
        UUID id = UUID.randomUUID();
        AnnotationRow orphan = new AnnotationRow(id, APP, null, MESSAGE, "q", "a", ACCOUNT, ACCOUNT.toString(), false,
                CREATED, UPDATED);

        FeedbackMapping mapping = map(keep, List.of(), List.of(orphan));

        assertThat(mapping.feedback().get(0).creator()).isEqualTo(ACCOUNT.toString());
        assertThat(mapping.problems()).singleElement().satisfies(p -> {
            assertThat(p.table()).isEqualTo("message_annotations");
            assertThat(p.key()).isEqualTo(id.toString());
            assertThat(p.column()).isEqualTo("account_id");
            assertThat(p.reason()).isEqualTo("orphan: account " + ACCOUNT + " not found; its id is the creator");
        });
    }

    @Test
    void aHugeMultiByteAnnotationIsCutToWeavesPayloadLimitAsPythonCountsIt() {
        String question = "\u6F22".repeat(100_000); // 600,000 characters once json.dumps escapes them
        String answer = "\uD83D\uDE00".repeat(100_000); // 1,200,000

        FeedbackMapping mapping = map(keep, List.of(), List.of(annotation(UUID.randomUUID(), MESSAGE, question, answer)));

        WeaveFeedback annotation = mapping.feedback().get(0);
        assertThat(PythonJsonLength.of(annotation.payload())).isLessThanOrEqualTo(FeedbackText.MAX_PAYLOAD_CHARS)
                .isGreaterThan(FeedbackText.MAX_PAYLOAD_CHARS - 200);
        assertThat(annotation.payload().path("question").stringValue()).contains("truncated by dify-weave-backfill");
        assertThat(annotation.payload().path("answer").stringValue()).contains("truncated by dify-weave-backfill");
        assertThat(mapping.problems()).singleElement().satisfies(p -> assertThat(p.table()).isEqualTo("message_annotations"));
    }

    @Test
    void anUnknownRatingSendsNoReactionButItsNoteAndIsRecorded() {
        FeedbackMapping mapping = map(keep, List.of(rating(UUID.randomUUID(), "meh", "hmm")), List.of());

        assertThat(mapping.feedback()).extracting(WeaveFeedback::feedbackType).containsExactly("wandb.note.1");
        assertThat(mapping.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("unknown rating 'meh'"));
    }

    @Test
    void aCreatorWhoseRowIsGoneIsItsIdAndRecorded() {
        FeedbackRow orphan = new FeedbackRow(UUID.randomUUID(), APP, UUID.randomUUID(), MESSAGE, "like", null, "admin",
                null, ACCOUNT, ACCOUNT.toString(), false, CREATED, UPDATED);

        FeedbackMapping mapping = map(keep, List.of(orphan), List.of());

        assertThat(mapping.feedback().get(0).creator()).isEqualTo(ACCOUNT.toString());
        assertThat(mapping.problems()).singleElement().satisfies(p -> {
            assertThat(p.column()).isEqualTo("from_account_id");
            assertThat(p.reason()).contains("orphan: account " + ACCOUNT);
        });
    }

    @Test
    void feedbackPointsAtTheCallTheMessageMappersSendForChatAndForTheChatflowRoot() {
        MessageTraceMapper messages = new MessageTraceMapper(PROVENANCE, FILES_URL);
        WeaveCall chatRoot = root(messages.map(message().build(), ALL_KINDS).calls());
        WeaveCall chatflowRoot = root(messages.map(message().chatflow(run()
                .node(1, "start", "Start", "{}", null, "{}", null, 0.01).build()).build(), ALL_KINDS).calls());

        String target = map(keep, List.of(rating(UUID.randomUUID(), "like", null)), List.of()).feedback().get(0).callId();

        assertThat(chatRoot.opName()).isEqualTo("message");
        assertThat(chatflowRoot.opName()).isEqualTo("message");
        assertThat(target).isEqualTo(chatRoot.id()).isEqualTo(chatflowRoot.id());
    }

    private static WeaveCall root(List<WeaveCall> calls) {
        return calls.stream().filter(c -> c.parentId() == null).findFirst().orElseThrow();
    }
}
