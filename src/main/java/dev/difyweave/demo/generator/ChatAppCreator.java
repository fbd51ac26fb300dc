package dev.difyweave.demo.generator;

import static dev.difyweave.demo.generator.Json.obj;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.difyweave.demo.generator.ChatAppSettings.Moderation;
import dev.difyweave.demo.generator.ChatflowRunSimulator.Chatflow;
import dev.difyweave.demo.generator.DifyDataGenerator.Spec;
import dev.difyweave.demo.generator.EndUsers.EndUser;
import dev.difyweave.demo.generator.WorkflowPlan.LlmModel;

/**
 * Writes the conversational apps: {@code chat}, {@code completion} and {@code agent-chat} (easy-UI)
 * apps with their two {@code app_model_configs} rows and knowledge base, {@code advanced-chat}
 * (chatflow) apps with their draft and published {@code workflows} rows, and each app's end users.
 *
 * <p>The two configurations of an easy-UI app differ in moderation, citations and suggested
 * questions; each conversation keeps the one it started with, as in Dify.
 */
final class ChatAppCreator {

    private static final Map<String, List<String>> APP_NAMES = Map.of(
            "chat", List.of("Help Center Chat", "Billing Assistant", "Product Expert", "HR Helpdesk"),
            "completion", List.of("Reply Drafter", "Ticket Summarizer", "Translation Desk"),
            "agent-chat", List.of("Research Agent", "Travel Planner", "Ops Copilot"),
            "advanced-chat", List.of("Support Chatflow", "Returns Chatflow", "Onboarding Chatflow"));
    /** The completion apps' model runs in completion mode, so their prompt is a single user message. */
    private static final LlmModel INSTRUCT_MODEL = new LlmModel("langgenius/openai/openai", "gpt-3.5-turbo-instruct",
            1.5, 2.0);
    static final List<String> TONES = List.of("friendly", "formal", "concise");

    private final DifyRowWriter writer;
    private final Spec spec;
    private final List<GeneratedChatApp> apps = new ArrayList<>();
    private int easyUiApps;
    private int chatflowApps;

    ChatAppCreator(DifyRowWriter writer, Spec spec) {
        this.writer = writer;
        this.spec = spec;
    }

    List<GeneratedChatApp> apps() {
        return apps;
    }

    /**
     * Writes app {@code appIndex} of {@code mode} of a workspace, created before {@code rangeStart};
     * an easy-UI app's current configuration starts at {@code switchAt}.
     */
    ChatApp create(SeededRandom random, GeneratedTenant tenant, int tenantIndex, String mode, int appIndex,
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
            WorkflowPlan plan = WorkflowPlanner.chatflow(random.child(3), appCreated / 1_000, name, author);
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
            return new ChatApp(tenant, appId, mode, name, plan.model(), features, features, 0, null, endUsers, chatflow,
                    opening);
        }
        int ordinal = easyUiApps++;
        LlmModel model = mode.equals("completion") ? INSTRUCT_MODEL : random.pick(WorkflowPlan.MODELS);
        ChatAppSettings original = settings(random.uuid(), mode, ordinal, false);
        ChatAppSettings current = settings(random.uuid(), mode, ordinal, true);
        KnowledgeBase knowledge = null;
        if (!mode.equals("agent-chat")) {
            knowledge = KnowledgeBase.create(random, name);
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
        return new ChatApp(tenant, appId, mode, name, model, original, current, switchIndex, knowledge, endUsers, null,
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
                opening, Json.write(form), ChatApp.prePrompt(mode, name),
                mode.equals("agent-chat") ? AgentThoughts.agentModeJson() : AgentThoughts.disabledAgentModeJson(),
                settings.sensitiveWordAvoidanceJson(), settings.suggestedQuestionsJson(),
                settings.retrieverResourceJson(), datasets, completion ? "query" : "",
                Json.write(ChatAppSettings.fileUpload()), creator, UtcTime.utcSeconds(createdAt));
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
}
