package dev.difyweave.demo.generator;

import java.time.LocalDateTime;
import java.util.UUID;

/** One {@code workflow_node_executions} row of a run. */
public record GeneratedNode(UUID id, int index, String nodeId, String nodeType, String title, String status,
                            LocalDateTime createdAt, double elapsedTime, LocalDateTime finishedAt) {
}
