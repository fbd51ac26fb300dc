package dev.difyweave.demo.generator;

import static dev.difyweave.demo.generator.Json.obj;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.difyweave.demo.generator.DifyDataGenerator.Spec;

/**
 * The message side of Dify: apps of modes {@code chat}, {@code completion}, {@code agent-chat} and
 * {@code advanced-chat} with their configurations, end users, knowledge bases, conversations and
 * messages, and what hangs off a message (agent thoughts, files, citations, the chatflow run).
 *
 * <p>Per app, the conversations are laid out first (start times, turns, which configuration they
 * use), then every message gets its fate before any row is written, so that even a small data set
 * holds every case: the last message of the last conversation is still being answered a few minutes
 * before the end of the time range, a few fail, keyword moderation answers a few with its preset
 * response, one has {@code updated_at = created_at}, and the first chat app of a workspace has two
 * old messages with legacy {@code dataset_retriever_resources} rows.
 *
 * <p>After an app's messages, {@link MessageFeedbackGenerator} rates and annotates some of them (its own
 * random stream, so the rows above do not depend on whether feedback is generated).
 *
 * <p>Easy-UI apps have two {@code app_model_configs} rows: the one their first conversations use and
 * the current one ({@code apps.app_model_config_id}); they differ in moderation, citations and
 * suggested questions, and each conversation keeps the row it started with, as in Dify.
 */
final class ChatAppGenerator {

    private static final List<String> TIERS = List.of("free", "pro", "enterprise");

    private final DifyRowWriter writer;
    private final SeededRandom root;
    private final Spec spec;
    private final ChatAppCreator apps;
    private final MessageAttachments attachments;
    private final ChatflowMessageWriter chatflowMessages;
    private final MessageFeedbackGenerator feedback;
    private final List<GeneratedConversation> conversations = new ArrayList<>();
    private final List<GeneratedMessage> messages = new ArrayList<>();
    private int allApps;

    ChatAppGenerator(DifyRowWriter writer, SeededRandom root, Spec spec) {
        this.writer = writer;
        this.root = root;
        this.spec = spec;
        this.apps = new ChatAppCreator(writer, spec);
        this.attachments = new MessageAttachments(writer);
        this.chatflowMessages = new ChatflowMessageWriter(writer, spec);
        this.feedback = new MessageFeedbackGenerator(writer, root, spec);
    }

    List<GeneratedChatApp> apps() {
        return apps.apps();
    }

    List<GeneratedConversation> conversations() {
        return conversations;
    }

    List<GeneratedMessage> messages() {
        return messages;
    }

    List<GeneratedRun> chatflowRuns() {
        return chatflowMessages.runs();
    }

    Map<String, Long> chatflowRunsByStatus() {
        return chatflowMessages.runsByStatus();
    }

    long chatflowNodeExecutions() {
        return chatflowMessages.nodeExecutions();
    }

    List<GeneratedFeedback> feedbacks() {
        return feedback.feedbacks();
    }

    List<GeneratedAnnotation> annotations() {
        return feedback.annotations();
    }

    long linkedAnnotations() {
        return feedback.linkedAnnotations();
    }

    /** Generates app {@code appIndex} of {@code mode} (one of {@link DifyDataGenerator#MESSAGE_APP_MODES}). */
    void generate(GeneratedTenant tenant, int tenantIndex, String mode, int appIndex) throws SQLException {
        SeededRandom random = root.child(5, tenantIndex, DifyDataGenerator.MESSAGE_APP_MODES.indexOf(mode), appIndex);
        long rangeStart = UtcTime.micros(spec.start());
        long rangeEnd = UtcTime.micros(spec.end());

        boolean completion = mode.equals("completion");
        int conversationCount = completion ? spec.conversationsPerApp() * spec.messagesPerConversation()
                : spec.conversationsPerApp();
        int[] turns = ConversationLayout.turns(random.child(1), conversationCount,
                completion ? 1 : spec.messagesPerConversation());
        long[] starts = ConversationLayout.starts(random.child(1), conversationCount, rangeStart, rangeEnd);
        int switchIndex = conversationCount >= 2 ? Math.max(1, conversationCount / 3) : 0;
        long switchAt = switchIndex == 0 ? rangeStart - random.between(1L, 5L) * UtcTime.MICROS_PER_DAY
                : random.between(starts[switchIndex - 1] + UtcTime.MICROS_PER_SECOND, starts[switchIndex]);

        ChatApp app = apps.create(random, tenant, tenantIndex, mode, appIndex, switchIndex, rangeStart, switchAt);
        // The first chat app of a workspace is old enough to have legacy citation rows.
        MessageFates fates = MessageFates.of(app, turns, mode.equals("chat") && appIndex == 0, random.child(2));
        EasyUiMessageWriter easyUiMessages = new EasyUiMessageWriter(writer, spec, attachments);
        List<MessageFeedbackGenerator.Target> feedbackTargets = new ArrayList<>();
        for (int c = 0; c < conversationCount; c++) {
            Conversation conversation = conversation(app, c, turns[c], starts[c], c == conversationCount - 1,
                    rangeEnd, fates, easyUiMessages, random.child(4, c));
            if (spec.feedback()) {
                for (int t = 0; t < conversation.messages.size(); t++) {
                    feedbackTargets.add(new MessageFeedbackGenerator.Target(conversation.messages.get(t),
                            conversation.questions.get(t), conversation.speaker.endUser()));
                }
            }
        }
        if (spec.feedback()) {
            feedback.write(app, tenantIndex, appIndex, feedbackTargets);
        }
        allApps++;
    }

    private Conversation conversation(ChatApp app, int index, int turns, long start, boolean live, long rangeEnd,
                                      MessageFates fates, EasyUiMessageWriter easyUiMessages, SeededRandom random)
            throws SQLException {
        UUID id = random.uuid();
        Speaker speaker = Speaker.draw(app, random);
        String topic = random.pick(TextFaker.TOPICS);
        boolean completion = app.mode().equals("completion");
        Map<String, Object> inputs = completion ? obj() : obj("language", random.pick(WorkflowAppGenerator.LANGUAGES),
                "customer_tier", random.pick(TIERS));
        Conversation conversation = new Conversation(id, app.settings(index), speaker, topic, inputs);

        // Each message starts after the previous one ended; the live conversation's follow a fixed schedule.
        long[] schedule = live ? ConversationLayout.liveStarts(random, turns, rangeEnd) : null;
        long firstStart = 0;
        long messageStart = 0;
        long previousEnd = 0;
        for (int t = 0; t < turns; t++) {
            if (live) {
                messageStart = t == 0 ? schedule[0]
                        : UtcTime.wholeSeconds(Math.max(schedule[t], previousEnd + UtcTime.MICROS_PER_SECOND));
            } else {
                messageStart = t == 0 ? start
                        : UtcTime.wholeSeconds(previousEnd + random.between(15L, 900L) * UtcTime.MICROS_PER_SECOND);
            }
            if (t == 0) {
                firstStart = messageStart;
            }
            SeededRandom messageRandom = random.child(t);
            MessageFate fate = fates.fate(index, t);
            previousEnd = app.easyUi()
                    ? easyUiMessages.write(app, conversation, t, fate, fates.legacy(index, t),
                            fates.sameUpdatedAt(index, t), messageStart, messageRandom)
                    : chatflowMessages.write(app, conversation, t, fate, messageStart, messageRandom);
        }

        String name = conversationName(app, index, topic, random);
        boolean deleted = !live && (allApps + index) % 6 == 4;
        // Dify touches updated_at (in Python, with microseconds) when a later message arrives.
        long updatedAt = turns == 1 ? firstStart : messageStart + random.between(1_000L, 400_000L);
        writer.insert(new DifyRows.Conversation(id, app.id(), app.easyUi() ? conversation.settings.configId() : null,
                app.easyUi() ? app.model().provider() : null, app.easyUi() ? app.model().name() : null, app.mode(),
                name, Json.write(conversation.inputs), app.openingStatement(), speaker.fromSource(),
                speaker.endUserId(), speaker.accountId(),
                UtcTime.utcSeconds(firstStart), UtcTime.utc(updatedAt), deleted, speaker.invokeFrom(),
                app.mode().equals("advanced-chat") ? turns : 0));
        if (spec.recordRuns()) {
            messages.addAll(conversation.messages);
            conversations.add(new GeneratedConversation(id, app.id(), app.mode(), name, deleted,
                    conversation.first().id(), conversation.first().createdAt(), conversation.firstQuery, turns));
        }
        return conversation;
    }

    /**
     * Most conversations of chat-like apps have a generated title; some still have Dify's placeholder
     * and some an empty name. Completion conversations are never named.
     */
    private String conversationName(ChatApp app, int index, String topic, SeededRandom random) {
        if (app.mode().equals("completion")) {
            return DifyDataGenerator.PLACEHOLDER_CONVERSATION_NAME;
        }
        return switch ((allApps + index) % 5) {
            case 3 -> DifyDataGenerator.PLACEHOLDER_CONVERSATION_NAME;
            case 4 -> "";
            default -> {
                String title = Character.toUpperCase(topic.charAt(0)) + topic.substring(1);
                yield random.pick(title, "Help with " + topic, title + " question");
            }
        };
    }
}
