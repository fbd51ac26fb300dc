package dev.difyweave.demo.generator;

import static dev.difyweave.demo.generator.Json.obj;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The shape of one workflow app: its nodes, the order in which a run visits them, the models and
 * tools they use, and the DSL {@code graph} JSON that Dify stores in {@code workflows.graph} and
 * copies into every {@code workflow_runs.graph}.
 *
 * <p>A run executes {@link #stages()} in order: a {@link Branch} runs its decider, one arm and the
 * aggregator; an {@link Iteration} runs, per item, an {@code iteration-start} and its child node.
 * The plan is sized so that a run executes about {@code nodesPerRun} nodes on average.
 *
 * <p>A chatflow plan ({@link #chatflow}) is a fixed line {@code start -> knowledge-retrieval -> tool ->
 * llm -> answer}: {@link #end()} is its {@code answer} node and it has no review node.
 */
final class WorkflowPlan {

    /** A node of the graph. {@code id} is Dify's node id (a millisecond timestamp string). */
    record PlannedNode(String id, String type, String title) {
    }

    sealed interface Stage permits Single, Branch, Iteration {
    }

    record Single(PlannedNode node) implements Stage {
    }

    /** An {@code if-else} or {@code question-classifier} with one node per arm, merged by an aggregator. */
    record Branch(PlannedNode decider, List<PlannedNode> arms, List<String> armLabels, PlannedNode aggregator)
            implements Stage {
    }

    /** An {@code iteration} container running {@code start} then {@code child} once per item. */
    record Iteration(PlannedNode iteration, PlannedNode start, PlannedNode child, int minItems, int maxItems)
            implements Stage {
    }

    record LlmModel(String provider, String name, double promptUnitPrice, double completionUnitPrice) {
    }

    record Tool(String providerId, String toolName, String label, String pluginIdentifier) {
    }

    record Document(UUID id, String name) {
    }

    static final List<LlmModel> MODELS = List.of(
            new LlmModel("langgenius/openai/openai", "gpt-4o-mini", 0.15, 0.6),
            new LlmModel("langgenius/openai/openai", "gpt-4o", 2.5, 10.0),
            new LlmModel("langgenius/anthropic/anthropic", "claude-3-5-haiku-20241022", 0.8, 4.0));

    private static final int MIN_GRAPH_CHARS = 5_000;

    private final PlannedNode start;
    private final PlannedNode end;
    private final PlannedNode review;
    private final List<Stage> stages;
    private final LlmModel model;
    private final Tool tool;
    private final UUID datasetId;
    private final String datasetName;
    private final List<Document> documents;
    private final String systemPrompt;
    private final boolean chat;
    private final String graph;

    private WorkflowPlan(PlannedNode start, PlannedNode end, PlannedNode review, List<Stage> stages, LlmModel model,
                         Tool tool, UUID datasetId, String datasetName, List<Document> documents,
                         String systemPrompt, boolean chat, SeededRandom random, String author) {
        this.start = start;
        this.end = end;
        this.review = review;
        this.stages = List.copyOf(stages);
        this.model = model;
        this.tool = tool;
        this.datasetId = datasetId;
        this.datasetName = datasetName;
        this.documents = List.copyOf(documents);
        this.systemPrompt = systemPrompt;
        this.chat = chat;
        this.graph = new GraphWriter(random, author).write();
    }

    /**
     * Plans an app whose runs execute about {@code nodesPerRun} nodes. Every app has start, end and an
     * answering LLM. Apps alternate between two archetypes so that even a small data set holds every
     * node type: even-numbered apps retrieve knowledge, branch with an {@code if-else} and run a few
     * single nodes ({@code code}, {@code http-request}, {@code tool}, ...); odd-numbered apps loop
     * over items in an {@code iteration} (about 4 rows per run) and branch with a
     * {@code question-classifier}. A branch costs 3 rows per run (decider, arm, aggregator).
     */
    static WorkflowPlan create(SeededRandom random, int appIndex, int nodesPerRun, long createdAtMillis,
                               String appName, String author) {
        NodeIds ids = new NodeIds(random, createdAtMillis);
        Titles titles = new Titles();
        boolean iterating = appIndex % 2 == 1;
        int budget = Math.max(1, nodesPerRun - 2) - 1; // minus start, end and the answering LLM

        PlannedNode start = new PlannedNode(ids.next(), "start", "Start");
        Stage iteration = null;
        if (iterating && budget >= 4) {
            String iterationId = ids.next();
            PlannedNode child = new PlannedNode(ids.next(), "llm", titles.unique("Summarize item"));
            iteration = new Iteration(new PlannedNode(iterationId, "iteration", titles.unique("Iteration")),
                    new PlannedNode(iterationId + "start", "iteration-start", ""), child, 1, 2);
            budget -= 4;
        }
        Stage branch = null;
        if (budget >= 3) {
            branch = iterating ? classifierBranch(random, ids, titles) : ifElseBranch(ids, titles);
            budget -= 3;
        }
        Stage retrieval = null;
        if (budget >= 1) {
            retrieval = new Single(new PlannedNode(ids.next(), "knowledge-retrieval",
                    titles.unique(random.pick("Knowledge Retrieval", "Search help center", "Retrieve product docs"))));
            budget--;
        }
        List<Stage> singles = new ArrayList<>();
        for (int i = 0; i < budget; i++) {
            String type = i < SINGLE_ROTATION.size()
                    ? SINGLE_ROTATION.get((appIndex + i) % SINGLE_ROTATION.size())
                    : random.pick(SINGLE_ROTATION);
            singles.add(new Single(single(random, type, ids, titles)));
        }
        PlannedNode answer = new PlannedNode(ids.next(), "llm", titles.unique("Draft answer"));

        List<Stage> stages = new ArrayList<>();
        if (retrieval != null) {
            stages.add(retrieval);
        }
        if (branch != null) {
            stages.add(branch);
        }
        stages.addAll(singles);
        if (iteration != null) {
            stages.add(iteration);
        }
        stages.add(new Single(answer));

        PlannedNode review = new PlannedNode(ids.next(), "human-input", titles.unique("Human review"));
        PlannedNode end = new PlannedNode(ids.next(), "end", "End");
        return assemble(random, start, end, review, stages, appName, author, false);
    }

    /**
     * Plans an {@code advanced-chat} app (chatflow): {@code start -> knowledge-retrieval -> tool -> llm
     * -> answer}, where the answer node streams the LLM's text.
     */
    static WorkflowPlan chatflow(SeededRandom random, long createdAtMillis, String appName, String author) {
        NodeIds ids = new NodeIds(random, createdAtMillis);
        PlannedNode start = new PlannedNode(ids.next(), "start", "Start");
        PlannedNode retrieval = new PlannedNode(ids.next(), "knowledge-retrieval", "Knowledge Retrieval");
        PlannedNode search = new PlannedNode(ids.next(), "tool", "Web search");
        PlannedNode llm = new PlannedNode(ids.next(), "llm", "LLM");
        PlannedNode answer = new PlannedNode(ids.next(), "answer", "Answer");
        List<Stage> stages = List.of(new Single(retrieval), new Single(search), new Single(llm));
        return assemble(random, start, answer, null, stages, appName, author, true);
    }

    /** Draws what the nodes use (model, tool, knowledge base, prompt) and renders the graph. */
    private static WorkflowPlan assemble(SeededRandom random, PlannedNode start, PlannedNode end, PlannedNode review,
                                         List<Stage> stages, String appName, String author, boolean chat) {
        LlmModel model = random.pick(MODELS);
        Tool tool = random.pick(
                new Tool("langgenius/tavily/tavily", "tavily_search", "Tavily Search", "langgenius/tavily:0.1.3"),
                new Tool("langgenius/wikipedia/wikipedia", "wikipedia_search", "Wikipedia Search",
                        "langgenius/wikipedia:0.0.4"),
                new Tool("langgenius/time/time", "current_time", "Current Time", "langgenius/time:0.0.6"));
        tool = new Tool(tool.providerId(), tool.toolName(), tool.label(),
                tool.pluginIdentifier() + "@" + random.hex(64));
        UUID datasetId = random.uuid();
        String datasetName = appName + " knowledge base";
        List<Document> documents = new ArrayList<>();
        for (String name : List.of("getting-started.md", "billing-faq.pdf", "api-reference.md", "troubleshooting.md",
                "release-notes-2026.md")) {
            documents.add(new Document(random.uuid(), name));
        }
        String systemPrompt = "You are the support assistant of " + appName + ". Answer in the user's language, "
                + "cite the knowledge base when you use it and never invent order numbers. "
                + TextFaker.text(random, 240);
        return new WorkflowPlan(start, end, review, stages, model, tool, datasetId, datasetName, documents,
                systemPrompt, chat, random, author);
    }

    private static final List<String> SINGLE_ROTATION =
            List.of("code", "http-request", "tool", "template-transform", "llm");

    private static Branch ifElseBranch(NodeIds ids, Titles titles) {
        PlannedNode decider = new PlannedNode(ids.next(), "if-else", titles.unique("IF/ELSE"));
        PlannedNode canned = new PlannedNode(ids.next(), "template-transform", titles.unique("Refund reply"));
        PlannedNode general = new PlannedNode(ids.next(), "llm", titles.unique("General answer"));
        return new Branch(decider, List.of(canned, general), List.of("true", "false"),
                new PlannedNode(ids.next(), "variable-aggregator", titles.unique("Variable Aggregator")));
    }

    private static Branch classifierBranch(SeededRandom random, NodeIds ids, Titles titles) {
        PlannedNode decider = new PlannedNode(ids.next(), "question-classifier", titles.unique("Classify request"));
        PlannedNode billing = new PlannedNode(ids.next(), "llm", titles.unique("Billing answer"));
        PlannedNode status = random.chance(0.5)
                ? new PlannedNode(ids.next(), "http-request", titles.unique("Fetch order status"))
                : new PlannedNode(ids.next(), "tool", titles.unique("Search the web"));
        return new Branch(decider, List.of(billing, status), List.of("1", "2"),
                new PlannedNode(ids.next(), "variable-aggregator", titles.unique("Variable Aggregator")));
    }

    private static PlannedNode single(SeededRandom random, String type, NodeIds ids, Titles titles) {
        String title = switch (type) {
            case "llm" -> random.pick("Rewrite query", "Extract intent", "Translate answer", "LLM");
            case "code" -> random.pick("Normalize input", "Parse response", "Code");
            case "template-transform" -> random.pick("Format answer", "Template");
            case "http-request" -> random.pick("Create ticket", "HTTP Request");
            default -> random.pick("Web search", "Tool");
        };
        return new PlannedNode(ids.next(), type, titles.unique(title));
    }

    PlannedNode start() {
        return start;
    }

    /** The last node: {@code end}, or {@code answer} in a chatflow. */
    PlannedNode end() {
        return end;
    }

    /** The {@code human-input} node where paused runs wait; ordinary runs skip it. Null in a chatflow. */
    PlannedNode review() {
        return review;
    }

    List<Stage> stages() {
        return stages;
    }

    LlmModel model() {
        return model;
    }

    Tool tool() {
        return tool;
    }

    UUID datasetId() {
        return datasetId;
    }

    String datasetName() {
        return datasetName;
    }

    List<Document> documents() {
        return documents;
    }

    /** The rendered system prompt LLM nodes send (before any retrieved context is appended). */
    String systemPrompt() {
        return systemPrompt;
    }

    /** The system prompt as written on the canvas: its first sentence, the rest comes from a variable. */
    private String promptTemplate() {
        return systemPrompt.substring(0, systemPrompt.indexOf(". ") + 1) + "\n{{#context#}}\n{{#env.SUPPORT_POLICY#}}";
    }

    /** The DSL graph JSON text (at least ~5 KB). */
    String graph() {
        return graph;
    }

    /** Nodes a console user might debug on their own (single-step runs). */
    List<PlannedNode> debuggableNodes() {
        List<PlannedNode> nodes = new ArrayList<>();
        for (Stage stage : stages) {
            if (stage instanceof Single single && !single.node().type().equals("template-transform")) {
                nodes.add(single.node());
            }
        }
        return nodes;
    }

    /** Dify node ids: 13-digit millisecond timestamps of when the node was dropped on the canvas. */
    private static final class NodeIds {
        private final SeededRandom random;
        private long last;

        NodeIds(SeededRandom random, long createdAtMillis) {
            this.random = random;
            this.last = createdAtMillis;
        }

        String next() {
            last += random.between(1_500L, 240_000L);
            return Long.toString(last);
        }
    }

    /** Node titles are unique within a graph; Dify numbers duplicates ("LLM 2"). */
    private static final class Titles {
        private final Map<String, Integer> seen = new HashMap<>();

        String unique(String title) {
            int count = seen.merge(title, 1, Integer::sum);
            return count == 1 ? title : title + " " + count;
        }
    }

    /** Renders the plan as Dify's canvas DSL: nodes with positions and type-specific data, edges, viewport. */
    private final class GraphWriter {
        private final SeededRandom random;
        private final String author;
        private final List<Object> nodes = new ArrayList<>();
        private final List<Object> edges = new ArrayList<>();
        private int column;

        GraphWriter(SeededRandom random, String author) {
            this.random = random;
            this.author = author;
        }

        String write() {
            List<PlannedNode> previous = List.of(node(start, 0));
            for (Stage stage : stages) {
                if (stage instanceof Single single) {
                    PlannedNode n = node(single.node(), 0);
                    connectAll(previous, n);
                    previous = List.of(n);
                } else if (stage instanceof Branch branch) {
                    PlannedNode decider = node(branch.decider(), 0);
                    connectAll(previous, decider);
                    column++;
                    for (int i = 0; i < branch.arms().size(); i++) {
                        PlannedNode arm = placed(branch.arms().get(i), column, (i == 0 ? -1 : 1) * 150);
                        edge(decider, branch.armLabels().get(i), arm, false);
                    }
                    PlannedNode aggregator = node(branch.aggregator(), 0);
                    connectAll(branch.arms(), aggregator);
                    previous = List.of(aggregator);
                } else if (stage instanceof Iteration iteration) {
                    PlannedNode container = node(iteration.iteration(), 0);
                    connectAll(previous, container);
                    nodes.add(childNode(iteration.start(), iteration.iteration(), 24, "custom-iteration-start"));
                    nodes.add(childNode(iteration.child(), iteration.iteration(), 128, "custom"));
                    edge(iteration.start(), "source", iteration.child(), true);
                    previous = List.of(container);
                }
            }
            PlannedNode reviewNode = null;
            if (review != null) {
                reviewNode = placed(review, column + 1, 160);
                edge(previous.get(0), "source", reviewNode, false);
            }
            PlannedNode endNode = node(end, 0);
            connectAll(previous, endNode);
            if (reviewNode != null) {
                edge(reviewNode, "approve", endNode, false);
            }

            Map<String, Object> graph = obj("nodes", nodes, "edges", edges,
                    "viewport", obj("x", -120.5, "y", 88.25, "zoom", 0.7));
            String json = Json.write(graph);
            if (json.length() < MIN_GRAPH_CHARS) {
                // Real canvases usually carry a sticky note or two; it also brings the graph to a realistic size.
                nodes.add(note(TextFaker.text(random, MIN_GRAPH_CHARS - json.length())));
                json = Json.write(graph);
            }
            return json;
        }

        private PlannedNode node(PlannedNode node, int yOffset) {
            column++;
            return placed(node, column, yOffset);
        }

        private PlannedNode placed(PlannedNode node, int col, int yOffset) {
            Map<String, Object> position = obj("x", 80 + col * 320, "y", 282 + yOffset);
            nodes.add(obj("id", node.id(), "type", "custom", "data", data(node), "position", position,
                    "positionAbsolute", position, "width", 244, "height", node.type().equals("iteration") ? 240 : 98,
                    "selected", false, "sourcePosition", "right", "targetPosition", "left",
                    "zIndex", node.type().equals("iteration") ? 1 : 0));
            return node;
        }

        private Map<String, Object> childNode(PlannedNode node, PlannedNode parent, int x, String canvasType) {
            Map<String, Object> data = data(node);
            data.put("isInIteration", true);
            data.put("iteration_id", parent.id());
            return obj("id", node.id(), "type", canvasType, "data", data, "parentId", parent.id(),
                    "position", obj("x", x, "y", 68), "extent", "parent", "width", canvasType.equals("custom") ? 244 : 44,
                    "height", canvasType.equals("custom") ? 98 : 48, "draggable", !canvasType.endsWith("start"),
                    "selectable", !canvasType.endsWith("start"), "zIndex", 1002);
        }

        private Map<String, Object> note(String text) {
            return obj("id", Long.toString(Long.parseLong(end.id()) + 1_000), "type", "custom-note",
                    "data", obj("title", "", "desc", "", "type", "", "text", text, "theme", "blue",
                            "author", author, "showAuthor", true, "width", 320, "height", 180),
                    "position", obj("x", 80, "y", 620), "width", 320, "height", 180, "selected", false);
        }

        private void connectAll(List<PlannedNode> sources, PlannedNode target) {
            for (PlannedNode source : sources) {
                edge(source, "source", target, false);
            }
        }

        private void edge(PlannedNode source, String handle, PlannedNode target, boolean inIteration) {
            edges.add(obj("id", source.id() + "-" + handle + "-" + target.id() + "-target", "type", "custom",
                    "source", source.id(), "sourceHandle", handle, "target", target.id(), "targetHandle", "target",
                    "data", obj("sourceType", source.type(), "targetType", target.type(),
                            "isInIteration", inIteration, "isInLoop", false),
                    "zIndex", inIteration ? 1002 : 0));
        }

        private Map<String, Object> data(PlannedNode node) {
            Map<String, Object> data = obj("type", node.type(), "title", node.title(), "desc", "", "selected", false);
            // A chatflow's question is the system variable; a workflow's is a start-node input.
            List<String> query = chat ? List.of("sys", "query") : List.of(start.id(), "query");
            switch (node.type()) {
                case "start" -> {
                    List<Object> variables = new ArrayList<>();
                    if (!chat) {
                        variables.add(obj("variable", "query", "label", "Question", "type", "paragraph",
                                "required", true, "max_length", 4000, "options", List.of()));
                    }
                    variables.add(obj("variable", "language", "label", "Answer language", "type", "select",
                            "required", false, "options", List.of("English", "Deutsch", "Français", "日本語")));
                    variables.add(obj("variable", "customer_tier", "label", "Customer tier", "type", "text-input",
                            "required", false, "max_length", 48, "options", List.of()));
                    data.put("variables", variables);
                }
                case "llm" -> {
                    data.put("model", modelData());
                    if (chat) {
                        data.put("prompt_template", List.of(
                                obj("id", random.uuid().toString(), "role", "system", "text", promptTemplate())));
                        data.put("memory", obj("window", obj("enabled", true, "size", 6),
                                "query_prompt_template", "{{#sys.query#}}",
                                "role_prefix", obj("user", "", "assistant", "")));
                    } else {
                        data.put("prompt_template", List.of(
                                obj("id", random.uuid().toString(), "role", "system", "text", promptTemplate()),
                                obj("id", random.uuid().toString(), "role", "user", "text", "{{#sys.query#}}\n{{#"
                                        + start.id() + ".query#}}")));
                    }
                    data.put("context", obj("enabled", true, "variable_selector", List.of()));
                    data.put("vision", obj("enabled", false));
                    data.put("variables", List.of());
                }
                case "knowledge-retrieval" -> {
                    data.put("query_variable_selector", query);
                    data.put("dataset_ids", List.of(datasetId.toString()));
                    data.put("retrieval_mode", "multiple");
                    data.put("multiple_retrieval_config", obj("top_k", 3, "score_threshold", null,
                            "reranking_enable", false, "reranking_mode", "weighted_score"));
                }
                case "code" -> {
                    data.put("code_language", "python3");
                    data.put("code", "def main(arg1: str) -> dict:\n    text = arg1.strip()\n"
                            + "    return {\"result\": text, \"word_count\": len(text.split())}\n");
                    data.put("variables", List.of(obj("variable", "arg1", "value_selector", query)));
                    data.put("outputs", obj("result", obj("type", "string", "children", null),
                            "word_count", obj("type", "number", "children", null)));
                }
                case "if-else" -> data.put("cases", List.of(obj("case_id", "true", "logical_operator", "and",
                        "conditions", List.of(obj("id", random.uuid().toString(), "varType", "string",
                                "variable_selector", query, "comparison_operator", "contains", "value", "refund")))));
                case "question-classifier" -> {
                    data.put("query_variable_selector", query);
                    data.put("model", modelData());
                    data.put("classes", List.of(obj("id", "1", "name", "Billing or refunds"),
                            obj("id", "2", "name", "Order or technical status")));
                    data.put("instruction", "Classify the customer request.");
                }
                case "template-transform" -> {
                    data.put("template", "{{ answer }}\n\n— {{ signature }}");
                    data.put("variables", List.of(obj("variable", "answer", "value_selector", query)));
                }
                case "http-request" -> {
                    data.put("method", "post");
                    data.put("url", "https://api.helpdesk.example.com/v1/tickets");
                    data.put("authorization", obj("type", "api-key", "config", obj("type", "bearer",
                            "api_key", "{{#env.HELPDESK_TOKEN#}}")));
                    data.put("headers", "Content-Type:application/json");
                    data.put("params", "");
                    data.put("body", obj("type", "json", "data", List.of(obj("id", "key-value-1", "type", "text",
                            "value", "{\"subject\": \"{{#sys.query#}}\"}"))));
                    data.put("timeout", obj("max_connect_timeout", 0, "max_read_timeout", 0,
                            "max_write_timeout", 0));
                    data.put("retry_config", obj("retry_enabled", true, "max_retries", 3, "retry_interval", 100));
                }
                case "tool" -> {
                    data.put("provider_id", tool.providerId());
                    data.put("provider_type", "builtin");
                    data.put("provider_name", tool.providerId());
                    data.put("tool_name", tool.toolName());
                    data.put("tool_label", tool.label());
                    data.put("tool_configurations", obj());
                    data.put("tool_parameters", obj("query", obj("type", "mixed", "value", "{{#sys.query#}}")));
                    data.put("plugin_unique_identifier", tool.pluginIdentifier());
                }
                case "iteration" -> {
                    data.put("iterator_selector", List.of(start.id(), "items"));
                    data.put("output_type", "array[string]");
                    data.put("is_parallel", false);
                    data.put("parallel_nums", 10);
                    data.put("error_handle_mode", "terminated");
                    data.put("start_node_id", node.id() + "start");
                }
                case "variable-aggregator" -> {
                    data.put("output_type", "string");
                    data.put("variables", List.of());
                }
                case "human-input" -> {
                    data.put("delivery_methods", List.of(obj("type", "webapp", "enabled", true)));
                    data.put("form_content", "Please review the drafted answer before it is sent.");
                    data.put("user_actions", List.of(obj("id", "approve", "title", "Approve"),
                            obj("id", "reject", "title", "Reject")));
                    data.put("timeout", 3);
                    data.put("timeout_unit", "day");
                }
                case "end" -> data.put("outputs", List.of(obj("variable", "answer", "value_selector",
                        List.of(start.id(), "query"))));
                case "answer" -> {
                    data.put("answer", "{{#" + lastLlmId() + ".text#}}");
                    data.put("variables", List.of());
                }
                default -> {
                }
            }
            return data;
        }

        private String lastLlmId() {
            String id = start.id();
            for (Stage stage : stages) {
                if (stage instanceof Single single && single.node().type().equals("llm")) {
                    id = single.node().id();
                }
            }
            return id;
        }

        private Map<String, Object> modelData() {
            return obj("provider", model.provider(), "name", model.name(), "mode", "chat",
                    "completion_params", obj("temperature", 0.3, "max_tokens", 1024));
        }
    }
}
