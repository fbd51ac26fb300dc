package dev.difyweave.demo.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.difyweave.demo.generator.WorkflowPlan.Document;

/** The knowledge base ({@code datasets} row) an easy-UI app retrieves from, and its documents. */
record KnowledgeBase(UUID id, String name, List<Document> documents) {

    static KnowledgeBase create(SeededRandom random, String appName) {
        List<Document> documents = new ArrayList<>();
        for (String file : List.of("faq.md", "pricing-2026.pdf", "refund-policy.md", "api-guide.md")) {
            documents.add(new Document(random.uuid(), file));
        }
        return new KnowledgeBase(random.uuid(), appName + " docs", documents);
    }
}
