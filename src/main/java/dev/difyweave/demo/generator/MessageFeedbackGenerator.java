package dev.difyweave.demo.generator;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.difyweave.demo.generator.DifyDataGenerator.Spec;
import dev.difyweave.demo.generator.EndUsers.EndUser;

/**
 * Dify's feedback tables for the messages of one conversational app at a time:
 * {@code message_feedbacks} (likes and dislikes of end users and of console accounts, some with a
 * comment) and {@code message_annotations} (operators' corrected answers, and per {@code chat} app
 * one imported without a message).
 *
 * <p>Draws only from its own stream ({@code root.child(7, tenant, mode, app)}, which consumes
 * nothing from the other streams), so turning feedback on or off leaves every other row as it was.
 * Roughly one message in {@value #RATED_ONE_IN} is rated and one in {@value #ANNOTATED_ONE_IN}
 * annotated; so that even a small data set holds every case, each app has at least one rated
 * message, and in each workspace the first rating is a like with a comment longer than Weave's note
 * limit, the next ones cover a dislike, a user and an admin as soon as the messages allow, and one
 * advanced-chat message is annotated.
 */
final class MessageFeedbackGenerator {

    static final int RATED_ONE_IN = 6;
    static final int ANNOTATED_ONE_IN = 25;

    private static final long MINUTE = 60 * UtcTime.MICROS_PER_SECOND;
    private static final long DAY = UtcTime.MICROS_PER_DAY;

    /** A message that may get feedback, with what its rows need beside the message record. */
    record Target(GeneratedMessage message, String question, EndUser endUser) {
    }

    /** What a workspace has got so far. */
    private static final class Tally {
        int rows;
        int likes;
        int dislikes;
        int users;
        int admins;
        int shortComments;
        boolean chatflowAnnotated;
    }

    private final DifyRowWriter writer;
    private final SeededRandom root;
    private final Spec spec;
    private final long latest;
    private final Map<Integer, Tally> tallies = new HashMap<>();
    private final List<GeneratedFeedback> feedbacks = new ArrayList<>();
    private final List<GeneratedAnnotation> annotations = new ArrayList<>();
    private long linkedAnnotations;

    MessageFeedbackGenerator(DifyRowWriter writer, SeededRandom root, Spec spec) {
        this.writer = writer;
        this.root = root;
        this.spec = spec;
        // Feedback keeps coming after the data set's last message, but not forever.
        this.latest = UtcTime.micros(spec.end()) + 30 * DAY;
    }

    /** Recorded feedback rows (empty unless {@link Spec#recordRuns()}). */
    List<GeneratedFeedback> feedbacks() {
        return feedbacks;
    }

    /** Recorded annotations (empty unless {@link Spec#recordRuns()}). */
    List<GeneratedAnnotation> annotations() {
        return annotations;
    }

    /** Annotations written with a message (counted whether recorded or not). */
    long linkedAnnotations() {
        return linkedAnnotations;
    }

    /** Writes the feedback of app {@code appIndex} of its mode, whose messages are {@code targets} in order. */
    void write(ChatApp app, int tenantIndex, int appIndex, List<Target> targets) throws SQLException {
        SeededRandom random = root.child(7, tenantIndex, DifyDataGenerator.MESSAGE_APP_MODES.indexOf(app.mode()),
                appIndex);
        Tally tally = tallies.computeIfAbsent(tenantIndex, t -> new Tally());
        boolean chatflow = app.mode().equals("advanced-chat");
        int count = targets.size();
        boolean[] rated = new boolean[count];
        boolean[] annotated = new boolean[count];
        boolean anyRated = false;
        boolean anyAnnotated = false;
        for (int i = 0; i < count; i++) {
            rated[i] = random.nextInt(RATED_ONE_IN) == 0;
            annotated[i] = random.nextInt(ANNOTATED_ONE_IN) == 0;
            anyRated |= rated[i];
            anyAnnotated |= annotated[i];
        }
        if (count > 0 && !anyRated) {
            rated[preferredForRating(targets)] = true;
        }
        if (count > 0 && chatflow && !tally.chatflowAnnotated && !anyAnnotated) {
            annotated[preferredForAnnotation(targets)] = true;
        }
        for (int i = 0; i < count; i++) {
            SeededRandom messageRandom = random.child(i);
            if (rated[i]) {
                rate(app, tenantIndex, targets.get(i), tally, messageRandom);
            }
            if (annotated[i]) {
                annotate(app, tenantIndex, targets.get(i), messageRandom);
                tally.chatflowAnnotated |= chatflow;
            }
        }
        if (app.mode().equals("chat")) {
            imported(app, tenantIndex, appIndex, random.child(-1));
        }
    }

    /** An end user's message if there is one (so the forced rating can be a user's), else the first. */
    private static int preferredForRating(List<Target> targets) {
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).endUser() != null) {
                return i;
            }
        }
        return 0;
    }

    /** The first message with a saved answer, else the first. */
    private static int preferredForAnnotation(List<Target> targets) {
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).message().answerSaved()) {
                return i;
            }
        }
        return 0;
    }

    /**
     * The end user of the conversation rates (console conversations have none), an account of the
     * workspace does, or both: Dify keeps one user and one admin rating per message.
     */
    private void rate(ChatApp app, int tenantIndex, Target target, Tally tally, SeededRandom random)
            throws SQLException {
        EndUser user = target.endUser();
        boolean byUser;
        boolean byAdmin;
        if (user == null) {
            byUser = false;
            byAdmin = true;
        } else if (tally.users == 0) {
            byUser = true;
            byAdmin = false;
        } else if (tally.admins == 0) {
            byUser = random.chance(0.5);
            byAdmin = true;
        } else {
            byUser = random.chance(0.8);
            byAdmin = !byUser || random.chance(0.15);
        }
        if (byUser) {
            feedback(app, target, tally, "user", user.id(), null, user.sessionId(), random);
            tally.users++;
        }
        if (byAdmin) {
            int account = random.nextInt(app.tenant().accountIds().size());
            feedback(app, target, tally, "admin", null, app.tenant().accountIds().get(account),
                    WorkspaceGenerator.personName(tenantIndex, account), random);
            tally.admins++;
        }
    }

    private void feedback(ChatApp app, Target target, Tally tally, String fromSource, UUID endUserId,
                          UUID accountId, String creator, SeededRandom random) throws SQLException {
        UUID id = random.uuid();
        boolean like = tally.likes == 0 || (tally.dislikes > 0 && random.chance(0.7));
        String rating = like ? "like" : "dislike";
        String content = tally.rows == 0 ? FeedbackTexts.longComment()
                : random.chance(0.5) ? FeedbackTexts.comment(like, tally.shortComments++, random) : null;
        GeneratedMessage message = target.message();
        long created = Math.min(UtcTime.wholeSeconds(micros(message.createdAt())
                + random.between(3 * MINUTE, 4 * DAY)), latest);
        // A quarter were changed later (Dify updates the row), in Python, with microseconds.
        LocalDateTime createdAt = UtcTime.utc(created);
        LocalDateTime updatedAt = random.chance(0.25)
                ? UtcTime.utc(Math.min(created + random.between(MINUTE, 2 * DAY), latest)) : createdAt;
        writer.insert(new DifyRows.MessageFeedback(id, app.id(), message.conversationId(), message.id(), rating,
                content, fromSource, endUserId, accountId, createdAt, updatedAt));
        tally.rows++;
        if (like) {
            tally.likes++;
        } else {
            tally.dislikes++;
        }
        if (spec.recordRuns()) {
            feedbacks.add(new GeneratedFeedback(id, message.id(), message.conversationId(), app.id(), app.mode(),
                    rating, content, fromSource, endUserId, accountId, creator, createdAt, updatedAt));
        }
    }

    /** An operator's corrected answer to the message, some minutes to days after it. */
    private void annotate(ChatApp app, int tenantIndex, Target target, SeededRandom random) throws SQLException {
        GeneratedMessage message = target.message();
        long created = Math.min(UtcTime.wholeSeconds(micros(message.createdAt())
                + random.between(10 * MINUTE, 10 * DAY)), latest);
        long updated = random.chance(0.3) ? Math.min(created + random.between(MINUTE, 3 * DAY), latest) : created;
        annotation(app, tenantIndex, message.conversationId(), message.id(), target.question(),
                FeedbackTexts.correctedAnswer(random), created, updated, random.between(0, 12), random);
        linkedAnnotations++;
    }

    /** An annotation imported without a message (a question and answer from a CSV), during the time range. */
    private void imported(ChatApp app, int tenantIndex, int appIndex, SeededRandom random) throws SQLException {
        String[] qa = FeedbackTexts.imported(tenantIndex + appIndex);
        long start = UtcTime.micros(spec.start());
        long created = UtcTime.wholeSeconds(random.between(start, start + spec.span().toNanos() / 1_000 / 2 + 1));
        annotation(app, tenantIndex, null, null, qa[0], qa[1], created, created, random.between(0, 40), random);
    }

    private void annotation(ChatApp app, int tenantIndex, UUID conversationId, UUID messageId, String question,
                            String content, long created, long updated, int hits, SeededRandom random)
            throws SQLException {
        UUID id = random.uuid();
        int account = random.nextInt(app.tenant().accountIds().size());
        UUID accountId = app.tenant().accountIds().get(account);
        LocalDateTime createdAt = UtcTime.utc(created);
        LocalDateTime updatedAt = UtcTime.utc(updated);
        writer.insert(new DifyRows.MessageAnnotation(id, app.id(), conversationId, messageId, question, content,
                accountId, hits, createdAt, updatedAt));
        if (spec.recordRuns()) {
            annotations.add(new GeneratedAnnotation(id, app.id(), app.mode(), conversationId, messageId, question,
                    content, accountId, WorkspaceGenerator.personName(tenantIndex, account), hits, createdAt,
                    updatedAt));
        }
    }

    private static long micros(LocalDateTime utc) {
        return UtcTime.micros(utc.toInstant(ZoneOffset.UTC));
    }
}
