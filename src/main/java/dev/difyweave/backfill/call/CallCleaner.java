package dev.difyweave.backfill.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The walk over every value of a call that makes it acceptable to Weave, whatever its size: lone
 * surrogates become U+FFFD (keys too), strings Weave would resolve as refs are escaped (C14, see
 * {@link WeaveRefRule}), containers nested deeper than Weave takes are flattened to JSON text (C13). The
 * walk copies only what it changes and records the path of every escaped and flattened value.
 */
final class CallCleaner {

    /** Weave answers 413 for a request nested deeper than 200 levels; calls stay within this, with a margin. */
    static final int MAX_BODY_LEVELS = 190;
    /** The level of a call field's value in an upsert_batch body: body, batch, item, req, start or end, field. */
    static final int FIELD_LEVEL = 6;
    static final String FLATTEN_MARKER = "[flattened by dify-weave-backfill: nested deeper than Weave accepts] ";

    private final List<ValuePath> escaped = new ArrayList<>();
    private final List<ValuePath> flattened = new ArrayList<>();

    /**
     * {@code call} with its values made acceptable, and the escaped and flattened paths listed in
     * {@code attributes.backfill} (each list at most {@code listBytes}); the very same call when nothing
     * needed a change.
     */
    static WeaveCall clean(WeaveCall call, long listBytes) {
        CallCleaner cleaner = new CallCleaner();
        String opName = cleaner.string(call.opName(), ValuePath.root("op_name"));
        String displayName = cleaner.string(call.displayName(), ValuePath.root("display_name"));
        JsonNode attributes = cleaner.field(call.attributes(), "attributes");
        JsonNode inputs = cleaner.field(wireInputs(call.inputs()), "inputs");
        String exception = cleaner.string(call.exception(), ValuePath.root("exception"));
        JsonNode output = cleaner.field(call.output(), "output");
        JsonNode summary = cleaner.field(call.summary(), "summary");
        if (!cleaner.escaped.isEmpty() || !cleaner.flattened.isEmpty()) {
            ObjectNode listed = withBackfill((ObjectNode) attributes);
            ObjectNode backfill = (ObjectNode) listed.get("backfill");
            if (!cleaner.escaped.isEmpty()) {
                backfill.set("escaped", ChangeList.render(cleaner.escaped, listBytes));
            }
            if (!cleaner.flattened.isEmpty()) {
                backfill.set("flattened", ChangeList.render(cleaner.flattened, listBytes));
            }
            attributes = listed;
        }
        if (opName == call.opName() && displayName == call.displayName() && attributes == call.attributes()
                && inputs == call.inputs() && exception == call.exception() && output == call.output()
                && summary == call.summary()) {
            return call;
        }
        return call.withValues(opName, displayName, (ObjectNode) attributes, inputs, output, exception,
                (ObjectNode) summary);
    }

    /** What Weave receives as inputs: {@code start_call} wraps a value that is not an object. */
    static JsonNode wireInputs(JsonNode inputs) {
        return inputs == null || inputs.isObject() ? inputs : LivePayload.startInputs(inputs);
    }

    /**
     * A copy of {@code attributes} whose {@code backfill} object is a copy too, so the lists can be set on
     * it without touching a tree the call shares with others.
     */
    static ObjectNode withBackfill(ObjectNode attributes) {
        ObjectNode copy = Json.NODES.objectNode();
        copy.setAll(attributes);
        ObjectNode backfill = Json.NODES.objectNode();
        if (attributes.get("backfill") instanceof ObjectNode existing) {
            backfill.setAll(existing);
        }
        copy.set("backfill", backfill);
        return copy;
    }

    private JsonNode field(JsonNode value, String name) {
        return value == null ? null : value(value, ValuePath.root(name), FIELD_LEVEL, false);
    }

    private String string(String value, ValuePath where) {
        if (value == null) {
            return null;
        }
        String fixed = replaceLoneSurrogates(value);
        if (WeaveRefRule.isDangerous(fixed)) {
            escaped.add(where);
            return CallSanitizer.REF_ESCAPE + fixed;
        }
        return fixed.equals(value) ? value : fixed;
    }

    /**
     * The value at {@code level} of the request body (when it is a container), fixed. {@code inert}: only
     * surrogates are repaired, for a subtree about to become text.
     */
    private JsonNode value(JsonNode node, ValuePath where, int level, boolean inert) {
        if (node.isString()) {
            String value = node.stringValue();
            String fixed = inert ? replaceLoneSurrogates(value) : string(value, where);
            return fixed.equals(value) ? node : Json.NODES.stringNode(fixed);
        }
        if (!node.isContainer()) {
            return node;
        }
        if (level > MAX_BODY_LEVELS && !inert) {
            flattened.add(where);
            return Json.NODES.stringNode(FLATTEN_MARKER + WeaveJson.toJson(value(node, where, level, true)));
        }
        if (node.isObject()) {
            ObjectNode copy = null;
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                JsonNode child = entry.getValue();
                String key = replaceLoneSurrogates(entry.getKey());
                JsonNode value = child.isContainer() || child.isString()
                        ? value(child, where.child(key), level + 1, inert) : child;
                if (copy == null && (value != child || !key.equals(entry.getKey()))) {
                    copy = copyUntil((ObjectNode) node, entry.getKey());
                }
                if (copy != null) {
                    copy.set(key, value);
                }
            }
            return copy != null ? copy : node;
        }
        ArrayNode copy = null;
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            JsonNode value = element.isContainer() || element.isString()
                    ? value(element, where.element(i), level + 1, inert) : element;
            if (value != element && copy == null) {
                copy = Json.NODES.arrayNode(node.size());
                for (int j = 0; j < i; j++) {
                    copy.add(node.get(j));
                }
            }
            if (copy != null) {
                copy.add(value);
            }
        }
        return copy != null ? copy : node;
    }

    private static ObjectNode copyUntil(ObjectNode source, String stopKey) {
        ObjectNode copy = Json.NODES.objectNode();
        for (Map.Entry<String, JsonNode> entry : source.properties()) {
            if (entry.getKey().equals(stopKey)) {
                break;
            }
            copy.set(entry.getKey(), entry.getValue());
        }
        return copy;
    }

    static String replaceLoneSurrogates(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean lone = false;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    if (out != null) {
                        out.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
                lone = true;
            } else if (Character.isLowSurrogate(c)) {
                lone = true;
            }
            if (lone && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(lone ? '\uFFFD' : c);
            }
        }
        return out == null ? s : out.toString();
    }
}
