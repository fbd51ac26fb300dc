package dev.difyweave.demo.generator;

import static dev.difyweave.demo.generator.Json.obj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.difyweave.demo.generator.WorkflowPlan.Branch;
import dev.difyweave.demo.generator.WorkflowPlan.Iteration;
import dev.difyweave.demo.generator.WorkflowPlan.PlannedNode;
import dev.difyweave.demo.generator.WorkflowPlan.Single;
import dev.difyweave.demo.generator.WorkflowPlan.Stage;

/**
 * Renders a {@link WorkflowPlan} as Dify's canvas DSL ({@code workflows.graph}): nodes with positions
 * and type-specific data, edges, viewport, and a sticky note that brings it to a realistic size.
 */
final class WorkflowGraphWriter {

    private static final int MIN_GRAPH_CHARS = 5_000;

    private final WorkflowPlan plan;
    private final SeededRandom random;
    private final String author;
    private final List<Object> nodes = new ArrayList<>();
    private final List<Object> edges = new ArrayList<>();
    private int column;

    WorkflowGraphWriter(WorkflowPlan plan, SeededRandom random, String author) {
        this.plan = plan;
        this.random = random;
        this.author = author;
    }

    String write() {
        List<PlannedNode> previous = List.of(node(plan.start(), 0));
        for (Stage stage : plan.stages()) {
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
        if (plan.review() != null) {
            reviewNode = placed(plan.review(), column + 1, 160);
            edge(previous.get(0), "source", reviewNode, false);
        }
        PlannedNode endNode = node(plan.end(), 0);
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
        return obj("id", Long.toString(Long.parseLong(plan.end().id()) + 1_000), "type", "custom-note",
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
        List<String> query = plan.chat() ? List.of("sys", "query") : List.of(plan.start().id(), "query");
        switch (node.type()) {
            case "start" -> {
                List<Object> variables = new ArrayList<>();
                if (!plan.chat()) {
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
                if (plan.chat()) {
                    data.put("prompt_template", List.of(
                            obj("id", random.uuid().toString(), "role", "system", "text", plan.promptTemplate())));
                    data.put("memory", obj("window", obj("enabled", true, "size", 6),
                            "query_prompt_template", "{{#sys.query#}}",
                            "role_prefix", obj("user", "", "assistant", "")));
                } else {
                    data.put("prompt_template", List.of(
                            obj("id", random.uuid().toString(), "role", "system", "text", plan.promptTemplate()),
                            obj("id", random.uuid().toString(), "role", "user", "text", "{{#sys.query#}}\n{{#"
                                    + plan.start().id() + ".query#}}")));
                }
                data.put("context", obj("enabled", true, "variable_selector", List.of()));
                data.put("vision", obj("enabled", false));
                data.put("variables", List.of());
            }
            case "knowledge-retrieval" -> {
                data.put("query_variable_selector", query);
                data.put("dataset_ids", List.of(plan.datasetId().toString()));
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
                data.put("provider_id", plan.tool().providerId());
                data.put("provider_type", "builtin");
                data.put("provider_name", plan.tool().providerId());
                data.put("tool_name", plan.tool().toolName());
                data.put("tool_label", plan.tool().label());
                data.put("tool_configurations", obj());
                data.put("tool_parameters", obj("query", obj("type", "mixed", "value", "{{#sys.query#}}")));
                data.put("plugin_unique_identifier", plan.tool().pluginIdentifier());
            }
            case "iteration" -> {
                data.put("iterator_selector", List.of(plan.start().id(), "items"));
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
                    List.of(plan.start().id(), "query"))));
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
        String id = plan.start().id();
        for (Stage stage : plan.stages()) {
            if (stage instanceof Single single && single.node().type().equals("llm")) {
                id = single.node().id();
            }
        }
        return id;
    }

    private Map<String, Object> modelData() {
        return obj("provider", plan.model().provider(), "name", plan.model().name(), "mode", "chat",
                "completion_params", obj("temperature", 0.3, "max_tokens", 1024));
    }
}
