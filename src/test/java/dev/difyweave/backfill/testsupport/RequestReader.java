package dev.difyweave.backfill.testsupport;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a JSON request body the way pydantic validates it: every problem is collected with its location
 * ({@code ["body", "batch", 0, "req", "start", "summary"]}), and {@link #throwIfInvalid()} turns them into one 422.
 */
final class RequestReader {

    /** A pydantic error location. */
    record Loc(List<Object> parts) {

        static Loc body() {
            return new Loc(List.of("body"));
        }

        Loc at(Object key) {
            List<Object> longer = new ArrayList<>(parts);
            longer.add(key);
            return new Loc(List.copyOf(longer));
        }

        ArrayNode toJson() {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            parts.forEach(part -> {
                if (part instanceof Integer index) {
                    array.add(index);
                } else {
                    array.add(part.toString());
                }
            });
            return array;
        }
    }

    private final ArrayNode detail = JsonNodeFactory.instance.arrayNode();

    void error(String type, Loc loc, String message) {
        detail.addObject().put("type", type).set("loc", loc.toJson()).put("msg", message);
    }

    void missing(Loc loc) {
        error("missing", loc, "Field required");
    }

    boolean hasErrors() {
        return !detail.isEmpty();
    }

    void throwIfInvalid() {
        if (hasErrors()) {
            throw toError();
        }
    }

    ApiError toError() {
        return ApiError.unprocessable(detail.deepCopy());
    }

    /** The node as an object, or null after recording an error. */
    ObjectNode object(JsonNode node, Loc loc) {
        if (node instanceof ObjectNode object) {
            return object;
        }
        error("model_type", loc, "Input should be a valid dictionary or object to extract fields from");
        return null;
    }

    /** A pydantic model with {@code extra="forbid"}: unknown keys are errors. */
    ObjectNode strictObject(JsonNode node, Loc loc, Set<String> allowedKeys) {
        ObjectNode object = object(node, loc);
        if (object != null) {
            for (String key : object.propertyNames()) {
                if (!allowedKeys.contains(key)) {
                    error("extra_forbidden", loc.at(key), "Extra inputs are not permitted");
                }
            }
        }
        return object;
    }

    /** A string field; null if absent or JSON null (recording "missing" when required). */
    String string(ObjectNode object, String key, Loc loc, boolean required) {
        JsonNode value = object.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                missing(loc.at(key));
            }
            return null;
        }
        if (!value.isString()) {
            error("string_type", loc.at(key), "Input should be a valid string");
            return null;
        }
        return value.stringValue();
    }

    /** An optional list of strings; null if absent or JSON null. */
    List<String> stringList(ObjectNode object, String key, Loc loc, boolean required) {
        JsonNode value = object.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                missing(loc.at(key));
            }
            return null;
        }
        if (!value.isArray()) {
            error("list_type", loc.at(key), "Input should be a valid list");
            return null;
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isString()) {
                strings.add(item.stringValue());
            } else {
                error("string_type", loc.at(key).at(i), "Input should be a valid string");
            }
        }
        return strings;
    }

    /** An optional integer; null if absent or JSON null. */
    Long integer(ObjectNode object, String key, Loc loc) {
        JsonNode value = object.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        JsonNode integral = asInteger(value);
        if (integral == null || !integral.canConvertToLong()) {
            error("int_type", loc.at(key), "Input should be a valid integer");
            return null;
        }
        return integral.longValue();
    }

    /** An optional boolean; null if absent or JSON null. */
    Boolean bool(ObjectNode object, String key, Loc loc) {
        JsonNode value = object.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            error("bool_type", loc.at(key), "Input should be a valid boolean");
            return null;
        }
        return value.booleanValue();
    }

    /**
     * pydantic's int: an integral JSON number, or a float with no fractional part (normalized to an integer);
     * null for anything else. Numeric strings are rejected (stricter than pydantic's lax mode).
     */
    static JsonNode asInteger(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value;
        }
        if (value.isFloatingPointNumber() && Double.isFinite(value.doubleValue())) {
            try {
                BigInteger exact = value.decimalValue().toBigIntegerExact();
                return exact.bitLength() < 64
                        ? JsonNodeFactory.instance.numberNode(exact.longValue())
                        : JsonNodeFactory.instance.numberNode(exact);
            } catch (ArithmeticException fractional) {
                return null;
            }
        }
        return null;
    }
}
