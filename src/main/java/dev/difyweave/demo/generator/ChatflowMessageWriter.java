package dev.difyweave.demo.generator;

import static dev.difyweave.demo.generator.DifyRows.NO_PROMPT;
import static dev.difyweave.demo.generator.DifyRows.PRICE_UNIT;
import static dev.difyweave.demo.generator.Json.obj;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.difyweave.demo.generator.DifyDataGenerator.Spec;

/**
 * Writes the messages of {@code advanced-chat} apps (chatflows): each message's workflow run (via
 * {@link ChatflowRunSimulator}), then its {@code messages} row with the run's answer and usage.
 */
final class ChatflowMessageWriter {

    private static final BigDecimal ZERO = BigDecimal.ZERO;

    private final DifyRowWriter writer;
    private final Spec spec;
    private final ChatflowRunSimulator simulator;
    private final List<GeneratedRun> runs = new ArrayList<>();
    private final Map<String, Long> runsByStatus = new LinkedHashMap<>();
    private long nodeExecutions;

    ChatflowMessageWriter(DifyRowWriter writer, Spec spec) {
        this.writer = writer;
        this.spec = spec;
        this.simulator = new ChatflowRunSimulator(writer);
    }

    /** The chatflow runs written (empty unless {@link Spec#recordRuns()}). */
    List<GeneratedRun> runs() {
        return runs;
    }

    Map<String, Long> runsByStatus() {
        return runsByStatus;
    }

    long nodeExecutions() {
        return nodeExecutions;
    }

    /** Writes one message of {@code conversation} after playing its workflow run; returns when it ended. */
    long write(ChatApp app, Conversation conversation, int turn, MessageFate fate, long start, SeededRandom random)
            throws SQLException {
        Speaker speaker = conversation.speaker;
        UUID messageId = random.uuid();
        String query = conversation.question(turn, random);
        String status = switch (fate) {
            case FAILED -> "failed";
            case PENDING -> "running";
            default -> "succeeded";
        };
        ChatflowRunSimulator.Outcome run = simulator.simulate(app.chatflow(),
                new ChatflowRunSimulator.Turn(status, speaker.role(), speaker.userId(), speaker.sysUserId(),
                        speaker.invokeFrom(), start + random.between(20_000L, 150_000L), conversation.topic, query,
                        conversation.inputs, turn + 1),
                random);
        runsByStatus.merge(status, 1L, Long::sum);
        nodeExecutions += run.run().nodes().size();
        if (spec.recordRuns()) {
            runs.add(run.run());
        }

        boolean saved = fate == MessageFate.ANSWERED;
        Map<String, Object> usage = run.usage();
        long updatedAt = fate == MessageFate.PENDING ? start : run.endMicros() + random.between(2_000L, 40_000L);
        long promptTokens = saved ? ((Number) usage.get("prompt_tokens")).longValue() : 0;
        long answerTokens = saved ? ((Number) usage.get("completion_tokens")).longValue() : 0;
        double latency = saved ? UtcTime.seconds(updatedAt - start) : 0.0;
        writer.insert(new DifyRows.Message(messageId, app.id(), null, null, conversation.id,
                Json.write(conversation.inputs), query, NO_PROMPT, promptTokens,
                saved ? BigDecimal.valueOf((Double) usage.get("prompt_unit_price")) : ZERO, saved ? PRICE_UNIT : ZERO,
                run.answer(), answerTokens,
                saved ? BigDecimal.valueOf((Double) usage.get("completion_unit_price")) : ZERO,
                saved ? PRICE_UNIT : ZERO, latency,
                saved ? BigDecimal.valueOf((Double) usage.get("total_price")) : ZERO, speaker.fromSource(),
                speaker.endUserId(), speaker.accountId(),
                UtcTime.utcSeconds(start), UtcTime.utc(updatedAt), false, run.run().id(),
                fate.status(), run.error(),
                saved ? Json.write(obj("usage", usage)) : null, speaker.invokeFrom(), conversation.lastMessageId(),
                app.mode()));

        ChatAppSettings settings = conversation.settings;
        GeneratedMessage message = new GeneratedMessage(messageId, app.id(), app.mode(), conversation.id,
                fate.status(), saved, UtcTime.utcSeconds(start), UtcTime.utc(updatedAt),
                latency, run.run().id(), status,
                run.run().nodes().stream().map(GeneratedNode::id).toList(), List.of(), List.of(), 0, false,
                settings.moderation().type(), settings.keywordsFlag(conversation.inputs, query),
                settings.suggestedQuestions());
        conversation.finishTurn(message, query, saved ? run.answer() : null);
        return Math.max(updatedAt, run.endMicros());
    }
}
