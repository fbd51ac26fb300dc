package dev.difyweave.backfill.testsupport;

import java.time.Instant;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One row of the fake's feedback table, as Weave stores it: the payload after the server's processing
 * (a reaction gains {@code alias}, {@code detoned}, {@code detoned_alias}), {@code wb_user_id} from auth,
 * {@code created_at} set by the server. Rows with the same id are separate rows.
 */
public record StoredFeedback(String id, String projectId, String weaveRef, String creator, String feedbackType,
        ObjectNode payload, String wbUserId, Instant createdAt) {

    /** The row as {@code /feedback/query} returns it (every field). */
    ObjectNode toJson() {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        row.put("id", id);
        row.put("project_id", projectId);
        row.put("weave_ref", weaveRef);
        row.put("wb_user_id", wbUserId);
        row.put("creator", creator);
        row.put("created_at", WeaveTimestamps.format(createdAt));
        row.put("feedback_type", feedbackType);
        row.set("payload", payload);
        row.putNull("annotation_ref");
        row.putNull("runnable_ref");
        row.putNull("call_ref");
        row.putNull("trigger_ref");
        return row;
    }
}
