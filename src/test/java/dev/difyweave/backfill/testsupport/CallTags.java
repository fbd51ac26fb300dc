package dev.difyweave.backfill.testsupport;

import tools.jackson.databind.JsonNode;

/**
 * What a call's attributes say about it as Weave stores them, read the way the backfill read them
 * before calls carried their kind: an oracle the typed kinds are checked against, so that counting by
 * {@code call.kind()} counts exactly what the tags name.
 */
public final class CallTags {

    /** A call whose tags name no kind. */
    public static final String OTHER = "other";

    private CallTags() {
    }

    /**
     * The {@code --kinds} name of a call from its first tag: {@code dify_workflow} and {@code
     * node_execution} are {@code workflow}; {@code message} is {@code message} unless the op name is
     * {@code workflow}; {@code tool}, {@code dataset_retrieval}, {@code moderation} and {@code
     * generate_name} are themselves; anything else is {@link #OTHER}.
     */
    public static String kind(JsonNode attributes, String opName) {
        JsonNode tags = attributes == null ? null : attributes.get("tags");
        JsonNode first = tags != null && tags.isArray() && !tags.isEmpty() ? tags.get(0) : null;
        if (first == null || !first.isString()) {
            return OTHER;
        }
        return switch (first.stringValue()) {
            case "dify_workflow", "node_execution" -> "workflow";
            case "message" -> "workflow".equals(opName) ? "workflow" : "message";
            case "tool", "dataset_retrieval", "moderation", "generate_name" -> first.stringValue();
            default -> OTHER;
        };
    }

    /** Whether {@code attributes.backfill.approximated} lists anything. */
    public static boolean approximated(JsonNode attributes) {
        JsonNode list = attributes == null ? null : attributes.path("backfill").get("approximated");
        return list != null && list.isArray() && !list.isEmpty();
    }
}
