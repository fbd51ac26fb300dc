package dev.difyweave.demo.generator;

import static dev.difyweave.demo.generator.DifyRows.NO_PROMPT;
import static dev.difyweave.demo.generator.DifyRows.PRICE_UNIT;
import static dev.difyweave.demo.generator.Json.obj;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.difyweave.demo.generator.AgentThoughts.Pattern;
import dev.difyweave.demo.generator.AgentThoughts.Played;
import dev.difyweave.demo.generator.AgentThoughts.Progress;
import dev.difyweave.demo.generator.DifyDataGenerator.Spec;

/**
 * Writes the messages of one easy-UI app ({@code chat}, {@code completion}, {@code agent-chat}): the
 * {@code messages} row with the prompt Dify saves, and what belongs to it (agent thoughts, files,
 * citations). The agent's patterns and the attached user files are spread over the app's answered
 * messages so that each case appears.
 */
final class EasyUiMessageWriter {

    /** Queries that keyword moderation catches (see {@link ChatAppSettings#KEYWORDS}). */
    private static final List<String> FLAGGED_PHRASES = List.of(
            "Otherwise I will file a lawsuit.", "My SSN is 078-05-1120, please check my account.",
            "This looks like chargeback fraud to me.");
    private static final List<String> ERRORS = List.of(
            "[openai] Rate Limit Error, Error code: 429 - {'error': {'message': 'Rate limit reached for requests', "
                    + "'type': 'requests', 'code': 'rate_limit_exceeded'}}",
            "[openai] Server Unavailable Error, Request timed out.",
            "Incorrect API key provided",
            "Your quota for Dify Hosted Model Provider has been exhausted. Please go to Settings -> Model Provider "
                    + "to complete your own provider credentials.");
    private static final BigDecimal ZERO = BigDecimal.ZERO;
    private static final int HISTORY_TURNS = 3;

    private final DifyRowWriter writer;
    private final Spec spec;
    private final MessageAttachments attachments;
    private int answered;
    private int agentAnswered;

    EasyUiMessageWriter(DifyRowWriter writer, Spec spec, MessageAttachments attachments) {
        this.writer = writer;
        this.spec = spec;
        this.attachments = attachments;
    }

    /** Writes one message of {@code conversation} and what belongs to it; returns when it ended. */
    long write(ChatApp app, Conversation conversation, int turn, MessageFate planned, boolean legacy,
               boolean sameUpdatedAt, long start, SeededRandom random) throws SQLException {
        String mode = app.mode();
        boolean completion = mode.equals("completion");
        boolean agent = mode.equals("agent-chat");
        ChatAppSettings settings = conversation.settings;
        Speaker speaker = conversation.speaker;
        UUID messageId = random.uuid();

        String question = conversation.question(turn, random);
        if (planned == MessageFate.FLAGGED) {
            question = question + " " + random.pick(FLAGGED_PHRASES);
        }
        String query = question;
        if (completion) {
            // Completion apps take the request as an input; half of the callers also send it as the query.
            conversation.inputs = obj("query", question, "tone", random.pick(ChatAppCreator.TONES));
            query = random.chance(0.5) ? question : "";
        }
        Map<String, Object> inputs = conversation.inputs;
        Boolean flaggedByKeywords = settings.keywordsFlag(inputs, query);
        MessageFate fate = planned == MessageFate.ANSWERED && Boolean.TRUE.equals(flaggedByKeywords)
                ? MessageFate.FLAGGED : planned;
        if (fate == MessageFate.FLAGGED && !Boolean.TRUE.equals(flaggedByKeywords)) {
            throw new IllegalStateException("a flagged message needs keyword moderation");
        }
        boolean saved = fate == MessageFate.ANSWERED || fate == MessageFate.FLAGGED;

        // Citations: chat and completion apps with a knowledge base retrieve before answering.
        List<Map<String, Object>> citations = List.of();
        if (fate == MessageFate.ANSWERED && app.knowledge() != null && (legacy || random.chance(0.7))) {
            citations = MessageAttachments.citations(app.knowledge(), speaker, random);
        }
        String context = String.join("\n", citations.stream().map(c -> (String) c.get("content")).toList());

        List<GeneratedMessageFile> files = new ArrayList<>();
        List<Object> promptFiles = new ArrayList<>();
        if (fate == MessageFate.ANSWERED && answered++ % 4 == 1) {
            attachments.userFile(app, speaker, messageId, start, files, promptFiles, random);
        }

        String answer = fate == MessageFate.FLAGGED ? ChatAppSettings.PRESET_RESPONSE
                : TextFaker.text(random, random.between(120, Math.max(200, spec.payloadBytes() / 4)));
        List<Object> prompt = prompt(app, conversation, query, context, promptFiles);

        Played played = null;
        if (agent && fate != MessageFate.FLAGGED) {
            Pattern pattern = Pattern.ONE_TOOL;
            if (fate == MessageFate.ANSWERED) {
                Pattern[] patterns = Pattern.values();
                int n = agentAnswered++;
                pattern = n < patterns.length ? patterns[n] : random.pick(patterns);
            }
            Progress progress = switch (fate) {
                case FAILED -> Progress.FAILED;
                case PENDING -> Progress.IN_FLIGHT;
                default -> Progress.ANSWERED;
            };
            UUID imageFileId = pattern == Pattern.IMAGE_TOOL && fate == MessageFate.ANSWERED ? random.uuid() : null;
            played = AgentThoughts.play(pattern, progress, app.model(), messageId, query, answer, tokens(prompt),
                    speaker.role(), speaker.userId(), start, imageFileId, random);
            if (imageFileId != null) {
                files.add(attachments.toolImage(app, conversation, imageFileId, messageId, start, random));
            }
            prompt.addAll(played.promptTail());
        }

        long promptTokens = fate != MessageFate.ANSWERED ? 0 : played != null ? played.promptTokens() : tokens(prompt);
        long answerTokens = fate != MessageFate.ANSWERED ? 0 : played != null ? played.completionTokens()
                : Math.max(1, answer.length() / 4);
        long elapsed = switch (fate) {
            case ANSWERED -> played != null ? played.endMicros() - start + random.between(20_000L, 120_000L)
                    : random.between(800_000L, 6_000_000L);
            case FLAGGED -> random.between(20_000L, 250_000L);
            case FAILED -> played != null ? played.endMicros() - start + random.between(500_000L, 3_000_000L)
                    : random.between(500_000L, 30_000_000L);
            case PENDING -> 0L;
        };
        long updatedAt = sameUpdatedAt || fate == MessageFate.PENDING ? start
                : start + elapsed + (saved ? random.between(3_000L, 60_000L) : 0);

        Map<String, Object> usage = fate == MessageFate.FLAGGED ? emptyUsage()
                : NodePayloads.usage(app.model(), promptTokens, answerTokens, UtcTime.seconds(elapsed), random);
        String metadata = null;
        // retrieval hits are persisted only when the app's citation feature is on (or, long ago, in the legacy table)
        boolean citationsStored = settings.retrieverResource() && !legacy && fate == MessageFate.ANSWERED && !agent;
        if (saved) {
            Map<String, Object> meta = obj("usage", usage);
            if (citationsStored) {
                meta.put("retriever_resources", citations);
            }
            metadata = Json.write(meta);
        }
        boolean priced = fate == MessageFate.ANSWERED;
        // Dify measures the latency when it saves the answer; failed and pending messages keep 0.
        double latency = saved ? UtcTime.seconds(elapsed) : 0.0;
        String error = fate == MessageFate.FAILED ? random.pick(ERRORS) : null;
        writer.insert(new DifyRows.Message(messageId, app.id(), app.model().provider(), app.model().name(),
                conversation.id, Json.write(inputs), query, saved ? Json.write(prompt) : NO_PROMPT,
                promptTokens, priced ? BigDecimal.valueOf(app.model().promptUnitPrice()) : ZERO,
                priced ? PRICE_UNIT : ZERO, saved ? answer : "", answerTokens,
                priced ? BigDecimal.valueOf(app.model().completionUnitPrice()) : ZERO, priced ? PRICE_UNIT : ZERO,
                latency, priced ? BigDecimal.valueOf((Double) usage.get("total_price")) : ZERO,
                speaker.fromSource(), speaker.endUserId(), speaker.accountId(),
                UtcTime.utcSeconds(start), UtcTime.utc(updatedAt), agent, null, fate.status(),
                error, metadata, speaker.invokeFrom(), conversation.lastMessageId(), mode));
        List<GeneratedAgentThought> thoughts = List.of();
        if (played != null) {
            for (DifyRows.AgentThought row : played.rows()) {
                writer.insert(row);
            }
            thoughts = played.thoughts();
        }
        if (legacy) {
            attachments.legacyCitations(citations, messageId, speaker, start, random);
        }

        ChatAppSettings.Moderation moderation = settings.moderation();
        GeneratedMessage message = new GeneratedMessage(messageId, app.id(), mode, conversation.id, fate.status(),
                saved, UtcTime.utcSeconds(start), UtcTime.utc(updatedAt), latency, null, null, List.of(), thoughts,
                files, citationsStored || legacy ? citations.size() : 0, legacy, moderation.type(), flaggedByKeywords,
                settings.suggestedQuestions());
        conversation.finishTurn(message, query, saved ? answer : null);
        return updatedAt == start ? start + elapsed : updatedAt;
    }

    /** The prompt Dify saves in {@code messages.message} (the agent's tool rounds are appended later). */
    private static List<Object> prompt(ChatApp app, Conversation conversation, String query, String context,
                                       List<Object> files) {
        String system = render(app.prePrompt(), conversation.inputs);
        if (!context.isEmpty()) {
            system = system + "\n\nUse the following context as your learned knowledge, inside <context></context> "
                    + "XML tags.\n<context>\n" + context + "\n</context>";
        }
        List<Object> prompt = new ArrayList<>();
        if (app.mode().equals("completion")) {
            prompt.add(obj("role", "user", "text", system, "files", files));
            return prompt;
        }
        prompt.add(obj("role", "system", "text", system, "files", List.of()));
        List<String[]> history = conversation.history;
        for (String[] turn : history.subList(Math.max(0, history.size() - HISTORY_TURNS), history.size())) {
            prompt.add(obj("role", "user", "text", turn[0], "files", List.of()));
            prompt.add(obj("role", "assistant", "text", turn[1], "files", List.of()));
        }
        prompt.add(obj("role", "user", "text", query, "files", files));
        return prompt;
    }

    private static long tokens(List<Object> prompt) {
        long chars = 0;
        for (Object message : prompt) {
            chars += String.valueOf(((Map<?, ?>) message).get("text")).length();
        }
        return chars / 4 + 3L * prompt.size();
    }

    /** Dify's {@code LLMUsage.empty_usage()}: what a moderated (direct output) message saves. */
    private static Map<String, Object> emptyUsage() {
        return obj("prompt_tokens", 0, "prompt_unit_price", 0.0, "prompt_price_unit", 0.0, "prompt_price", 0.0,
                "completion_tokens", 0, "completion_unit_price", 0.0, "completion_price_unit", 0.0,
                "completion_price", 0.0, "total_tokens", 0, "total_price", 0.0, "currency", "USD", "latency", 0.0,
                "time_to_first_token", null, "time_to_generate", null);
    }

    private static String render(String template, Map<String, Object> inputs) {
        String text = template;
        for (Map.Entry<String, Object> input : inputs.entrySet()) {
            text = text.replace("{{" + input.getKey() + "}}", String.valueOf(input.getValue()));
        }
        return text;
    }
}
