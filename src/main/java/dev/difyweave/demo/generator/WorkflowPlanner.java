package dev.difyweave.demo.generator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.difyweave.demo.generator.WorkflowPlan.Branch;
import dev.difyweave.demo.generator.WorkflowPlan.Document;
import dev.difyweave.demo.generator.WorkflowPlan.Iteration;
import dev.difyweave.demo.generator.WorkflowPlan.LlmModel;
import dev.difyweave.demo.generator.WorkflowPlan.PlannedNode;
import dev.difyweave.demo.generator.WorkflowPlan.Single;
import dev.difyweave.demo.generator.WorkflowPlan.Stage;
import dev.difyweave.demo.generator.WorkflowPlan.Tool;

/**
 * Plans the shape of an app's workflow: which nodes, in which stages, with node ids and titles as the
 * canvas gives them, and what the nodes use (model, tool, knowledge base, prompt).
 */
final class WorkflowPlanner {

    private WorkflowPlanner() {
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
        LlmModel model = random.pick(WorkflowPlan.MODELS);
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
}
