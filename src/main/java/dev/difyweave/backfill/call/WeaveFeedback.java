package dev.difyweave.backfill.call;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Weave feedback as the backfill sends it ({@code FeedbackCreateReq}), on the call {@code callId} of
 * project {@code projectId}. The id is chosen here, from what is sent ({@link #of}), so a re-run makes
 * the same id and a change in Dify makes a new one. {@code sourceKey} names the Dify row
 * ({@code table:id}); it travels into dead letters and never to Weave.
 */
public record WeaveFeedback(String id, String projectId, String callId, String feedbackType, ObjectNode payload,
        String creator, String sourceKey) {

    /** 👍 / 👎, Weave's own reaction type. */
    public static final String REACTION = "wandb.reaction.1";
    /** A comment, 1 to 1024 characters, Weave's own note type. */
    public static final String NOTE = "wandb.note.1";
    /** An operator's corrected answer from Dify's annotations. */
    public static final String ANNOTATION = "dify.annotation";

    /**
     * The feedback with its deterministic id: a UUIDv5 in {@link CallIds#NAMESPACE} of the Dify row and of
     * everything sent (type, target call, creator, payload). The same row unchanged gives the same id on
     * every run; a changed rating, comment, creator, content mode or target gives another id.
     */
    public static WeaveFeedback of(String projectId, String callId, String feedbackType, ObjectNode payload,
            String creator, String sourceKey) {
        ArrayNode name = Json.NODES.arrayNode().add("feedback").add(feedbackType).add(sourceKey)
                .add(weaveRef(projectId, callId)).add(creator);
        name.add(payload);
        String id = CallIds.v5(Json.MAPPER.writeValueAsString(name));
        return new WeaveFeedback(id, projectId, callId, feedbackType, payload, creator, sourceKey);
    }

    /** {@code weave:///<entity>/<project>/call/<id>}: the call the feedback is shown on. */
    public static String weaveRef(String projectId, String callId) {
        return "weave:///" + projectId + "/call/" + callId;
    }

    public String weaveRef() {
        return weaveRef(projectId, callId);
    }

    /** The {@code FeedbackCreateReq} item of {@code /feedback/batch/create}, as UTF-8 JSON. */
    public byte[] createItem() {
        ObjectNode item = Json.NODES.objectNode();
        item.put("id", id);
        item.put("project_id", projectId);
        item.put("weave_ref", weaveRef());
        if (creator != null) {
            item.put("creator", creator);
        }
        item.put("feedback_type", feedbackType);
        item.set("payload", payload);
        return Json.MAPPER.writeValueAsBytes(item);
    }
}
