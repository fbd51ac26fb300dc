package dev.difyweave.demo.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A conversation as it unfolds: its settings, inputs and the messages written so far. */
final class Conversation {

    private static final List<String> FOLLOW_UPS = List.of(
            "Thanks! Does that also apply to annual plans?", "It still doesn't work. What else can I try?",
            "Can you summarize that in two sentences?", "Which plan includes this?",
            "Could you send me the link to the documentation?", "And how long will that take?",
            "Okay. Is there a way to do this through the API?");

    final UUID id;
    final ChatAppSettings settings;
    final Speaker speaker;
    final String topic;
    Map<String, Object> inputs;
    /** Question and answer of each turn whose answer was saved: what later prompts repeat. */
    final List<String[]> history = new ArrayList<>();
    final List<GeneratedMessage> messages = new ArrayList<>();
    /** What each message asked, in message order (see {@link #finishTurn}). */
    final List<String> questions = new ArrayList<>();
    String firstQuery;

    Conversation(UUID id, ChatAppSettings settings, Speaker speaker, String topic, Map<String, Object> inputs) {
        this.id = id;
        this.settings = settings;
        this.speaker = speaker;
        this.topic = topic;
        this.inputs = inputs;
    }

    /** What the user asks in turn {@code turn}: a question on the topic, then follow-ups. */
    String question(int turn, SeededRandom random) {
        return turn == 0 ? TextFaker.question(random, topic) : random.pick(FOLLOW_UPS);
    }

    /** {@code parent_message_id} of the next message: the last one written, or null. */
    UUID lastMessageId() {
        return messages.isEmpty() ? null : messages.get(messages.size() - 1).id();
    }

    /**
     * Adds a written message; {@code answer} is null when none was saved. Its question is the query or,
     * for a completion message sent without one, the request in the {@code query} input.
     */
    void finishTurn(GeneratedMessage message, String query, String answer) {
        if (messages.isEmpty()) {
            firstQuery = query;
        }
        messages.add(message);
        questions.add(query.isEmpty() && inputs.get("query") instanceof String request ? request : query);
        if (answer != null) {
            history.add(new String[] {query, answer});
        }
    }

    GeneratedMessage first() {
        return messages.get(0);
    }
}
