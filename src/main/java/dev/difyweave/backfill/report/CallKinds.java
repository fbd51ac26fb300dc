package dev.difyweave.backfill.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import tools.jackson.databind.JsonNode;

import dev.difyweave.backfill.call.WeaveCall;

/**
 * Which {@code --kinds} name a call counts under, from its first tag ({@code attributes.tags[0]}) as
 * the mappers set it: {@code dify_workflow} and {@code node_execution} are {@code workflow};
 * {@code message} is {@code message}, except a call whose op_name is {@code workflow}; {@code tool},
 * {@code dataset_retrieval}, {@code moderation} and {@code generate_name} are themselves. A call
 * with no or an unknown first tag counts as {@link #OTHER}, so that nothing is left out of a total.
 */
public final class CallKinds {

    public static final String WORKFLOW = "workflow";
    public static final String MESSAGE = "message";
    public static final String OTHER = "other";

    /** Every kind in report order: the {@code --kinds} names, then {@link #OTHER}. */
    public static final List<String> ALL =
            List.of(WORKFLOW, MESSAGE, "tool", "dataset_retrieval", "moderation", "generate_name", OTHER);

    private CallKinds() {
    }

    public static String of(WeaveCall call) {
        return of(call.attributes(), call.opName());
    }

    /** The kind of a call given its {@code attributes} (as sent, or as Weave stores them) and op_name. */
    public static String of(JsonNode attributes, String opName) {
        JsonNode tags = attributes == null ? null : attributes.get("tags");
        JsonNode first = tags != null && tags.isArray() && !tags.isEmpty() ? tags.get(0) : null;
        return ofFirstTag(first != null && first.isString() ? first.stringValue() : null, opName);
    }

    public static String ofFirstTag(String firstTag, String opName) {
        if (firstTag == null) {
            return OTHER;
        }
        return switch (firstTag) {
            case "dify_workflow", "node_execution" -> WORKFLOW;
            case "message" -> WORKFLOW.equals(opName) ? WORKFLOW : MESSAGE;
            case "tool", "dataset_retrieval", "moderation", "generate_name" -> firstTag;
            default -> OTHER;
        };
    }

    /** Whether some field of the call was reconstructed rather than persisted ({@code attributes.backfill.approximated}). */
    public static boolean approximated(WeaveCall call) {
        return approximated(call.attributes());
    }

    public static boolean approximated(JsonNode attributes) {
        JsonNode list = attributes == null ? null : attributes.path("backfill").get("approximated");
        return list != null && list.isArray() && !list.isEmpty();
    }

    /** The UTC day a call is counted on: that of its {@code started_at} (1970-01-01 when it has none). */
    public static LocalDate day(Instant startedAt) {
        return startedAt == null ? LocalDate.EPOCH : LocalDate.ofInstant(startedAt, ZoneOffset.UTC);
    }
}
