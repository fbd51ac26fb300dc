package dev.difyweave.backfill.testsupport;

import dev.difyweave.backfill.testsupport.RequestReader.Loc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns write and delete request bodies into validated {@link CallPart}s, in the server's order:
 * first the pydantic shape of the whole request (422, every error listed), then the content checks of every item
 * (400: project id, id formats, op_name, refs). Nothing is returned unless the whole request passes.
 */
final class WeaveRequestValidator {

    static final int MAX_OP_NAME_LENGTH = 128;
    static final int MAX_DISPLAY_NAME_LENGTH = 1024;
    static final int MAX_DELETE_CALLS_COUNT = 1000;
    /** The server overwrites {@code wb_user_id} with the authenticated user. */
    static final String AUTHENTICATED_USER_ID = "fake-wb-user";

    private static final Set<String> TRACE_STATUSES = Set.of("success", "error", "running", "descendant_error");
    private static final List<String> USAGE_COUNT_FIELDS = List.of(
            "prompt_tokens", "input_tokens", "completion_tokens", "output_tokens", "requests", "total_tokens");

    private enum Type { STRING, INT, DATETIME, OBJECT, ANY, SUMMARY }

    /** {@code required}: must be present and non-null; otherwise the field may be absent or null. */
    private record Field(String name, Type type, boolean required) {
    }

    private static Field required(String name, Type type) {
        return new Field(name, type, true);
    }

    private static Field optional(String name, Type type) {
        return new Field(name, type, false);
    }

    /** StartedCallSchemaForInsert. */
    private static final List<Field> START_FIELDS = List.of(
            required("project_id", Type.STRING), optional("id", Type.STRING), required("op_name", Type.STRING),
            optional("display_name", Type.STRING), optional("trace_id", Type.STRING),
            optional("parent_id", Type.STRING), optional("thread_id", Type.STRING), optional("turn_id", Type.STRING),
            required("started_at", Type.DATETIME), required("attributes", Type.OBJECT),
            required("inputs", Type.OBJECT), optional("otel_dump", Type.OBJECT), optional("wb_user_id", Type.STRING),
            optional("wb_run_id", Type.STRING), optional("wb_run_step", Type.INT));

    /** EndedCallSchemaForInsert. */
    private static final List<Field> END_FIELDS = List.of(
            required("project_id", Type.STRING), required("id", Type.STRING), required("ended_at", Type.DATETIME),
            optional("exception", Type.STRING), optional("output", Type.ANY), required("summary", Type.SUMMARY),
            optional("wb_run_step_end", Type.INT));

    /** CompletedCallSchemaForInsert (v2 calls/complete). */
    private static final List<Field> COMPLETE_FIELDS = List.of(
            required("project_id", Type.STRING), required("id", Type.STRING), required("trace_id", Type.STRING),
            required("op_name", Type.STRING), optional("display_name", Type.STRING),
            optional("parent_id", Type.STRING), optional("thread_id", Type.STRING), optional("turn_id", Type.STRING),
            required("started_at", Type.DATETIME), required("ended_at", Type.DATETIME),
            required("attributes", Type.OBJECT), required("inputs", Type.OBJECT), optional("otel_dump", Type.OBJECT),
            optional("exception", Type.STRING), optional("output", Type.ANY), optional("summary", Type.SUMMARY),
            optional("wb_user_id", Type.STRING), optional("wb_run_id", Type.STRING),
            optional("wb_run_step", Type.INT), optional("wb_run_step_end", Type.INT));

    record DeleteRequest(String projectId, List<String> callIds) {
    }

    record ReadRequest(String projectId, String id) {
    }

    record UpdateRequest(String projectId, String callId, String displayName) {
    }

    // ---- write requests ------------------------------------------------------------------------------------

    /** {@code {"batch": [{"mode": "start", "req": {"start": {...}}}, {"mode": "end", "req": {"end": {...}}}]}}. */
    List<CallPart> upsertBatch(JsonNode body) {
        RequestReader reader = new RequestReader();
        List<CallPart> parts = new ArrayList<>();
        forEachBatchItem(body, reader, (item, loc) -> parts.add(readBatchItem(item, loc, reader)));
        reader.throwIfInvalid();
        return finish(parts);
    }

    /** {@code {"start": {...}}}. */
    CallPart startRequest(JsonNode body) {
        RequestReader reader = new RequestReader();
        CallPart part = readWrapped(CallPart.Kind.START, body, Loc.body(), reader);
        reader.throwIfInvalid();
        return finish(List.of(part)).get(0);
    }

    /** {@code {"end": {...}}}. */
    CallPart endRequest(JsonNode body) {
        RequestReader reader = new RequestReader();
        CallPart part = readWrapped(CallPart.Kind.END, body, Loc.body(), reader);
        reader.throwIfInvalid();
        return finish(List.of(part)).get(0);
    }

    /** v2 {@code {"batch": [CompletedCallSchemaForInsert, ...]}}; every item's project_id must be the path's. */
    List<CallPart> completeBatch(JsonNode body, String pathProjectId) {
        RequestReader reader = new RequestReader();
        List<CallPart> parts = new ArrayList<>();
        forEachBatchItem(body, reader, (item, loc) -> parts.add(readPart(CallPart.Kind.COMPLETE, item, loc, reader)));
        reader.throwIfInvalid();
        for (CallPart part : parts) {
            if (!pathProjectId.equals(part.projectId())) {
                throw ApiError.badRequest("project_id " + part.projectId() + " in the body does not match the "
                        + "project " + pathProjectId + " in the path");
            }
        }
        return finish(parts);
    }

    // ---- other requests ------------------------------------------------------------------------------------

    DeleteRequest deleteRequest(JsonNode body) {
        RequestReader reader = new RequestReader();
        Loc loc = Loc.body();
        ObjectNode object = reader.strictObject(body, loc, Set.of("project_id", "call_ids", "wb_user_id"));
        String projectId = null;
        List<String> callIds = null;
        if (object != null) {
            projectId = reader.string(object, "project_id", loc, true);
            callIds = reader.stringList(object, "call_ids", loc, true);
            reader.string(object, "wb_user_id", loc, false);
        }
        reader.throwIfInvalid();
        requireProjectId(projectId);
        if (callIds.size() > MAX_DELETE_CALLS_COUNT) {
            throw ApiError.requestTooLarge("Cannot delete more than " + MAX_DELETE_CALLS_COUNT + " calls at once");
        }
        return new DeleteRequest(projectId, callIds);
    }

    ReadRequest readRequest(JsonNode body) {
        RequestReader reader = new RequestReader();
        Loc loc = Loc.body();
        ObjectNode object = reader.strictObject(body, loc, Set.of("project_id", "id", "include_costs",
                "include_storage_size", "include_total_storage_size"));
        String projectId = null;
        String id = null;
        if (object != null) {
            projectId = reader.string(object, "project_id", loc, true);
            id = reader.string(object, "id", loc, true);
            reader.bool(object, "include_costs", loc);
            reader.bool(object, "include_storage_size", loc);
            reader.bool(object, "include_total_storage_size", loc);
        }
        reader.throwIfInvalid();
        requireProjectId(projectId);
        return new ReadRequest(projectId, id);
    }

    UpdateRequest updateRequest(JsonNode body) {
        RequestReader reader = new RequestReader();
        Loc loc = Loc.body();
        ObjectNode object = reader.strictObject(body, loc, Set.of("project_id", "call_id", "display_name",
                "wb_user_id"));
        String projectId = null;
        String callId = null;
        String displayName = null;
        if (object != null) {
            projectId = reader.string(object, "project_id", loc, true);
            callId = reader.string(object, "call_id", loc, true);
            displayName = reader.string(object, "display_name", loc, false);
            reader.string(object, "wb_user_id", loc, false);
        }
        reader.throwIfInvalid();
        requireProjectId(projectId);
        if (displayName != null && displayName.length() > MAX_DISPLAY_NAME_LENGTH) {
            throw ApiError.badRequest("display_name must be at most " + MAX_DISPLAY_NAME_LENGTH + " characters");
        }
        return new UpdateRequest(projectId, callId, displayName);
    }

    static void requireProjectId(String projectId) {
        if (!WeaveIds.isValidProjectId(projectId)) {
            throw ApiError.badRequest("Invalid project_id '" + projectId + "': expected 'entity/project'");
        }
    }

    // ---- shape (422) ---------------------------------------------------------------------------------------

    interface ItemReader {
        void read(JsonNode item, Loc loc);
    }

    /** The strict {@code {"batch": [...]}} wrapper shared by upsert_batch, v2 calls/complete and feedback. */
    static void forEachBatchItem(JsonNode body, RequestReader reader, ItemReader itemReader) {
        Loc root = Loc.body();
        ObjectNode wrapper = reader.strictObject(body, root, Set.of("batch"));
        if (wrapper == null) {
            return;
        }
        JsonNode batch = wrapper.get("batch");
        if (batch == null) {
            reader.missing(root.at("batch"));
        } else if (!batch.isArray()) {
            reader.error("list_type", root.at("batch"), "Input should be a valid list");
        } else {
            for (int i = 0; i < batch.size(); i++) {
                itemReader.read(batch.get(i), root.at("batch").at(i));
            }
        }
    }

    private CallPart readBatchItem(JsonNode node, Loc loc, RequestReader reader) {
        ObjectNode item = reader.strictObject(node, loc, Set.of("mode", "req"));
        if (item == null) {
            return null;
        }
        String mode = reader.string(item, "mode", loc, true);
        CallPart.Kind kind;
        if (mode == null) {
            return null;
        } else if (mode.equals("start")) {
            kind = CallPart.Kind.START;
        } else if (mode.equals("end")) {
            kind = CallPart.Kind.END;
        } else {
            reader.error("literal_error", loc.at("mode"), "Input should be 'start' or 'end'");
            return null;
        }
        JsonNode req = item.get("req");
        if (req == null) {
            reader.missing(loc.at("req"));
            return null;
        }
        return readWrapped(kind, req, loc.at("req"), reader);
    }

    /** CallStartReq {@code {"start": ...}} / CallEndReq {@code {"end": ...}}: strict wrappers. */
    private CallPart readWrapped(CallPart.Kind kind, JsonNode node, Loc loc, RequestReader reader) {
        String key = kind == CallPart.Kind.START ? "start" : "end";
        ObjectNode wrapper = reader.strictObject(node, loc, Set.of(key));
        if (wrapper == null) {
            return null;
        }
        JsonNode inner = wrapper.get(key);
        if (inner == null) {
            reader.missing(loc.at(key));
            return null;
        }
        return readPart(kind, inner, loc.at(key), reader);
    }

    /** The inner schema: a plain model, so unknown keys are silently dropped. */
    private CallPart readPart(CallPart.Kind kind, JsonNode node, Loc loc, RequestReader reader) {
        ObjectNode object = reader.object(node, loc);
        if (object == null) {
            return null;
        }
        List<Field> schema = switch (kind) {
            case START -> START_FIELDS;
            case END -> END_FIELDS;
            case COMPLETE -> COMPLETE_FIELDS;
        };
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        for (Field field : schema) {
            JsonNode value = object.get(field.name());
            if (value == null) {
                if (field.required()) {
                    reader.missing(loc.at(field.name()));
                }
            } else if (value.isNull() && !field.required()) {
                fields.putNull(field.name());
            } else {
                JsonNode normalized = normalize(field.type(), value, loc.at(field.name()), reader);
                if (normalized != null) {
                    fields.set(field.name(), normalized);
                }
            }
        }
        return new CallPart(kind, textOrNull(fields, "project_id"), textOrNull(fields, "id"), fields);
    }

    private static JsonNode normalize(Type type, JsonNode value, Loc loc, RequestReader reader) {
        switch (type) {
            case STRING:
                if (value.isString()) {
                    return value;
                }
                reader.error("string_type", loc, "Input should be a valid string");
                return null;
            case INT:
                JsonNode integer = RequestReader.asInteger(value);
                if (integer == null) {
                    reader.error("int_type", loc, "Input should be a valid integer");
                }
                return integer;
            case DATETIME:
                try {
                    return JsonNodeFactory.instance.stringNode(WeaveTimestamps.format(WeaveTimestamps.parse(value)));
                } catch (IllegalArgumentException | ArithmeticException e) {
                    reader.error("datetime_from_date_parsing", loc, "Input should be a valid datetime");
                    return null;
                }
            case OBJECT:
                if (value.isObject()) {
                    return value;
                }
                reader.error("dict_type", loc, "Input should be a valid dictionary");
                return null;
            case SUMMARY:
                if (value instanceof ObjectNode summary) {
                    checkSummary(summary, loc, reader);
                    return summary;
                }
                reader.error("dict_type", loc, "Input should be a valid dictionary");
                return null;
            case ANY:
            default:
                return value;
        }
    }

    /** SummaryInsertMap: {@code usage.<model>.<count>} integers or null, {@code status_counts} keyed by TraceStatus. */
    private static void checkSummary(ObjectNode summary, Loc loc, RequestReader reader) {
        JsonNode usage = summary.get("usage");
        if (usage != null) {
            if (usage instanceof ObjectNode usageByModel) {
                for (String model : usageByModel.propertyNames()) {
                    checkUsageEntry(usageByModel.get(model), loc.at("usage").at(model), reader);
                }
            } else {
                reader.error("dict_type", loc.at("usage"), "Input should be a valid dictionary");
            }
        }
        JsonNode statusCounts = summary.get("status_counts");
        if (statusCounts != null) {
            if (statusCounts instanceof ObjectNode counts) {
                for (String status : new ArrayList<>(counts.propertyNames())) {
                    Loc at = loc.at("status_counts").at(status);
                    if (!TRACE_STATUSES.contains(status)) {
                        reader.error("enum", at, "Input should be 'success', 'error', 'running' or 'descendant_error'");
                    }
                    JsonNode count = RequestReader.asInteger(counts.get(status));
                    if (count == null) {
                        reader.error("int_type", at, "Input should be a valid integer");
                    } else {
                        counts.set(status, count);
                    }
                }
            } else {
                reader.error("dict_type", loc.at("status_counts"), "Input should be a valid dictionary");
            }
        }
    }

    private static void checkUsageEntry(JsonNode entry, Loc loc, RequestReader reader) {
        if (!(entry instanceof ObjectNode counts)) {
            reader.error("dict_type", loc, "Input should be a valid dictionary");
            return;
        }
        for (String field : USAGE_COUNT_FIELDS) {
            JsonNode value = counts.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            JsonNode integer = RequestReader.asInteger(value);
            if (integer == null) {
                reader.error("int_type", loc.at(field), "Input should be a valid integer");
            } else {
                counts.set(field, integer);
            }
        }
    }

    // ---- content (400) and server-side defaults -------------------------------------------------------------

    private static List<CallPart> finish(List<CallPart> parts) {
        parts.forEach(WeaveRequestValidator::checkContent);
        return parts.stream().map(WeaveRequestValidator::applyServerDefaults).toList();
    }

    private static void checkContent(CallPart part) {
        requireProjectId(part.projectId());
        ObjectNode fields = part.fields();
        checkId(fields, "id", WeaveIds::isValidCallId);
        checkId(fields, "parent_id", WeaveIds::isValidCallId);
        checkId(fields, "trace_id", WeaveIds::isValidTraceId);
        String opName = textOrNull(fields, "op_name");
        if (opName != null) {
            checkOpName(opName);
        }
        String displayName = textOrNull(fields, "display_name");
        if (displayName != null && displayName.length() > MAX_DISPLAY_NAME_LENGTH) {
            throw ApiError.badRequest("display_name must be at most " + MAX_DISPLAY_NAME_LENGTH + " characters");
        }
        checkRefs(fields);
    }

    private static void checkId(ObjectNode fields, String key, Predicate<String> valid) {
        String value = textOrNull(fields, key);
        if (value != null && !valid.test(value)) {
            String expected = key.equals("trace_id") ? "a 32-character lowercase hex string" :
                    "a 16-character lowercase hex string";
            throw ApiError.badRequest("Invalid id format for " + key + ": '" + value + "'. Expected a lowercase "
                    + "UUID string (e.g. 01234567-89ab-cdef-0123-456789abcdef) or " + expected);
        }
    }

    private static void checkOpName(String opName) {
        if (WeaveRefs.looksLikeRef(opName)) {
            if (!WeaveRefs.isValidOpRef(opName)) {
                throw ApiError.badRequest("Invalid op ref for op_name: '" + opName + "'. Expected "
                        + "weave:///<entity>/<project>/op/<name>:<digest>");
            }
        } else if (opName.length() > MAX_OP_NAME_LENGTH) {
            throw ApiError.badRequest("op_name must be at most " + MAX_OP_NAME_LENGTH + " characters (got "
                    + opName.length() + ")");
        }
    }

    /**
     * Every string value of the request goes through the server's ref converter ({@link WeaveRefs#rejectedRef}),
     * JSON text inside strings included: a {@code weave:///} ref needs {@code entity/project/...}; inside inputs
     * and output it must parse as a full ref. ({@code op_name} refs are checked more strictly above.)
     */
    private static void checkRefs(ObjectNode fields) {
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            boolean parsedAsRefs = field.getKey().equals("inputs") || field.getKey().equals("output");
            Predicate<String> accepted = parsedAsRefs ? WeaveRefs::isValidRef : WeaveRefs::hasProjectScope;
            forEachString(field.getValue(), value -> {
                String rejected = WeaveRefs.rejectedRef(value, accepted);
                if (rejected != null) {
                    throw ApiError.badRequest("Invalid weave ref in " + field.getKey() + ": '" + rejected + "'");
                }
            });
        }
    }

    static void forEachString(JsonNode node, Consumer<String> action) {
        if (node.isString()) {
            action.accept(node.stringValue());
        } else if (node.isContainer()) {
            for (JsonNode child : node.values()) {
                forEachString(child, action);
            }
        }
    }

    /** Ids the server generates when a start leaves them out, and the user id it takes from auth. */
    private static CallPart applyServerDefaults(CallPart part) {
        ObjectNode fields = part.fields();
        if (part.kind() == CallPart.Kind.START) {
            if (textOrNull(fields, "id") == null) {
                fields.put("id", WeaveIds.newUuid7());
            }
            if (textOrNull(fields, "trace_id") == null) {
                fields.put("trace_id", WeaveIds.newUuid7());
            }
        }
        if (part.carriesStart()) {
            fields.put("wb_user_id", AUTHENTICATED_USER_ID);
        }
        return new CallPart(part.kind(), part.projectId(), textOrNull(fields, "id"), fields);
    }

    private static String textOrNull(ObjectNode fields, String key) {
        JsonNode value = fields.get(key);
        return value == null || !value.isString() ? null : value.stringValue();
    }
}
