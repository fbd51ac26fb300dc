package dev.difyweave.demo.generator;

import java.util.ArrayList;
import java.util.List;
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
 * <p>A chatflow plan ({@link WorkflowPlanner#chatflow}) is a fixed line {@code start -> knowledge-retrieval ->
 * tool -> llm -> answer}: {@link #end()} is its {@code answer} node and it has no review node.
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

    WorkflowPlan(PlannedNode start, PlannedNode end, PlannedNode review, List<Stage> stages, LlmModel model,
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
        this.graph = new WorkflowGraphWriter(this, random, author).write();
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
    String promptTemplate() {
        return systemPrompt.substring(0, systemPrompt.indexOf(". ") + 1) + "\n{{#context#}}\n{{#env.SUPPORT_POLICY#}}";
    }

    /** A chatflow: the question is {@code sys.query} and LLM nodes have memory. */
    boolean chat() {
        return chat;
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
}
