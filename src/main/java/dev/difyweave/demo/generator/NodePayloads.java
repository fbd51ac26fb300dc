package dev.difyweave.demo.generator;

import static dev.difyweave.demo.generator.Json.obj;
import static dev.difyweave.demo.generator.Json.round;

import dev.difyweave.demo.generator.WorkflowPlan.LlmModel;
import dev.difyweave.demo.generator.WorkflowPlan.PlannedNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the JSON payloads of one node execution ({@code inputs}, {@code process_data},
 * {@code outputs}, {@code execution_metadata}) in the shapes Dify's nodes store, sized by the
 * spec's payload knob (roughly that many bytes of JSON per node).
 */
final class NodePayloads {

    /** Prices in Dify's LLMUsage are per {@code price_unit} tokens; 0.000001 = per million tokens. */
    static final double PRICE_UNIT = 0.000001;

    /** What a node execution stores. Any map may be {@code null} (stored as SQL NULL). */
    record Payload(Map<String, Object> inputs, Map<String, Object> processData, Map<String, Object> outputs,
                   Map<String, Object> metadata, long tokens) {
    }

    /** Values flowing through one run, updated as nodes execute. */
    static final class RunState {
        final String topic;
        final String query;
        final Map<String, Object> inputs;
        String retrieved = "";
        String lastText;
        List<String> items = List.of();
        String currentItem;

        RunState(String topic, String query, Map<String, Object> inputs) {
            this.topic = topic;
            this.query = query;
            this.inputs = inputs;
            this.lastText = query;
        }
    }

    private final WorkflowPlan plan;
    private final int payloadBytes;

    NodePayloads(WorkflowPlan plan, int payloadBytes) {
        this.plan = plan;
        this.payloadBytes = payloadBytes;
    }

    /** Roughly {@code share} of the payload budget, in characters of text. */
    private int chars(double share) {
        return Math.max(40, (int) (payloadBytes * share));
    }

    /**
     * The payload of a node that completed. {@code elapsedSeconds} feeds LLM latencies;
     * {@code branchLabel} is the arm a decider picks ({@code "true"}/{@code "false"} or a class id).
     */
    Payload succeeded(PlannedNode node, RunState state, SeededRandom random, double elapsedSeconds,
                      String branchLabel) {
        return switch (node.type()) {
            case "start" -> new Payload(state.inputs, null, state.inputs, obj(), 0);
            case "end" -> {
                Map<String, Object> answer = obj("answer", state.lastText);
                yield new Payload(answer, null, answer, obj(), 0);
            }
            case "answer" -> new Payload(obj(), null, obj("answer", state.lastText, "files", List.of()), obj(), 0);
            case "llm" -> llm(node, state, random, elapsedSeconds);
            case "question-classifier" -> classifier(state, random, elapsedSeconds, branchLabel);
            case "knowledge-retrieval" -> retrieval(state, random);
            case "if-else" -> ifElse(state, branchLabel);
            case "code" -> {
                Map<String, Object> inputs = obj("arg1", state.lastText);
                String result = TextFaker.text(random, chars(0.25));
                state.lastText = result;
                yield new Payload(inputs, null, obj("result", result, "word_count", result.split(" ").length),
                        obj(), 0);
            }
            case "template-transform" -> {
                String signature = random.pick("Your support team", "Customer Care", "The Helpdesk");
                Map<String, Object> inputs = obj("answer", state.lastText, "signature", signature);
                state.lastText = state.lastText + "\n\n— " + signature;
                yield new Payload(inputs, null, obj("output", state.lastText), obj(), 0);
            }
            case "variable-aggregator" -> new Payload(obj(), null, obj("output", state.lastText), obj(), 0);
            case "http-request" -> http(state, random);
            case "tool" -> tool(state, random);
            case "iteration-start" -> new Payload(obj(), null, obj(), obj(), 0);
            case "human-input" -> new Payload(obj("form_content", "Please review the drafted answer: "
                    + state.lastText, "actions", List.of("approve", "reject")), null, null, obj(), 0);
            default -> new Payload(obj(), null, obj(), obj(), 0);
        };
    }

    /** The {@code iteration} container's own payload, once its items have run. */
    Payload iteration(List<String> items, List<String> itemOutputs, Map<String, Object> durations, long tokens,
                      double price) {
        Map<String, Object> metadata = obj("iteration_duration_map", durations);
        if (tokens > 0) {
            metadata.put("total_tokens", tokens);
            metadata.put("total_price", price);
            metadata.put("currency", "USD");
        }
        return new Payload(obj("iterator_selector", items), null, obj("output", itemOutputs), metadata, tokens);
    }

    /** Items an iteration loops over: sub-questions derived from the request. */
    List<String> iterationItems(RunState state, SeededRandom random, int count) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(TextFaker.question(random, random.pick(TextFaker.TOPICS)));
        }
        state.items = items;
        return items;
    }

    /** A node that failed: inputs as far as they were resolved, no outputs. */
    Payload failed(PlannedNode node, RunState state, SeededRandom random, double elapsedSeconds) {
        String lastText = state.lastText;
        String retrieved = state.retrieved;
        Payload ok = succeeded(node, state, random, elapsedSeconds, "1");
        state.lastText = lastText; // a failed node produces nothing later nodes could use
        state.retrieved = retrieved;
        Map<String, Object> processData = ok.processData();
        if (processData != null) {
            processData = new LinkedHashMap<>(processData);
            processData.remove("usage");
            processData.remove("finish_reason");
        }
        return new Payload(ok.inputs(), processData, null, obj(), 0);
    }

    /**
     * A node whose error strategy let the run continue (status {@code exception}): outputs carry the
     * error and, for {@code default-value}, the configured defaults.
     */
    Payload exception(PlannedNode node, RunState state, SeededRandom random, double elapsedSeconds, String error,
                      String strategy) {
        Payload failed = failed(node, state, random, elapsedSeconds);
        Map<String, Object> outputs = new LinkedHashMap<>();
        if (strategy.equals("default-value")) {
            outputs.put(node.type().equals("http-request") ? "body" : "text", "");
        }
        outputs.put("error_message", error);
        outputs.put("error_type", errorType(node.type()));
        return new Payload(failed.inputs(), failed.processData(), outputs, obj("error_strategy", strategy), 0);
    }

    /** A typical error message of a node type. */
    String error(String type, SeededRandom random) {
        String provider = plan.model().provider().substring(plan.model().provider().lastIndexOf('/') + 1);
        return switch (type) {
            case "llm", "question-classifier" -> random.pick(
                    "[" + provider + "] Rate Limit Error, Error code: 429 - {'error': {'message': 'Rate limit "
                            + "reached for requests', 'type': 'requests', 'code': 'rate_limit_exceeded'}}",
                    "[" + provider + "] Server Unavailable Error, Request timed out.",
                    "Model " + plan.model().name() + " credentials is not initialized.");
            case "http-request" -> random.pick(
                    "Reached maximum retries (3) for URL https://api.helpdesk.example.com/v1/tickets",
                    "HTTP request failed with status code 502: Bad Gateway");
            case "code" -> "Traceback (most recent call last):\n  File \"<string>\", line 3, in main\n"
                    + "KeyError: 'items'\nerror: exit status 255";
            case "tool" -> "Failed to invoke tool: 401 Client Error: Unauthorized for url: https://api.tavily.com/search";
            case "knowledge-retrieval" -> "Knowledge base is not available: all documents are still being indexed";
            default -> "Node execution failed";
        };
    }

    private static String errorType(String type) {
        return switch (type) {
            case "llm", "question-classifier" -> "InvokeRateLimitError";
            case "http-request" -> "HttpRequestNodeError";
            case "code" -> "CodeExecutionError";
            case "tool" -> "ToolInvokeError";
            default -> "NodeRunError";
        };
    }

    private Payload llm(PlannedNode node, RunState state, SeededRandom random, double elapsedSeconds) {
        LlmModel model = plan.model();
        boolean inIteration = state.currentItem != null;
        String system = plan.systemPrompt();
        if (!state.retrieved.isEmpty() && !inIteration) {
            system = system + "\n\nUse the following context:\n<context>\n" + state.retrieved + "\n</context>";
        }
        String user = inIteration ? state.currentItem : state.query;
        String text = TextFaker.text(random, chars(inIteration ? 0.15 : 0.3));
        long promptTokens = tokens(system) + tokens(user) + 7;
        long completionTokens = tokens(text);
        Map<String, Object> usage = usage(model, promptTokens, completionTokens, elapsedSeconds, random);
        Map<String, Object> processData = obj(
                "model_mode", "chat",
                "prompts", List.of(obj("role", "system", "text", system, "files", List.of()),
                        obj("role", "user", "text", user, "files", List.of())),
                "usage", usage,
                "finish_reason", "stop",
                "model_provider", model.provider(),
                "model_name", model.name());
        Map<String, Object> inputs = state.retrieved.isEmpty() || inIteration ? obj() : obj("#context#", state.retrieved);
        state.lastText = text;
        return new Payload(inputs, processData,
                obj("text", text, "reasoning_content", "", "usage", usage, "finish_reason", "stop"),
                priceMetadata(usage), promptTokens + completionTokens);
    }

    private Payload classifier(RunState state, SeededRandom random, double elapsedSeconds, String classId) {
        LlmModel model = plan.model();
        String className = "1".equals(classId) ? "Billing or refunds" : "Order or technical status";
        String system = "### Job Description\nYou are a text classification engine that analyzes text data and "
                + "assigns categories based on user input or automatically determined categories.\n### Categories\n"
                + "[{\"category_id\": \"1\", \"category_name\": \"Billing or refunds\"}, {\"category_id\": \"2\", "
                + "\"category_name\": \"Order or technical status\"}]\n### Instructions\nClassify the customer request.";
        String completion = "{\"category_id\": \"" + classId + "\", \"category_name\": \"" + className + "\"}";
        long promptTokens = tokens(system) + tokens(state.query) + 12;
        long completionTokens = tokens(completion);
        Map<String, Object> usage = usage(model, promptTokens, completionTokens, elapsedSeconds, random);
        Map<String, Object> processData = obj(
                "model_mode", "chat",
                "prompts", List.of(obj("role", "system", "text", system, "files", List.of()),
                        obj("role", "user", "text", "{\"input_text\": [\"" + state.query + "\"]}", "files", List.of())),
                "usage", usage,
                "finish_reason", "stop",
                "model_provider", model.provider(),
                "model_name", model.name());
        return new Payload(obj("query", state.query), processData,
                obj("class_name", className, "class_id", classId, "usage", usage),
                priceMetadata(usage), promptTokens + completionTokens);
    }

    private Payload retrieval(RunState state, SeededRandom random) {
        List<Object> result = new ArrayList<>();
        StringBuilder context = new StringBuilder();
        int chunks = 3;
        for (int i = 0; i < chunks; i++) {
            WorkflowPlan.Document document = random.pick(plan.documents());
            String content = TextFaker.text(random, chars(0.25 / chunks));
            context.append(i == 0 ? "" : "\n").append(content);
            result.add(obj(
                    "metadata", obj(
                            "_source", "knowledge",
                            "dataset_id", plan.datasetId().toString(),
                            "dataset_name", plan.datasetName(),
                            "document_id", document.id().toString(),
                            "document_name", document.name(),
                            "data_source_type", "upload_file",
                            "segment_id", random.uuid().toString(),
                            "retriever_from", "workflow",
                            "score", round(random.between(0.55, 0.95), 6),
                            "segment_hit_count", random.between(1, 40),
                            "segment_word_count", content.split(" ").length,
                            "segment_position", random.between(1, 60),
                            "segment_index_node_hash", random.hex(64),
                            "doc_metadata", null,
                            "position", i + 1),
                    "title", document.name(),
                    "content", content,
                    "files", List.of()));
        }
        state.retrieved = context.toString();
        return new Payload(obj("query", state.query), null, obj("result", result), obj(), 0);
    }

    private Payload ifElse(RunState state, String caseId) {
        boolean matched = "true".equals(caseId);
        Map<String, Object> condition = obj("actual_value", state.query, "expected_value", "refund",
                "comparison_operator", "contains");
        Map<String, Object> group = obj("case_id", "true", "logical_operator", "and", "conditions",
                List.of(obj("variable_selector", List.of(plan.start().id(), "query"), "comparison_operator",
                        "contains", "value", "refund", "varType", "string")));
        return new Payload(obj("conditions", List.of(condition)),
                obj("condition_results", List.of(obj("group", group, "results", List.of(matched),
                        "final_result", matched))),
                obj("result", matched, "selected_case_id", matched ? "true" : "false"), obj(), 0);
    }

    private Payload http(RunState state, SeededRandom random) {
        String ticket = "TCK-" + random.between(100_000, 999_999);
        String body = Json.write(obj("id", ticket, "status", random.pick("open", "pending", "resolved"),
                "subject", state.query, "notes", TextFaker.text(random, chars(0.3))));
        String request = "POST /v1/tickets HTTP/1.1\r\nHost: api.helpdesk.example.com\r\n"
                + "Authorization: Bearer ****************\r\nContent-Type: application/json\r\n\r\n"
                + Json.write(obj("subject", state.query));
        return new Payload(obj(), obj("request", request),
                obj("status_code", 200, "body", body,
                        "headers", obj("content-type", "application/json", "content-length",
                                Integer.toString(body.length()), "x-request-id", random.uuid().toString()),
                        "files", List.of()),
                obj(), 0);
    }

    private Payload tool(RunState state, SeededRandom random) {
        WorkflowPlan.Tool tool = plan.tool();
        String query = state.currentItem != null ? state.currentItem : state.query;
        List<Object> hits = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2; i++) {
            String content = TextFaker.text(random, chars(0.15));
            String url = "https://docs.example.com/articles/" + random.between(1_000, 9_999);
            hits.add(obj("title", random.pick(TextFaker.TOPICS), "url", url, "content", content,
                    "score", round(random.between(0.4, 0.99), 4)));
            text.append(i == 0 ? "" : "\n").append(url).append(": ").append(content);
        }
        state.lastText = text.toString();
        return new Payload(obj("query", query, "max_results", 5), null,
                obj("text", state.lastText, "files", List.of(), "json", List.of(obj("results", hits))),
                obj("tool_info", obj("provider_type", "builtin", "provider_id", tool.providerId(),
                        "plugin_unique_identifier", tool.pluginIdentifier())),
                0);
    }

    private static long tokens(String text) {
        return Math.max(1, text.length() / 4);
    }

    /** Dify's {@code LLMUsage} as stored in node outputs and {@code messages.message_metadata}. */
    static Map<String, Object> usage(LlmModel model, long promptTokens, long completionTokens,
                                             double elapsedSeconds, SeededRandom random) {
        double promptPrice = round(promptTokens * model.promptUnitPrice() * PRICE_UNIT, 7);
        double completionPrice = round(completionTokens * model.completionUnitPrice() * PRICE_UNIT, 7);
        double latency = round(Math.max(0.05, elapsedSeconds - random.between(0.005, 0.04)), 3);
        double firstToken = round(latency * random.between(0.15, 0.45), 3);
        return obj(
                "prompt_tokens", promptTokens,
                "prompt_unit_price", model.promptUnitPrice(),
                "prompt_price_unit", PRICE_UNIT,
                "prompt_price", promptPrice,
                "completion_tokens", completionTokens,
                "completion_unit_price", model.completionUnitPrice(),
                "completion_price_unit", PRICE_UNIT,
                "completion_price", completionPrice,
                "total_tokens", promptTokens + completionTokens,
                "total_price", round(promptPrice + completionPrice, 7),
                "currency", "USD",
                "latency", latency,
                "time_to_first_token", firstToken,
                "time_to_generate", round(latency - firstToken, 3));
    }

    private static Map<String, Object> priceMetadata(Map<String, Object> usage) {
        return obj("total_tokens", usage.get("total_tokens"), "total_price", usage.get("total_price"),
                "currency", "USD");
    }
}
