package dev.difyweave.backfill.testsupport;

import dev.difyweave.backfill.testsupport.RequestReader.Loc;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Weave's {@code Query} ({@code {"$expr": operation}}) over feedback rows, as far as the fake needs it:
 * {@code $and}, {@code $or}, {@code $not}, {@code $eq}, {@code $in}, {@code $gt}, {@code $gte} on
 * {@code $getField} (a column, or {@code payload.<key>...}) and {@code $literal} operands. A shape pydantic
 * would not parse is a 422; an operator the fake does not model is a 400 that says so.
 */
final class FeedbackQuery {

    static final String PURGE_BY_IDS_ONLY = "Can only purge feedback by specifying one or more feedback ids";

    private FeedbackQuery() {
    }

    /** The rows {@code {"$expr": ...}} selects; {@code null} or absent selects every row. */
    static Predicate<StoredFeedback> where(JsonNode query, Loc loc) {
        if (query == null || query.isNull()) {
            return row -> true;
        }
        return condition(expression(query, loc), loc.at("$expr"));
    }

    /**
     * The ids a purge query names; 400 unless it is {@code $eq} of {@code id} and a string literal, or an
     * {@code $or} of those (Weave's {@code validate_feedback_purge_req}).
     */
    static List<String> purgedIds(JsonNode query, Loc loc) {
        JsonNode expr = expression(query, loc);
        if (!(expr instanceof ObjectNode op) || op.size() != 1) {
            throw ApiError.badRequest(PURGE_BY_IDS_ONLY);
        }
        List<String> ids = new ArrayList<>();
        if (op.has("$eq")) {
            ids.add(idEquality(op));
        } else if (op.has("$or") && op.get("$or").isArray()) {
            for (JsonNode each : op.get("$or")) {
                ids.add(idEquality(each));
            }
        } else {
            throw ApiError.badRequest(PURGE_BY_IDS_ONLY);
        }
        return ids;
    }

    private static String idEquality(JsonNode node) {
        JsonNode eq = node instanceof ObjectNode o && o.size() == 1 ? o.get("$eq") : null;
        if (eq == null || !eq.isArray() || eq.size() != 2
                || !"id".equals(eq.get(0).path("$getField").stringValue(null)) || eq.get(0).size() != 1
                || !eq.get(1).path("$literal").isString() || eq.get(1).size() != 1) {
            throw ApiError.badRequest(PURGE_BY_IDS_ONLY);
        }
        return eq.get(1).get("$literal").stringValue();
    }

    private static JsonNode expression(JsonNode query, Loc loc) {
        RequestReader reader = new RequestReader();
        ObjectNode wrapper = reader.strictObject(query, loc, Set.of("$expr"));
        if (wrapper != null && !wrapper.has("$expr")) {
            reader.missing(loc.at("$expr"));
        }
        reader.throwIfInvalid();
        return wrapper.get("$expr");
    }

    private static Predicate<StoredFeedback> condition(JsonNode op, Loc loc) {
        if (!(op instanceof ObjectNode object) || object.size() != 1) {
            throw shape(loc, "an operation object with one operator");
        }
        String operator = object.propertyNames().iterator().next();
        JsonNode args = object.get(operator);
        switch (operator) {
            case "$and", "$or" -> {
                List<Predicate<StoredFeedback>> parts = new ArrayList<>();
                for (JsonNode part : list(args, loc.at(operator))) {
                    parts.add(condition(part, loc.at(operator)));
                }
                return operator.equals("$and") ? row -> parts.stream().allMatch(p -> p.test(row))
                        : row -> parts.stream().anyMatch(p -> p.test(row));
            }
            case "$not" -> {
                Predicate<StoredFeedback> inner = condition(list(args, loc.at(operator)).get(0), loc.at(operator));
                return inner.negate();
            }
            case "$eq", "$gt", "$gte" -> {
                List<JsonNode> pair = pair(args, loc.at(operator));
                Operand left = operand(pair.get(0), loc);
                Operand right = operand(pair.get(1), loc);
                return row -> compare(operator, left.value(row), right.value(row));
            }
            case "$in" -> {
                List<JsonNode> pair = pair(args, loc.at(operator));
                Operand left = operand(pair.get(0), loc);
                List<Operand> options = list(pair.get(1), loc.at(operator)).stream().map(o -> operand(o, loc)).toList();
                return row -> options.stream().anyMatch(o -> Objects.equals(left.value(row), o.value(row)));
            }
            case "$contains", "$dateTrunc", "$convert" ->
                throw ApiError.badRequest("the fake Weave does not model " + operator + " in feedback queries");
            default -> throw shape(loc, "a known operator, not " + operator);
        }
    }

    private interface Operand {
        Object value(StoredFeedback row);
    }

    private static Operand operand(JsonNode node, Loc loc) {
        if (node instanceof ObjectNode object && object.size() == 1 && object.has("$literal")) {
            JsonNode literal = object.get("$literal");
            Object value = literal.isString() ? literal.stringValue() : literal;
            return row -> value;
        }
        if (node instanceof ObjectNode object && object.size() == 1 && object.path("$getField").isString()) {
            String field = object.get("$getField").stringValue();
            return row -> field(row, field);
        }
        Predicate<StoredFeedback> nested = condition(node, loc);
        return nested::test;
    }

    private static Object field(StoredFeedback row, String field) {
        if (field.startsWith("payload.")) {
            JsonNode value = row.payload();
            for (String key : field.substring("payload.".length()).split("\\.")) {
                value = value.path(key);
            }
            return value.isString() ? value.stringValue() : value.isMissingNode() ? null : value;
        }
        return switch (field) {
            case "id" -> row.id();
            case "project_id" -> row.projectId();
            case "weave_ref" -> row.weaveRef();
            case "creator" -> row.creator();
            case "feedback_type" -> row.feedbackType();
            case "wb_user_id" -> row.wbUserId();
            case "created_at" -> WeaveTimestamps.format(row.createdAt());
            default -> throw ApiError.badRequest("Unknown feedback field: " + field);
        };
    }

    private static boolean compare(String operator, Object left, Object right) {
        if (operator.equals("$eq")) {
            return Objects.equals(left, right);
        }
        if (!(left instanceof String l) || !(right instanceof String r)) {
            return false;
        }
        return operator.equals("$gt") ? l.compareTo(r) > 0 : l.compareTo(r) >= 0;
    }

    private static List<JsonNode> list(JsonNode args, Loc loc) {
        if (args == null || !args.isArray() || args.isEmpty()) {
            throw shape(loc, "a non-empty list");
        }
        List<JsonNode> items = new ArrayList<>();
        args.forEach(items::add);
        return items;
    }

    private static List<JsonNode> pair(JsonNode args, Loc loc) {
        List<JsonNode> items = list(args, loc);
        if (items.size() != 2) {
            throw shape(loc, "a list of two operands");
        }
        return items;
    }

    private static ApiError shape(Loc loc, String expected) {
        RequestReader reader = new RequestReader();
        reader.error("model_type", loc, "Input should be " + expected);
        return reader.toError();
    }
}
