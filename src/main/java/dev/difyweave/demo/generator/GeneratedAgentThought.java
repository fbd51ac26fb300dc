package dev.difyweave.demo.generator;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A {@code message_agent_thoughts} row. {@code tools} is {@code tool} split on {@code ;} (empty for
 * the final thought that carries the answer); {@code toolsWithError} those whose
 * {@code tool_meta_str} entry has an {@code error}.
 */
public record GeneratedAgentThought(UUID id, int position, List<String> tools, List<String> toolsWithError,
                                    LocalDateTime createdAt) {
    public GeneratedAgentThought {
        tools = List.copyOf(tools);
        toolsWithError = List.copyOf(toolsWithError);
    }

    public boolean hasError(String tool) {
        return toolsWithError.contains(tool);
    }
}
