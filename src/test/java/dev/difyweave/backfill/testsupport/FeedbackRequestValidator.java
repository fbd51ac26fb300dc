package dev.difyweave.backfill.testsupport;

import dev.difyweave.backfill.testsupport.RequestReader.Loc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The four feedback requests as Weave's trace server reads them (weave/trace_server/feedback.py): the
 * strict pydantic shape first (422, every error listed), then the content of every item (400), so a batch
 * with one bad item stores nothing. Content rules: a valid {@code project_id}; a {@code wandb.reaction.1}
 * {@code emoji} holding exactly one emoji; a {@code wandb.note.1} {@code note} of 1 to 1024 characters;
 * refs only where their feedback type allows them; the processed payload at most 1 MiB as
 * {@code json.dumps} writes it. {@code weave_ref} is not checked, as Weave does not check it.
 */
final class FeedbackRequestValidator {

    static final String REACTION = "wandb.reaction.1";
    static final String NOTE = "wandb.note.1";
    static final int MAX_NOTE_LENGTH = 1024;
    static final int MAX_PAYLOAD_CHARS = 1024 * 1024;

    private static final Set<String> CREATE_KEYS = Set.of("id", "project_id", "weave_ref", "creator", "feedback_type",
            "payload", "annotation_ref", "runnable_ref", "call_ref", "trigger_ref", "wb_user_id");
    private static final List<String> REFS = List.of("annotation_ref", "runnable_ref", "call_ref", "trigger_ref");

    record Query(String projectId, Predicate<StoredFeedback> where, List<String> fields,
            List<CallsQuery.SortKey> sortBy, long limit, long offset) {
    }

    record Purge(String projectId, List<String> ids) {
    }

    record Replace(String projectId, String feedbackId, JsonNode create) {
    }

    /** {@code {"batch": [FeedbackCreateReq, ...]}}: every item valid, or an error and nothing. */
    List<StoredFeedback> createBatch(JsonNode body) {
        RequestReader reader = new RequestReader();
        List<ObjectNode> items = new ArrayList<>();
        WeaveRequestValidator.forEachBatchItem(body, reader,
                (item, loc) -> items.add(createShape(item, loc, CREATE_KEYS, reader)));
        reader.throwIfInvalid();
        return items.stream().map(FeedbackRequestValidator::stored).toList();
    }

    /** {@code FeedbackReplaceReq}: a create request with the {@code feedback_id} to purge first. */
    Replace replace(JsonNode body) {
        RequestReader reader = new RequestReader();
        Set<String> keys = new HashSet<>(CREATE_KEYS);
        keys.add("feedback_id");
        ObjectNode item = createShape(body, Loc.body(), keys, reader);
        String feedbackId = item == null ? null : reader.string(item, "feedback_id", Loc.body(), true);
        reader.throwIfInvalid();
        WeaveRequestValidator.requireProjectId(item.get("project_id").stringValue());
        return new Replace(item.get("project_id").stringValue(), feedbackId, item);
    }

    /** A create item of a replace, checked and processed like one of a batch. */
    StoredFeedback replacement(JsonNode create) {
        return stored((ObjectNode) create);
    }

    Query query(JsonNode body) {
        RequestReader reader = new RequestReader();
        Loc loc = Loc.body();
        ObjectNode object = reader.strictObject(body, loc,
                Set.of("project_id", "fields", "query", "sort_by", "limit", "offset"));
        String projectId = null;
        List<String> fields = null;
        Long limit = null;
        Long offset = null;
        if (object != null) {
            projectId = reader.string(object, "project_id", loc, true);
            fields = reader.stringList(object, "fields", loc, false);
            limit = reader.integer(object, "limit", loc);
            offset = reader.integer(object, "offset", loc);
        }
        List<CallsQuery.SortKey> sortBy = object == null ? null
                : CallsQuery.readSortBy(object.get("sort_by"), loc.at("sort_by"), reader);
        reader.throwIfInvalid();
        WeaveRequestValidator.requireProjectId(projectId);
        if (limit != null && limit < 0 || offset != null && offset < 0) {
            throw ApiError.badRequest("limit and offset must not be negative");
        }
        return new Query(projectId, FeedbackQuery.where(object.get("query"), loc.at("query")), fields,
                sortBy == null ? List.of() : sortBy,
                limit == null ? Long.MAX_VALUE : limit, offset == null ? 0 : offset);
    }

    Purge purge(JsonNode body) {
        RequestReader reader = new RequestReader();
        Loc loc = Loc.body();
        ObjectNode object = reader.strictObject(body, loc, Set.of("project_id", "query"));
        String projectId = null;
        if (object != null) {
            projectId = reader.string(object, "project_id", loc, true);
            if (!object.has("query") || object.get("query").isNull()) {
                reader.missing(loc.at("query"));
            }
        }
        reader.throwIfInvalid();
        List<String> ids = FeedbackQuery.purgedIds(object.get("query"), loc.at("query"));
        WeaveRequestValidator.requireProjectId(projectId);
        return new Purge(projectId, ids);
    }

    /** The pydantic shape of a {@code FeedbackCreateReq} (strict); null after recording errors. */
    private static ObjectNode createShape(JsonNode node, Loc loc, Set<String> keys, RequestReader reader) {
        ObjectNode item = reader.strictObject(node, loc, keys);
        if (item == null) {
            return null;
        }
        reader.string(item, "id", loc, false);
        reader.string(item, "project_id", loc, true);
        reader.string(item, "weave_ref", loc, true);
        reader.string(item, "creator", loc, false);
        reader.string(item, "feedback_type", loc, true);
        REFS.forEach(ref -> reader.string(item, ref, loc, false));
        JsonNode payload = item.get("payload");
        if (payload == null) {
            reader.missing(loc.at("payload"));
        } else if (!payload.isObject()) {
            reader.error("dict_type", loc.at("payload"), "Input should be a valid dictionary");
        }
        return item;
    }

    /** The content checks (400) and the server's processing of one item into a row. */
    private static StoredFeedback stored(ObjectNode item) {
        String projectId = item.get("project_id").stringValue();
        WeaveRequestValidator.requireProjectId(projectId);
        String type = item.get("feedback_type").stringValue();
        ObjectNode payload = ((ObjectNode) item.get("payload")).deepCopy();
        checkRefs(item, type);
        if (type.equals(REACTION)) {
            JsonNode emoji = payload.get("emoji");
            if (emoji == null || !emoji.isString()) {
                throw ApiError.badRequest("Invalid payload for feedback_type " + type + ": emoji: Field required");
            }
            if (EmojiCount.of(emoji.stringValue()) != 1) {
                throw ApiError.badRequest("Value of emoji key in payload must be exactly one emoji");
            }
            payload.put("alias", alias(emoji.stringValue()));
            payload.put("detoned", emoji.stringValue().replaceAll("[\\x{1F3FB}-\\x{1F3FF}]", ""));
            payload.put("detoned_alias", alias(payload.get("detoned").stringValue()));
        } else if (type.equals(NOTE)) {
            JsonNode note = payload.get("note");
            int length = note != null && note.isString() ? note.stringValue().codePointCount(0,
                    note.stringValue().length()) : -1;
            if (length < 1 || length > MAX_NOTE_LENGTH) {
                throw ApiError.badRequest("Invalid payload for feedback_type " + type + ": note: String should have "
                        + "at least 1 and at most " + MAX_NOTE_LENGTH + " characters");
            }
        }
        if (PythonDumps.dumps(payload).length() > MAX_PAYLOAD_CHARS) {
            throw ApiError.badRequest("Feedback payload too large");
        }
        String id = item.hasNonNull("id") ? item.get("id").stringValue() : WeaveIds.newUuid7();
        String creator = item.hasNonNull("creator") ? item.get("creator").stringValue() : null;
        return new StoredFeedback(id, projectId, item.get("weave_ref").stringValue(), creator, type, payload,
                WeaveRequestValidator.AUTHENTICATED_USER_ID, Instant.now());
    }

    /** Refs are allowed only on annotation and runnable feedback, which the fake does not model. */
    private static void checkRefs(ObjectNode item, String type) {
        if (type.startsWith("wandb.annotation") || type.startsWith("wandb.runnable")) {
            throw ApiError.badRequest(type + " feedback needs a ref to an object the fake does not hold");
        }
        for (String ref : REFS) {
            if (item.hasNonNull(ref)) {
                throw ApiError.badRequest(ref + " is not allowed for " + type + " feedback");
            }
        }
    }

    private static String alias(String emoji) {
        return switch (emoji) {
            case "\uD83D\uDC4D" -> ":thumbs_up:";
            case "\uD83D\uDC4E" -> ":thumbs_down:";
            default -> emoji;
        };
    }
}
