package dev.difyweave.demo.generator;

import static dev.difyweave.demo.generator.Json.obj;
import static dev.difyweave.demo.generator.Json.round;

import dev.difyweave.demo.generator.AgentThoughts.Pattern;
import dev.difyweave.demo.generator.AgentThoughts.Played;
import dev.difyweave.demo.generator.AgentThoughts.Progress;
import dev.difyweave.demo.generator.ChatAppSettings.Moderation;
import dev.difyweave.demo.generator.ChatflowRunSimulator.Chatflow;
import dev.difyweave.demo.generator.DifyDataGenerator.GeneratedAgentThought;
import dev.difyweave.demo.generator.DifyDataGenerator.GeneratedChatApp;
import dev.difyweave.demo.generator.DifyDataGenerator.GeneratedConversation;
import dev.difyweave.demo.generator.DifyDataGenerator.GeneratedMessage;
import dev.difyweave.demo.generator.DifyDataGenerator.GeneratedMessageFile;
import dev.difyweave.demo.generator.DifyDataGenerator.GeneratedNode;
import dev.difyweave.demo.generator.DifyDataGenerator.GeneratedRun;
import dev.difyweave.demo.generator.DifyDataGenerator.GeneratedTenant;
import dev.difyweave.demo.generator.DifyDataGenerator.Spec;
import dev.difyweave.demo.generator.EndUsers.EndUser;
import dev.difyweave.demo.generator.WorkflowPlan.Document;
import dev.difyweave.demo.generator.WorkflowPlan.LlmModel;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

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
 * <p>Easy-UI apps have two {@code app_model_configs} rows: the one their first conversations use and
 * the current one ({@code apps.app_model_config_id}); they differ in moderation, citations and
 * suggested questions, and each conversation keeps the row it started with, as in Dify.
 */
final class ChatAppGenerator {

    private static final Map<String, List<String>> APP_NAMES = Map.of(
            "chat", List.of("Help Center Chat", "Billing Assistant", "Product Expert", "HR Helpdesk"),
            "completion", List.of("Reply Drafter", "Ticket Summarizer", "Translation Desk"),
            "agent-chat", List.of("Research Agent", "Travel Planner", "Ops Copilot"),
            "advanced-chat", List.of("Support Chatflow", "Returns Chatflow", "Onboarding Chatflow"));
    /** The completion apps' model runs in completion mode, so their prompt is a single user message. */
    private static final LlmModel INSTRUCT_MODEL = new LlmModel("langgenius/openai/openai", "gpt-3.5-turbo-instruct",
            1.5, 2.0);
    private static final List<String> FOLLOW_UPS = List.of(
            "Thanks! Does that also apply to annual plans?", "It still doesn't work. What else can I try?",
            "Can you summarize that in two sentences?", "Which plan includes this?",
            "Could you send me the link to the documentation?", "And how long will that take?",
            "Okay. Is there a way to do this through the API?");
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
    private static final List<String> TIERS = List.of("free", "pro", "enterprise");
    private static final List<String> TONES = List.of("friendly", "formal", "concise");
    private static final BigDecimal ZERO = BigDecimal.ZERO;
    private static final BigDecimal PRICE_UNIT = BigDecimal.valueOf(NodePayloads.PRICE_UNIT);
    private static final String EMPTY_JSON_STRING = "\"\"";
    private static final int HISTORY_TURNS = 3;

    /** What happens to a message. */
    private enum Fate {
        ANSWERED,
        /** Keyword moderation caught the query: the preset response is the answer, no model call. */
        FLAGGED,
        /** The model call (or the chatflow run) failed: status {@code error}, nothing saved. */
        FAILED,
        /** Still being answered (or its chatflow run still running) at the end of the time range. */
        PENDING
    }

    /** The user files a message may carry, rotated over the whole data set so that each appears. */
    private enum UserFile { REMOTE_IMAGE, LOCAL_DOCUMENT, LOCAL_IMAGE }

    private record KnowledgeBase(UUID id, String name, List<Document> documents) {
    }

    /** One app being generated. {@code original} is used by conversations before {@code switchIndex}. */
    private record App(GeneratedTenant tenant, UUID id, String mode, String name, LlmModel model,
                       ChatAppSettings original, ChatAppSettings current, int switchIndex, KnowledgeBase knowledge,
                       List<EndUser> endUsers, Chatflow chatflow, String openingStatement) {

        boolean easyUi() {
            return chatflow == null;
        }

        ChatAppSettings settings(int conversation) {
            return conversation < switchIndex ? original : current;
        }
    }

    /** Who talks in a conversation and through what. */
    private record Speaker(EndUser endUser, UUID accountId, String fromSource, String invokeFrom) {

        UUID userId() {
            return endUser != null ? endUser.id() : accountId;
        }

        String role() {
            return endUser != null ? "end_user" : "account";
        }

        /** {@code sys.user_id}: the end user's session id, or the account id. */
        String sysUserId() {
            return endUser != null ? endUser.sessionId() : accountId.toString();
        }

        /** {@code retriever_from} of citations, from the invoke source. */
        String retrieverFrom() {
            return switch (invokeFrom) {
                case "service-api" -> "api";
                case "web-app" -> "web_app";
                case "debugger" -> "dev";
                default -> "explore_app";
            };
        }
    }

    /** A conversation as it unfolds: its settings, inputs and the turns answered so far. */
    private static final class Conversation {
        final UUID id;
        final ChatAppSettings settings;
        final Speaker speaker;
        final String topic;
        Map<String, Object> inputs;
        final List<String[]> history = new ArrayList<>();
        UUID lastMessageId;
        GeneratedMessage first;
        String firstQuery;

        Conversation(UUID id, ChatAppSettings settings, Speaker speaker, String topic, Map<String, Object> inputs) {
            this.id = id;
            this.settings = settings;
            this.speaker = speaker;
            this.topic = topic;
            this.inputs = inputs;
        }
    }

    /** The fate of every message of an app, by conversation and turn. */
    private record Fates(Fate[][] fate, boolean[][] legacy, boolean[][] sameUpdatedAt) {
    }

    private final DifyRowWriter writer;
    private final SeededRandom root;
    private final Spec spec;
    private final ChatflowRunSimulator chatflows;
    private final List<GeneratedChatApp> apps = new ArrayList<>();
    private final List<GeneratedConversation> conversations = new ArrayList<>();
    private final List<GeneratedMessage> messages = new ArrayList<>();
    private final List<GeneratedRun> chatflowRuns = new ArrayList<>();
    private final Map<String, Long> chatflowRunsByStatus = new LinkedHashMap<>();
    private long chatflowNodeExecutions;
    private int easyUiApps;
    private int chatflowApps;
    private int allApps;
    private int userFiles;
    // per app, reset in generate()
    private int answered;
    private int agentAnswered;

    ChatAppGenerator(DifyRowWriter writer, SeededRandom root, Spec spec) {
        this.writer = writer;
        this.root = root;
        this.spec = spec;
        this.chatflows = new ChatflowRunSimulator(writer);
    }

    List<GeneratedChatApp> apps() {
        return apps;
    }

    List<GeneratedConversation> conversations() {
        return conversations;
    }

    List<GeneratedMessage> messages() {
        return messages;
    }

    List<GeneratedRun> chatflowRuns() {
        return chatflowRuns;
    }

    Map<String, Long> chatflowRunsByStatus() {
        return chatflowRunsByStatus;
    }

    long chatflowNodeExecutions() {
        return chatflowNodeExecutions;
    }

    /** Generates app {@code appIndex} of {@code mode} (one of {@link DifyDataGenerator#MESSAGE_APP_MODES}). */
    void generate(GeneratedTenant tenant, int tenantIndex, String mode, int appIndex) throws SQLException {
        SeededRandom random = root.child(5, tenantIndex, DifyDataGenerator.MESSAGE_APP_MODES.indexOf(mode), appIndex);
        long rangeStart = UtcTime.micros(spec.start());
        long rangeEnd = UtcTime.micros(spec.end());
        answered = 0;
        agentAnswered = 0;

        boolean completion = mode.equals("completion");
        int conversationCount = completion ? spec.conversationsPerApp() * spec.messagesPerConversation()
                : spec.conversationsPerApp();
        int[] turns = turns(random.child(1), conversationCount, completion ? 1 : spec.messagesPerConversation());
        long[] starts = conversationStarts(random.child(1), conversationCount, rangeStart, rangeEnd);
        int switchIndex = conversationCount >= 2 ? Math.max(1, conversationCount / 3) : 0;
        long switchAt = switchIndex == 0 ? rangeStart - random.between(1L, 5L) * UtcTime.MICROS_PER_DAY
                : random.between(starts[switchIndex - 1] + UtcTime.MICROS_PER_SECOND, starts[switchIndex]);

        App app = createApp(random, tenant, tenantIndex, mode, appIndex, switchIndex, rangeStart, switchAt);
        // The first chat app of a workspace is old enough to have legacy citation rows.
        Fates fates = fates(app, turns, mode.equals("chat") && appIndex == 0, random.child(2));
        for (int c = 0; c < conversationCount; c++) {
            conversation(app, c, turns[c], starts[c], c == conversationCount - 1, rangeEnd, fates,
                    random.child(4, c));
        }
        allApps++;
    }

    // ---------------------------------------------------------------------------------------------
    // Apps

    private App createApp(SeededRandom random, GeneratedTenant tenant, int tenantIndex, String mode, int appIndex,
                          int switchIndex, long rangeStart, long switchAt) throws SQLException {
        UUID appId = random.uuid();
        List<String> names = APP_NAMES.get(mode);
        String name = names.get((tenantIndex + appIndex) % names.size())
                + (appIndex < names.size() ? "" : " " + (appIndex / names.size() + 1));
        UUID creator = tenant.accountIds().get((appIndex + 1) % 2);
        String author = WorkspaceGenerator.personName(tenantIndex, (appIndex + 1) % 2);
        long appCreated = rangeStart - random.between(20L, 120L) * UtcTime.MICROS_PER_DAY
                - random.between(0L, UtcTime.MICROS_PER_DAY);
        String description = "Talks to customers about " + name.toLowerCase(Locale.ROOT) + " topics.";
        String opening = mode.equals("completion") ? "" : "Hi! I'm the " + name + " assistant. How can I help?";
        String icon = random.pick(WorkflowAppGenerator.ICONS);
        String background = random.pick(WorkflowAppGenerator.ICON_BACKGROUNDS);
        List<EndUser> endUsers = EndUsers.create(writer, random.child(6), spec.endUsersPerApp(), tenant.id(), appId,
                appCreated);

        if (mode.equals("advanced-chat")) {
            int ordinal = chatflowApps++;
            ChatAppSettings features = new ChatAppSettings(null,
                    ordinal == 0 ? Moderation.KEYWORDS : Moderation.DISABLED, ordinal % 2 == 0, true);
            WorkflowPlan plan = WorkflowPlan.chatflow(random.child(3), appCreated / 1_000, name, author);
            long published = rangeStart - random.between(1L, 8L) * UtcTime.MICROS_PER_DAY
                    - random.between(0L, UtcTime.MICROS_PER_DAY);
            String version = UtcTime.pythonString(published);
            UUID publishedId = random.uuid();
            UUID draftId = random.uuid();
            String featuresJson = features.featuresJson(opening);
            writer.insert(new DifyRows.App(appId, tenant.id(), name, mode, description, icon, background, publishedId,
                    null, creator, UtcTime.utcSeconds(appCreated), UtcTime.utcSeconds(published)));
            writer.insert(new DifyRows.Workflow(draftId, tenant.id(), appId, "chat", "draft", plan.graph(),
                    featuresJson, creator, UtcTime.utcSeconds(appCreated + 20 * UtcTime.MICROS_PER_SECOND),
                    UtcTime.utc(published - 90 * UtcTime.MICROS_PER_SECOND)));
            writer.insert(new DifyRows.Workflow(publishedId, tenant.id(), appId, "chat", version, plan.graph(),
                    featuresJson, creator, UtcTime.utc(published), UtcTime.utc(published)));
            writeDataset(new KnowledgeBase(plan.datasetId(), plan.datasetName(), plan.documents()), tenant.id(),
                    creator, appCreated, random);
            Chatflow chatflow = new Chatflow(tenant.id(), appId, publishedId, version, plan,
                    new NodePayloads(plan, spec.payloadBytes()));
            apps.add(new GeneratedChatApp(tenant.id(), appId, name, mode, null, publishedId, creator));
            return new App(tenant, appId, mode, name, plan.model(), features, features, 0, null, endUsers, chatflow,
                    opening);
        }
        int ordinal = easyUiApps++;
        LlmModel model = mode.equals("completion") ? INSTRUCT_MODEL : random.pick(WorkflowPlan.MODELS);
        ChatAppSettings original = settings(random.uuid(), mode, ordinal, false);
        ChatAppSettings current = settings(random.uuid(), mode, ordinal, true);
        KnowledgeBase knowledge = null;
        if (!mode.equals("agent-chat")) {
            knowledge = knowledgeBase(random, name);
            writeDataset(knowledge, tenant.id(), creator, appCreated, random);
        }
        writer.insert(new DifyRows.App(appId, tenant.id(), name, mode, description, icon, background, null,
                current.configId(), creator, UtcTime.utcSeconds(appCreated), UtcTime.utcSeconds(switchAt)));
        long originalCreated = appCreated + random.between(60L, 3_600L) * UtcTime.MICROS_PER_SECOND;
        writer.insert(appModelConfig(original, appId, mode, name, model, opening, knowledge, creator,
                originalCreated));
        writer.insert(appModelConfig(current, appId, mode, name, model, opening, knowledge, creator,
                Math.max(switchAt, originalCreated + UtcTime.MICROS_PER_SECOND)));
        apps.add(new GeneratedChatApp(tenant.id(), appId, name, mode, current.configId(), null, creator));
        return new App(tenant, appId, mode, name, model, original, current, switchIndex, knowledge, endUsers, null,
                opening);
    }

    /**
     * The two configurations of easy-UI app {@code ordinal}: moderation cycles through (NULL, keywords),
     * (disabled, OpenAI moderation), (keywords, disabled), (disabled, keywords); suggested questions
     * are turned on later for chat-like apps; citations are on for chat apps, turned on later for
     * completion apps, off for agents.
     */
    private static ChatAppSettings settings(UUID id, String mode, int ordinal, boolean current) {
        Moderation[][] cycle = {
                {Moderation.ABSENT, Moderation.KEYWORDS},
                {Moderation.DISABLED, Moderation.OPENAI_MODERATION},
                {Moderation.KEYWORDS, Moderation.DISABLED},
                {Moderation.DISABLED, Moderation.KEYWORDS}};
        Moderation moderation = cycle[ordinal % cycle.length][current ? 1 : 0];
        boolean suggested = current && !mode.equals("completion");
        boolean citations = switch (mode) {
            case "chat" -> true;
            case "completion" -> current;
            default -> false;
        };
        return new ChatAppSettings(id, moderation, suggested, citations);
    }

    private DifyRows.AppModelConfig appModelConfig(ChatAppSettings settings, UUID appId, String mode, String name,
                                                   LlmModel model, String opening, KnowledgeBase knowledge,
                                                   UUID creator, long createdAt) {
        boolean completion = mode.equals("completion");
        String modelJson = Json.write(obj("provider", model.provider(), "name", model.name(),
                "mode", completion ? "completion" : "chat",
                "completion_params", obj("temperature", 0.7, "max_tokens", 1024)));
        List<Object> form = completion
                ? List.of(obj("paragraph", obj("label", "Customer request", "variable", "query", "required", true,
                        "max_length", 4000, "default", "")),
                obj("select", obj("label", "Tone", "variable", "tone", "required", false, "options", TONES,
                        "default", "friendly")))
                : List.of(obj("select", obj("label", "Answer language", "variable", "language", "required", false,
                        "options", List.of("English", "Deutsch", "Français", "日本語"), "default", "English")),
                obj("text-input", obj("label", "Customer tier", "variable", "customer_tier", "required", false,
                        "max_length", 48, "default", "")));
        String datasets = Json.write(obj("retrieval_model", "multiple", "top_k", 3, "score_threshold", null,
                "reranking_enable", false, "datasets", obj("datasets", knowledge == null ? List.of()
                        : List.of(obj("dataset", obj("enabled", true, "id", knowledge.id().toString()))))));
        return new DifyRows.AppModelConfig(settings.configId(), appId, model.provider(), model.name(), modelJson,
                opening, Json.write(form), prePrompt(mode, name),
                mode.equals("agent-chat") ? AgentThoughts.agentModeJson() : AgentThoughts.disabledAgentModeJson(),
                settings.sensitiveWordAvoidanceJson(), settings.suggestedQuestionsJson(),
                settings.retrieverResourceJson(), datasets, completion ? "query" : "",
                Json.write(ChatAppSettings.fileUpload()), creator, UtcTime.utcSeconds(createdAt));
    }

    private static String prePrompt(String mode, String name) {
        return mode.equals("completion")
                ? "Draft a reply to this customer request in a {{tone}} tone:\n\n{{query}}"
                : "You are the friendly assistant of " + name + ". Answer in {{language}} and keep it short; the "
                        + "customer is on the {{customer_tier}} plan.";
    }

    private static String render(String template, Map<String, Object> inputs) {
        String text = template;
        for (Map.Entry<String, Object> input : inputs.entrySet()) {
            text = text.replace("{{" + input.getKey() + "}}", String.valueOf(input.getValue()));
        }
        return text;
    }

    private static KnowledgeBase knowledgeBase(SeededRandom random, String appName) {
        List<Document> documents = new ArrayList<>();
        for (String file : List.of("faq.md", "pricing-2026.pdf", "refund-policy.md", "api-guide.md")) {
            documents.add(new Document(random.uuid(), file));
        }
        return new KnowledgeBase(random.uuid(), appName + " docs", documents);
    }

    private void writeDataset(KnowledgeBase knowledge, UUID tenantId, UUID creator, long appCreated,
                              SeededRandom random) throws SQLException {
        boolean openai = random.chance(0.6);
        writer.insert(new DifyRows.Dataset(knowledge.id(), tenantId, knowledge.name(),
                "Articles and policies used by " + knowledge.name() + ".",
                openai ? "text-embedding-3-small" : "embed-multilingual-v3.0",
                openai ? "langgenius/openai/openai" : "langgenius/cohere/cohere", creator,
                UtcTime.utcSeconds(appCreated - random.between(1L, 20L) * UtcTime.MICROS_PER_DAY)));
    }

    // ---------------------------------------------------------------------------------------------
    // Conversations and the fate of their messages

    /** Messages per conversation: {@code average} each, then some moved around (every one keeps one). */
    private static int[] turns(SeededRandom random, int conversations, int average) {
        int[] turns = new int[conversations];
        Arrays.fill(turns, average);
        for (int i = 0; i < conversations && average > 1; i++) {
            int from = random.nextInt(conversations);
            int to = random.nextInt(conversations);
            if (turns[from] > 1) {
                turns[from]--;
                turns[to]++;
            }
        }
        return turns;
    }

    /**
     * Conversation starts in time order. The last conversation is the live one (its messages fall in
     * the last minutes of the range, see {@link #liveStarts}); the others start at least a day before
     * the end.
     */
    private static long[] conversationStarts(SeededRandom random, int count, long rangeStart, long rangeEnd) {
        long[] starts = new long[count];
        long latest = Math.max(rangeStart + 1, rangeEnd - UtcTime.MICROS_PER_DAY);
        for (int c = 0; c < count - 1; c++) {
            starts[c] = wholeSeconds(random.between(rangeStart, latest));
        }
        Arrays.sort(starts, 0, count - 1);
        starts[count - 1] = latest;
        return starts;
    }

    /** Message starts of the live conversation: the last one a minute or two before the end. */
    private static long[] liveStarts(SeededRandom random, int turns, long rangeEnd) {
        long[] starts = new long[turns];
        long at = rangeEnd - random.between(40L, 150L) * UtcTime.MICROS_PER_SECOND;
        for (int t = turns - 1; t >= 0; t--) {
            starts[t] = wholeSeconds(at);
            at -= random.between(45L, 100L) * UtcTime.MICROS_PER_SECOND;
        }
        return starts;
    }

    private static Fates fates(App app, int[] turns, boolean legacyApp, SeededRandom random) {
        Fate[][] fate = new Fate[turns.length][];
        boolean[][] legacy = new boolean[turns.length][];
        boolean[][] same = new boolean[turns.length][];
        List<int[]> slots = new ArrayList<>();
        for (int c = 0; c < turns.length; c++) {
            fate[c] = new Fate[turns[c]];
            Arrays.fill(fate[c], Fate.ANSWERED);
            legacy[c] = new boolean[turns[c]];
            same[c] = new boolean[turns[c]];
            for (int t = 0; t < turns[c]; t++) {
                slots.add(new int[] {c, t});
            }
        }
        int[] pending = slots.remove(slots.size() - 1);
        fate[pending[0]][pending[1]] = Fate.PENDING;
        if (legacyApp) {
            for (int i = 0; i < 2 && !slots.isEmpty(); i++) {
                int[] slot = slots.remove(0);
                legacy[slot[0]][slot[1]] = true;
                same[slot[0]][slot[1]] = true; // Dify 1.2 never touched updated_at after the insert
            }
        }
        List<int[]> rest = random.shuffled(slots);
        int total = slots.size() + 1;
        int failures = total >= 3 ? (int) Math.max(1, Math.round(0.06 * total)) : 0;
        for (int i = 0; i < failures && !rest.isEmpty(); i++) {
            int[] slot = rest.remove(0);
            fate[slot[0]][slot[1]] = Fate.FAILED;
        }
        if (app.easyUi()) {
            List<int[]> moderated = rest.stream()
                    .filter(s -> app.settings(s[0]).moderation() == Moderation.KEYWORDS).toList();
            int flagged = moderated.isEmpty() ? 0 : (int) Math.max(1, Math.round(0.1 * moderated.size()));
            for (int i = 0; i < flagged; i++) {
                int[] slot = moderated.get(i);
                fate[slot[0]][slot[1]] = Fate.FLAGGED;
                rest.remove(slot);
            }
            if (!rest.isEmpty()) {
                same[rest.get(0)[0]][rest.get(0)[1]] = true;
            }
        }
        return new Fates(fate, legacy, same);
    }

    private void conversation(App app, int index, int turns, long start, boolean live, long rangeEnd, Fates fates,
                              SeededRandom random) throws SQLException {
        UUID id = random.uuid();
        Speaker speaker = speaker(app, random);
        String topic = random.pick(TextFaker.TOPICS);
        boolean completion = app.mode().equals("completion");
        Map<String, Object> inputs = completion ? obj() : obj("language", random.pick(WorkflowAppGenerator.LANGUAGES),
                "customer_tier", random.pick(TIERS));
        Conversation conversation = new Conversation(id, app.settings(index), speaker, topic, inputs);

        // Each message starts after the previous one ended; the live conversation's follow a fixed schedule.
        long[] schedule = live ? liveStarts(random, turns, rangeEnd) : null;
        long firstStart = 0;
        long messageStart = 0;
        long previousEnd = 0;
        for (int t = 0; t < turns; t++) {
            if (live) {
                messageStart = t == 0 ? schedule[0]
                        : wholeSeconds(Math.max(schedule[t], previousEnd + UtcTime.MICROS_PER_SECOND));
            } else {
                messageStart = t == 0 ? start
                        : wholeSeconds(previousEnd + random.between(15L, 900L) * UtcTime.MICROS_PER_SECOND);
            }
            if (t == 0) {
                firstStart = messageStart;
            }
            SeededRandom messageRandom = random.child(t);
            previousEnd = app.easyUi()
                    ? easyUiMessage(app, conversation, t, fates.fate()[index][t], fates.legacy()[index][t],
                            fates.sameUpdatedAt()[index][t], messageStart, messageRandom)
                    : chatflowMessage(app, conversation, t, fates.fate()[index][t], messageStart, messageRandom);
        }

        String name = conversationName(app, index, topic, random);
        boolean deleted = !live && (allApps + index) % 6 == 4;
        // Dify touches updated_at (in Python, with microseconds) when a later message arrives.
        long updatedAt = turns == 1 ? firstStart : messageStart + random.between(1_000L, 400_000L);
        writer.insert(new DifyRows.Conversation(id, app.id(), app.easyUi() ? conversation.settings.configId() : null,
                app.easyUi() ? app.model().provider() : null, app.easyUi() ? app.model().name() : null, app.mode(),
                name, Json.write(conversation.inputs), app.openingStatement(), speaker.fromSource(),
                speaker.endUser() == null ? null : speaker.endUser().id(), speaker.accountId(),
                UtcTime.utcSeconds(firstStart), UtcTime.utc(updatedAt), deleted, speaker.invokeFrom(),
                app.mode().equals("advanced-chat") ? turns : 0));
        if (spec.recordRuns()) {
            conversations.add(new GeneratedConversation(id, app.id(), app.mode(), name, deleted,
                    conversation.first.id(), conversation.first.createdAt(), conversation.firstQuery, turns));
        }
    }

    /** Four in five conversations come from end users (service API or web app), the rest from the console. */
    private static Speaker speaker(App app, SeededRandom random) {
        if (random.chance(0.2)) {
            UUID account = random.pick(app.tenant().accountIds());
            String invokeFrom = app.easyUi() ? random.pick("debugger", "explore") : "explore";
            return new Speaker(null, account, "console", invokeFrom);
        }
        EndUser user = random.pick(app.endUsers());
        return new Speaker(user, null, "api", user.invokeFrom());
    }

    /**
     * Most conversations of chat-like apps have a generated title; some still have Dify's placeholder
     * and some an empty name. Completion conversations are never named.
     */
    private String conversationName(App app, int index, String topic, SeededRandom random) {
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

    // ---------------------------------------------------------------------------------------------
    // Easy-UI messages (chat, completion, agent-chat)

    /** Writes one easy-UI message and what belongs to it; returns when it ended. */
    private long easyUiMessage(App app, Conversation conversation, int turn, Fate planned, boolean legacy,
                               boolean sameUpdatedAt, long start, SeededRandom random) throws SQLException {
        String mode = app.mode();
        boolean completion = mode.equals("completion");
        boolean agent = mode.equals("agent-chat");
        ChatAppSettings settings = conversation.settings;
        Speaker speaker = conversation.speaker;
        UUID messageId = random.uuid();

        String question = turn == 0 ? TextFaker.question(random, conversation.topic) : random.pick(FOLLOW_UPS);
        if (planned == Fate.FLAGGED) {
            question = question + " " + random.pick(FLAGGED_PHRASES);
        }
        String query = question;
        if (completion) {
            // Completion apps take the request as an input; half of the callers also send it as the query.
            conversation.inputs = obj("query", question, "tone", random.pick(TONES));
            query = random.chance(0.5) ? question : "";
        }
        Map<String, Object> inputs = conversation.inputs;
        Boolean flaggedByKeywords = settings.keywordsFlag(inputs, query);
        Fate fate = planned == Fate.ANSWERED && Boolean.TRUE.equals(flaggedByKeywords) ? Fate.FLAGGED : planned;
        if (fate == Fate.FLAGGED && !Boolean.TRUE.equals(flaggedByKeywords)) {
            throw new IllegalStateException("a flagged message needs keyword moderation");
        }
        boolean saved = fate == Fate.ANSWERED || fate == Fate.FLAGGED;

        // Citations: chat and completion apps with a knowledge base retrieve before answering.
        List<Map<String, Object>> citations = List.of();
        if (fate == Fate.ANSWERED && app.knowledge() != null && (legacy || random.chance(0.7))) {
            citations = citations(app.knowledge(), speaker, random);
        }
        String context = String.join("\n", citations.stream().map(c -> (String) c.get("content")).toList());

        List<GeneratedMessageFile> files = new ArrayList<>();
        List<Object> promptFiles = new ArrayList<>();
        if (fate == Fate.ANSWERED && answered++ % 4 == 1) {
            userFile(app, speaker, messageId, start, files, promptFiles, random);
        }

        String answer = fate == Fate.FLAGGED ? ChatAppSettings.PRESET_RESPONSE
                : TextFaker.text(random, random.between(120, Math.max(200, spec.payloadBytes() / 4)));
        List<Object> prompt = prompt(app, conversation, query, context, promptFiles);

        Played played = null;
        if (agent && fate != Fate.FLAGGED) {
            Pattern pattern = Pattern.ONE_TOOL;
            if (fate == Fate.ANSWERED) {
                Pattern[] patterns = Pattern.values();
                int n = agentAnswered++;
                pattern = n < patterns.length ? patterns[n] : random.pick(patterns);
            }
            Progress progress = switch (fate) {
                case FAILED -> Progress.FAILED;
                case PENDING -> Progress.IN_FLIGHT;
                default -> Progress.ANSWERED;
            };
            UUID imageFileId = pattern == Pattern.IMAGE_TOOL && fate == Fate.ANSWERED ? random.uuid() : null;
            played = AgentThoughts.play(pattern, progress, app.model(), messageId, query, answer, tokens(prompt),
                    speaker.role(), speaker.userId(), start, imageFileId, random);
            if (imageFileId != null) {
                files.add(toolImage(app, conversation, imageFileId, messageId, start, random));
            }
            prompt.addAll(played.promptTail());
        }

        long promptTokens = fate != Fate.ANSWERED ? 0 : played != null ? played.promptTokens() : tokens(prompt);
        long answerTokens = fate != Fate.ANSWERED ? 0 : played != null ? played.completionTokens()
                : Math.max(1, answer.length() / 4);
        long elapsed = switch (fate) {
            case ANSWERED -> played != null ? played.endMicros() - start + random.between(20_000L, 120_000L)
                    : random.between(800_000L, 6_000_000L);
            case FLAGGED -> random.between(20_000L, 250_000L);
            case FAILED -> played != null ? played.endMicros() - start + random.between(500_000L, 3_000_000L)
                    : random.between(500_000L, 30_000_000L);
            case PENDING -> 0L;
        };
        long updatedAt = sameUpdatedAt || fate == Fate.PENDING ? start
                : start + elapsed + (saved ? random.between(3_000L, 60_000L) : 0);

        Map<String, Object> usage = fate == Fate.FLAGGED ? emptyUsage()
                : NodePayloads.usage(app.model(), promptTokens, answerTokens, UtcTime.seconds(elapsed), random);
        String metadata = null;
        // retrieval hits are persisted only when the app's citation feature is on (or, long ago, in the legacy table)
        boolean citationsStored = settings.retrieverResource() && !legacy && fate == Fate.ANSWERED && !agent;
        if (saved) {
            Map<String, Object> meta = obj("usage", usage);
            if (citationsStored) {
                meta.put("retriever_resources", citations);
            }
            metadata = Json.write(meta);
        }
        boolean priced = fate == Fate.ANSWERED;
        // Dify measures the latency when it saves the answer; failed and pending messages keep 0.
        double latency = saved ? UtcTime.seconds(elapsed) : 0.0;
        String error = fate == Fate.FAILED ? random.pick(ERRORS) : null;
        writer.insert(new DifyRows.Message(messageId, app.id(), app.model().provider(), app.model().name(),
                conversation.id, Json.write(inputs), query, saved ? Json.write(prompt) : EMPTY_JSON_STRING,
                promptTokens, priced ? BigDecimal.valueOf(app.model().promptUnitPrice()) : ZERO,
                priced ? PRICE_UNIT : ZERO, saved ? answer : "", answerTokens,
                priced ? BigDecimal.valueOf(app.model().completionUnitPrice()) : ZERO, priced ? PRICE_UNIT : ZERO,
                latency, priced ? BigDecimal.valueOf((Double) usage.get("total_price")) : ZERO,
                speaker.fromSource(), speaker.endUser() == null ? null : speaker.endUser().id(), speaker.accountId(),
                UtcTime.utcSeconds(start), UtcTime.utc(updatedAt), agent, null, fate == Fate.FAILED ? "error" : "normal",
                error, metadata, speaker.invokeFrom(), conversation.lastMessageId, mode));
        List<GeneratedAgentThought> thoughts = List.of();
        if (played != null) {
            for (DifyRows.AgentThought row : played.rows()) {
                writer.insert(row);
            }
            thoughts = played.thoughts();
        }
        if (legacy) {
            legacyCitations(citations, messageId, speaker, start, random);
        }

        ChatAppSettings.Moderation moderation = settings.moderation();
        GeneratedMessage message = new GeneratedMessage(messageId, app.id(), mode, conversation.id,
                fate == Fate.FAILED ? "error" : "normal", saved, UtcTime.utcSeconds(start), UtcTime.utc(updatedAt),
                latency, null, null, List.of(), thoughts, files, citationsStored || legacy ? citations.size() : 0, legacy,
                moderation.type(), flaggedByKeywords, settings.suggestedQuestions());
        finishTurn(conversation, message, query, saved ? answer : null);
        return updatedAt == start ? start + elapsed : updatedAt;
    }

    /** The prompt Dify saves in {@code messages.message} (the agent's tool rounds are appended later). */
    private List<Object> prompt(App app, Conversation conversation, String query, String context,
                                List<Object> files) {
        String system = render(prePrompt(app.mode(), app.name()), conversation.inputs);
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

    /** One to three retrieved chunks, in the shape of {@code message_metadata.retriever_resources}. */
    private static List<Map<String, Object>> citations(KnowledgeBase knowledge, Speaker speaker,
                                                       SeededRandom random) {
        List<Map<String, Object>> citations = new ArrayList<>();
        int count = random.between(1, 3);
        for (int i = 0; i < count; i++) {
            Document document = random.pick(knowledge.documents());
            String content = TextFaker.text(random, random.between(120, 320));
            citations.add(obj(
                    "position", i + 1,
                    "dataset_id", knowledge.id().toString(),
                    "dataset_name", knowledge.name(),
                    "document_id", document.id().toString(),
                    "document_name", document.name(),
                    "data_source_type", "upload_file",
                    "segment_id", random.uuid().toString(),
                    "retriever_from", speaker.retrieverFrom(),
                    "score", round(random.between(0.45, 0.97), 6),
                    "hit_count", random.between(1, 80),
                    "word_count", content.split(" ").length,
                    "segment_position", random.between(1, 40),
                    "index_node_hash", random.hex(64),
                    "content", content,
                    "page", null,
                    "doc_metadata", null,
                    "title", document.name(),
                    "files", null,
                    "summary", null));
        }
        return citations;
    }

    /** Dify 1.2 and older wrote each hit to {@code dataset_retriever_resources} instead of the metadata. */
    private void legacyCitations(List<Map<String, Object>> citations, UUID messageId, Speaker speaker, long start,
                                 SeededRandom random) throws SQLException {
        long createdAt = start + random.between(200_000L, 1_500_000L);
        for (Map<String, Object> c : citations) {
            writer.insert(new DifyRows.DatasetRetrieverResource(random.uuid(), messageId, (Integer) c.get("position"),
                    UUID.fromString((String) c.get("dataset_id")), (String) c.get("dataset_name"),
                    UUID.fromString((String) c.get("document_id")), (String) c.get("document_name"),
                    UUID.fromString((String) c.get("segment_id")), (Double) c.get("score"), (String) c.get("content"),
                    (Integer) c.get("hit_count"), (Integer) c.get("word_count"), (Integer) c.get("segment_position"),
                    (String) c.get("index_node_hash"), speaker.retrieverFrom(), speaker.userId(),
                    UtcTime.utc(createdAt)));
        }
    }

    /** A file the user attached: a linked image, or an uploaded document or image ({@code upload_files}). */
    private void userFile(App app, Speaker speaker, UUID messageId, long start, List<GeneratedMessageFile> files,
                          List<Object> promptFiles, SeededRandom random) throws SQLException {
        UserFile kind = UserFile.values()[userFiles++ % UserFile.values().length];
        UUID id = random.uuid();
        String url = null;
        UUID uploadId = null;
        String type = kind == UserFile.LOCAL_DOCUMENT ? "document" : "image";
        String method = kind == UserFile.REMOTE_IMAGE ? "remote_url" : "local_file";
        if (kind == UserFile.REMOTE_IMAGE) {
            url = "https://images.example.com/uploads/" + random.hex(12) + ".png";
            promptFiles.add(obj("type", "image", "data", url, "detail", "high"));
        } else {
            uploadId = random.uuid();
            boolean document = kind == UserFile.LOCAL_DOCUMENT;
            String name = document ? random.pick("invoice-2026-10.pdf", "contract.pdf", "error-log.pdf")
                    : random.pick("screenshot.png", "receipt.png");
            String extension = document ? "pdf" : "png";
            writer.insert(new DifyRows.UploadFile(uploadId, app.tenant().id(),
                    "upload_files/" + app.tenant().id() + "/" + uploadId + "." + extension, name,
                    random.between(20_000, 2_000_000), extension, document ? "application/pdf" : "image/png",
                    speaker.role(), speaker.userId(),
                    UtcTime.utcSeconds(start - random.between(5L, 120L) * UtcTime.MICROS_PER_SECOND), random.hex(64)));
            promptFiles.add(document
                    ? obj("type", "document", "data", "JVBERi0xLjcKJe...[TRUNCATED]...JUVPRgo=", "format", "pdf")
                    : obj("type", "image", "data", "data:image/png;base64,iVBORw0KGg...[TRUNCATED]...ErkJggg==",
                            "detail", "high"));
        }
        writer.insert(new DifyRows.MessageFile(id, messageId, type, method, url, uploadId, speaker.role(),
                speaker.userId(), UtcTime.utcSeconds(start), "user"));
        files.add(new GeneratedMessageFile(id, type, method, url, uploadId, "user"));
    }

    /** The picture an agent's image tool made: a {@code tool_files} row and an assistant message file. */
    private GeneratedMessageFile toolImage(App app, Conversation conversation, UUID id, UUID messageId, long start,
                                           SeededRandom random) throws SQLException {
        UUID toolFileId = random.uuid();
        String url = "/files/tools/" + toolFileId + ".png";
        Speaker speaker = conversation.speaker;
        writer.insert(new DifyRows.ToolFile(toolFileId, speaker.userId(), app.tenant().id(), conversation.id,
                "tools/" + app.tenant().id() + "/" + random.hex(32) + ".png", "image/png", toolFileId + ".png",
                random.between(200_000, 1_500_000)));
        writer.insert(new DifyRows.MessageFile(id, messageId, "image", "tool_file", url, toolFileId, speaker.role(),
                speaker.userId(), UtcTime.utcSeconds(start + 5 * UtcTime.MICROS_PER_SECOND), "assistant"));
        return new GeneratedMessageFile(id, "image", "tool_file", url, toolFileId, "assistant");
    }

    // ---------------------------------------------------------------------------------------------
    // Chatflow messages (advanced-chat)

    /** Writes one advanced-chat message after playing its workflow run; returns when it ended. */
    private long chatflowMessage(App app, Conversation conversation, int turn, Fate fate, long start,
                                 SeededRandom random) throws SQLException {
        Speaker speaker = conversation.speaker;
        UUID messageId = random.uuid();
        String query = turn == 0 ? TextFaker.question(random, conversation.topic) : random.pick(FOLLOW_UPS);
        String status = switch (fate) {
            case FAILED -> "failed";
            case PENDING -> "running";
            default -> "succeeded";
        };
        ChatflowRunSimulator.Outcome run = chatflows.simulate(app.chatflow(),
                new ChatflowRunSimulator.Turn(status, speaker.role(), speaker.userId(), speaker.sysUserId(),
                        speaker.invokeFrom(), start + random.between(20_000L, 150_000L), conversation.topic, query,
                        conversation.inputs, turn + 1),
                random);
        chatflowRunsByStatus.merge(status, 1L, Long::sum);
        chatflowNodeExecutions += run.run().nodes().size();
        if (spec.recordRuns()) {
            chatflowRuns.add(run.run());
        }

        boolean saved = fate == Fate.ANSWERED;
        Map<String, Object> usage = run.usage();
        long updatedAt = fate == Fate.PENDING ? start : run.endMicros() + random.between(2_000L, 40_000L);
        long promptTokens = saved ? ((Number) usage.get("prompt_tokens")).longValue() : 0;
        long answerTokens = saved ? ((Number) usage.get("completion_tokens")).longValue() : 0;
        double latency = saved ? UtcTime.seconds(updatedAt - start) : 0.0;
        writer.insert(new DifyRows.Message(messageId, app.id(), null, null, conversation.id,
                Json.write(conversation.inputs), query, EMPTY_JSON_STRING, promptTokens,
                saved ? BigDecimal.valueOf((Double) usage.get("prompt_unit_price")) : ZERO, saved ? PRICE_UNIT : ZERO,
                run.answer(), answerTokens,
                saved ? BigDecimal.valueOf((Double) usage.get("completion_unit_price")) : ZERO,
                saved ? PRICE_UNIT : ZERO, latency,
                saved ? BigDecimal.valueOf((Double) usage.get("total_price")) : ZERO, speaker.fromSource(),
                speaker.endUser() == null ? null : speaker.endUser().id(), speaker.accountId(),
                UtcTime.utcSeconds(start), UtcTime.utc(updatedAt), false, run.run().id(),
                fate == Fate.FAILED ? "error" : "normal", run.error(),
                saved ? Json.write(obj("usage", usage)) : null, speaker.invokeFrom(), conversation.lastMessageId,
                app.mode()));

        ChatAppSettings settings = conversation.settings;
        GeneratedMessage message = new GeneratedMessage(messageId, app.id(), app.mode(), conversation.id,
                fate == Fate.FAILED ? "error" : "normal", saved, UtcTime.utcSeconds(start), UtcTime.utc(updatedAt),
                latency, run.run().id(), status,
                run.run().nodes().stream().map(GeneratedNode::id).toList(), List.of(), List.of(), 0, false,
                settings.moderation().type(), settings.keywordsFlag(conversation.inputs, query),
                settings.suggestedQuestions());
        finishTurn(conversation, message, query, saved ? run.answer() : null);
        return Math.max(updatedAt, run.endMicros());
    }

    private void finishTurn(Conversation conversation, GeneratedMessage message, String query, String answer) {
        if (conversation.first == null) {
            conversation.first = message;
            conversation.firstQuery = query;
        }
        if (answer != null) {
            conversation.history.add(new String[] {query, answer});
        }
        conversation.lastMessageId = message.id();
        if (spec.recordRuns()) {
            messages.add(message);
        }
    }

    private static long wholeSeconds(long micros) {
        return Math.floorDiv(micros, UtcTime.MICROS_PER_SECOND) * UtcTime.MICROS_PER_SECOND;
    }
}
