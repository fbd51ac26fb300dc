package dev.difyweave.demo.generator;

import static dev.difyweave.demo.generator.DifyRows.PRICE_UNIT;
import static dev.difyweave.demo.generator.Json.obj;
import static dev.difyweave.demo.generator.Json.round;

import dev.difyweave.demo.generator.WorkflowPlan.LlmModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code message_agent_thoughts} of one agent-chat message, as Dify's function-calling agent
 * writes them: one thought per LLM round, each naming the tools it called ({@code tool} joined with
 * {@code ;}, {@code tool_input}/{@code observation}/{@code tool_meta_str}/{@code tool_labels_str}
 * keyed by tool name), then a final thought with an empty {@code tool} that carries the answer.
 * A thought row is created when its round starts, so its {@code created_at} precedes the tool call;
 * until a tool answers, its {@code observation} is {@code ""} and {@code tool_meta_str} {@code {}}.
 */
final class AgentThoughts {

    /** What a message's agent does; each value is used once, in this order, before any repeats. */
    enum Pattern {
        /** Two tools in one thought: {@code google_search;wikipedia}. */
        TWO_TOOLS,
        /** The same tool in two different thoughts of the message. */
        SAME_TOOL_TWICE,
        /** A tool use that failed ({@code error} in its meta), then a successful one. */
        TOOL_ERROR,
        ONE_TOOL,
        /** An image tool whose picture becomes an assistant {@code message_files} row. */
        IMAGE_TOOL,
        /** Answers without calling a tool. */
        NO_TOOL
    }

    /** A built-in tool the agent apps are configured with. */
    record AgentTool(String name, String provider, String label, String zhLabel) {
    }

    static final AgentTool GOOGLE_SEARCH = new AgentTool("google_search", "google", "GoogleSearch", "谷歌搜索");
    static final AgentTool WIKIPEDIA = new AgentTool("wikipedia", "wikipedia", "WikipediaSearch", "维基百科搜索");
    static final AgentTool CURRENT_TIME = new AgentTool("current_time", "time", "Current Time", "获取当前时间");
    static final AgentTool DALLE = new AgentTool("dalle3", "dalle", "DALL-E 3", "DALL-E 3 绘画");
    static final List<AgentTool> TOOLS = List.of(GOOGLE_SEARCH, WIKIPEDIA, CURRENT_TIME, DALLE);

    static final String IMAGE_OBSERVATION = "image has been created and sent to user already, you do not need to "
            + "create it, just tell the user to check it now.";

    /** How far the agent got. */
    enum Progress {
        /** All rounds ran and the answer was saved. */
        ANSWERED,
        /** The LLM failed after the first tool round: no final thought. */
        FAILED,
        /** The first round's tool call is in flight: its thought has no observation or meta yet. */
        IN_FLIGHT
    }

    /**
     * The thoughts of a message, their rows, and what the message takes from them.
     *
     * @param promptTail    the assistant tool-call and tool-result prompt messages of the rounds (for
     *                      {@code messages.message})
     * @param imageThought  position of the thought that produced the assistant image, or 0
     */
    record Played(List<DifyRows.AgentThought> rows, List<GeneratedAgentThought> thoughts, List<Object> promptTail,
                  long promptTokens, long completionTokens, long endMicros, int imageThought) {
    }

    private AgentThoughts() {
    }

    /** The {@code agent_mode} JSON text of an agent-chat app's config. */
    static String agentModeJson() {
        List<Object> tools = new ArrayList<>();
        for (AgentTool tool : TOOLS) {
            tools.add(obj("enabled", true, "provider_type", "builtin", "provider_id", tool.provider(),
                    "provider_name", tool.provider(), "tool_name", tool.name(), "tool_label", tool.label(),
                    "tool_parameters", obj(), "notAuthor", false));
        }
        return Json.write(obj("enabled", true, "max_iteration", 5, "strategy", "function_call", "tools", tools,
                "prompt", null));
    }

    /** The {@code agent_mode} JSON text of an app that is not an agent. */
    static String disabledAgentModeJson() {
        return Json.write(obj("enabled", false, "max_iteration", 5, "strategy", "function_call", "tools", List.of(),
                "prompt", null));
    }

    /**
     * Plays the agent's rounds from {@code startMicros} (the message's {@code created_at}).
     *
     * @param imageFileId the {@code message_files} id the image tool's thought lists (IMAGE_TOOL only)
     */
    static Played play(Pattern pattern, Progress progress, LlmModel model, UUID messageId, String query,
                       String answer, long basePromptTokens, String createdByRole, UUID createdBy, long startMicros,
                       UUID imageFileId, SeededRandom random) {
        List<List<AgentTool>> rounds = switch (pattern) {
            case TWO_TOOLS -> List.of(List.of(GOOGLE_SEARCH, WIKIPEDIA));
            case SAME_TOOL_TWICE -> List.of(List.of(WIKIPEDIA), List.of(GOOGLE_SEARCH), List.of(WIKIPEDIA));
            case TOOL_ERROR -> List.of(List.of(CURRENT_TIME), List.of(GOOGLE_SEARCH));
            case ONE_TOOL -> List.of(List.of(GOOGLE_SEARCH));
            case IMAGE_TOOL -> List.of(List.of(DALLE));
            case NO_TOOL -> List.of();
        };
        if (progress != Progress.ANSWERED && rounds.isEmpty()) {
            rounds = List.of(List.of(GOOGLE_SEARCH));
        }
        if (progress != Progress.ANSWERED) {
            rounds = rounds.subList(0, 1);
        }
        List<DifyRows.AgentThought> rows = new ArrayList<>();
        List<GeneratedAgentThought> thoughts = new ArrayList<>();
        List<Object> promptTail = new ArrayList<>();
        long cursor = startMicros + random.between(30_000L, 250_000L);
        long promptTokens = 0;
        long completionTokens = 0;
        long context = basePromptTokens;
        int imageThought = 0;
        for (int r = 0; r < rounds.size(); r++) {
            List<AgentTool> tools = rounds.get(r);
            int position = r + 1;
            boolean inFlight = progress == Progress.IN_FLIGHT;
            // The failing tool of TOOL_ERROR is the first round's.
            boolean failing = pattern == Pattern.TOOL_ERROR && r == 0;
            UUID id = random.uuid();
            long createdAt = cursor;
            double llmSeconds = round(random.between(0.6, 2.4), 3);
            long callTokens = random.between(18, 60);
            String thoughtText = random.pick("", "", "Let me look that up.", "I'll check the documentation first.");

            Map<String, Object> inputs = new LinkedHashMap<>();
            Map<String, Object> observations = new LinkedHashMap<>();
            Map<String, Object> metas = new LinkedHashMap<>();
            Map<String, Object> labels = new LinkedHashMap<>();
            List<Object> toolCalls = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            long toolMicros = 0;
            for (AgentTool tool : tools) {
                Map<String, Object> input = toolInput(tool, query, random);
                names.add(tool.name());
                inputs.put(tool.name(), input);
                labels.put(tool.name(), obj("en_US", tool.label(), "zh_Hans", tool.zhLabel()));
                toolCalls.add(obj("id", "call_" + random.hex(24), "type", "function",
                        "function", obj("name", tool.name(), "arguments", Json.write(input))));
                double timeCost = round(random.between(0.3, 3.2), 6);
                toolMicros += (long) (timeCost * UtcTime.MICROS_PER_SECOND);
                if (failing) {
                    String error = "tool invoke error: 504 Server Error: Gateway Timeout for url: "
                            + "https://worldtimeapi.example.com/api/timezone/Etc/UTC";
                    observations.put(tool.name(), error);
                    metas.put(tool.name(), obj("time_cost", 0.0, "error", error, "tool_config", obj()));
                    failed.add(tool.name());
                } else {
                    observations.put(tool.name(), observation(tool, random));
                    metas.put(tool.name(), obj("time_cost", timeCost, "error", null, "tool_config", obj(
                            "tool_name", tool.name(),
                            "tool_provider", tool.provider(),
                            "tool_provider_type", "builtin",
                            "tool_parameters", input,
                            "tool_icon", "/console/api/workspaces/current/tool-provider/builtin/" + tool.provider()
                                    + "/icon")));
                }
            }
            boolean image = tools.contains(DALLE) && imageFileId != null && !inFlight;
            if (image) {
                imageThought = position;
            }
            long llmMicros = (long) (llmSeconds * UtcTime.MICROS_PER_SECOND);
            rows.add(thoughtRow(id, messageId, position, thoughtText, String.join(";", names), Json.write(inputs),
                    inFlight ? "" : Json.write(observations), model, context, callTokens, llmSeconds,
                    createdByRole, createdBy, createdAt, image ? List.of(imageFileId.toString()) : List.of(),
                    Json.write(labels), inFlight ? "{}" : Json.write(metas)));
            thoughts.add(new GeneratedAgentThought(id, position, names, inFlight ? List.of() : failed,
                    UtcTime.utc(createdAt)));
            promptTokens += context;
            completionTokens += callTokens;
            promptTail.add(obj("role", "assistant", "text", thoughtText, "files", List.of(), "tool_calls", toolCalls));
            for (AgentTool tool : tools) {
                String text = String.valueOf(observations.get(tool.name()));
                promptTail.add(obj("role", "tool", "text", text, "files", List.of()));
                context += Math.max(1, text.length() / 4) + 12;
            }
            context += callTokens;
            cursor = createdAt + llmMicros + toolMicros + random.between(20_000L, 200_000L);
        }
        if (progress == Progress.ANSWERED) {
            UUID id = random.uuid();
            long createdAt = cursor;
            double llmSeconds = round(random.between(1.0, 5.5), 3);
            long answerTokens = Math.max(1, answer.length() / 4);
            rows.add(thoughtRow(id, messageId, rounds.size() + 1, answer, "", "{}", "", model, context, answerTokens,
                    llmSeconds, createdByRole, createdBy, createdAt, List.of(), "{}", "{}"));
            thoughts.add(new GeneratedAgentThought(id, rounds.size() + 1, List.of(), List.of(),
                    UtcTime.utc(createdAt)));
            promptTokens += context;
            completionTokens += answerTokens;
            cursor = createdAt + (long) (llmSeconds * UtcTime.MICROS_PER_SECOND);
        }
        return new Played(rows, thoughts, promptTail, promptTokens, completionTokens, cursor, imageThought);
    }

    private static DifyRows.AgentThought thoughtRow(UUID id, UUID messageId, int position, String thought,
                                                    String tool, String toolInput, String observation,
                                                    LlmModel model, long promptTokens, long answerTokens,
                                                    double latency, String createdByRole, UUID createdBy,
                                                    long createdAt, List<String> messageFiles, String labels,
                                                    String meta) {
        double price = (promptTokens * model.promptUnitPrice() + answerTokens * model.completionUnitPrice())
                * NodePayloads.PRICE_UNIT;
        return new DifyRows.AgentThought(id, messageId, position, thought, tool, toolInput, observation, "",
                promptTokens, BigDecimal.valueOf(model.promptUnitPrice()), thought, answerTokens,
                BigDecimal.valueOf(model.completionUnitPrice()), promptTokens + answerTokens,
                BigDecimal.valueOf(round(price, 7)), PRICE_UNIT, latency, createdByRole, createdBy,
                UtcTime.utc(createdAt), Json.write(messageFiles), labels, meta);
    }

    private static Map<String, Object> toolInput(AgentTool tool, String query, SeededRandom random) {
        return switch (tool.name()) {
            case "google_search" -> obj("query", shorten(query, 80));
            case "wikipedia" -> obj("query", random.pick(TextFaker.TOPICS), "language", "en");
            case "current_time" -> obj("timezone", random.pick("UTC", "Europe/Zurich", "Asia/Tokyo"));
            default -> obj("prompt", "A friendly illustration of " + random.pick(TextFaker.TOPICS), "size",
                    "square", "n", 1, "quality", "standard", "style", "vivid");
        };
    }

    private static String observation(AgentTool tool, SeededRandom random) {
        return switch (tool.name()) {
            case "google_search" -> "https://help.example.com/articles/" + random.between(1_000, 9_999) + ": "
                    + TextFaker.text(random, 180);
            case "wikipedia" -> TextFaker.text(random, 220);
            case "current_time" -> "2026-" + random.between(10, 11) + "-" + random.between(10, 28) + " "
                    + random.between(10, 23) + ":" + random.between(10, 59) + ":" + random.between(10, 59);
            default -> IMAGE_OBSERVATION;
        };
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
