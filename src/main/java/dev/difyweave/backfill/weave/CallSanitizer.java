package dev.difyweave.backfill.weave;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes a call safe to send without losing it:
 * <ul>
 * <li>C14: string values in inputs/output that start with {@code weave:///} are prefixed with
 * {@value #REF_ESCAPE} (Weave would parse them as refs and reject the request);</li>
 * <li>lone UTF-16 surrogates (possible through JSON escapes in Dify's text columns) become U+FFFD;</li>
 * <li>C13: a call whose JSON exceeds the limit has its largest strings cut with a visible marker.</li>
 * </ul>
 * Every change is listed in {@code attributes.backfill} ({@code escaped}, {@code truncated}).
 */
public final class CallSanitizer {

    public static final String REF_PREFIX = "weave:///";
    public static final String REF_ESCAPE = "[escaped] ";
    public static final long DEFAULT_MAX_CALL_BYTES = 3L * 1024 * 1024;
    private static final int KEEP_AT_LEAST = 1024;

    private final long maxCallBytes;

    public CallSanitizer(long maxCallBytes) {
        this.maxCallBytes = maxCallBytes;
    }

    public WeaveCall sanitize(WeaveCall call) {
        return sanitize(call, SIZING_PROJECT);
    }

    /**
     * The safe call, serialised once for {@code projectId}: the bytes used to measure it are the bytes
     * that will be sent, attached to the call.
     */
    public WeaveCall sanitize(WeaveCall call, String projectId) {
        WeaveCall cleaned = call;
        byte[] items = encodedIfClean(projectId, call);
        if (items == null) {
            List<String> escaped = new ArrayList<>();
            JsonNode inputs = clean(call.inputs(), "inputs", true, escaped);
            JsonNode output = clean(call.output(), "output", true, escaped);
            ObjectNode attributes = (ObjectNode) clean(call.attributes(), "attributes", false, escaped);
            if (!escaped.isEmpty()) {
                backfill(attributes).set("escaped", strings(escaped));
            }
            cleaned = call.withPayload(attributes, inputs, output);
            items = WeaveJson.upsertItems(projectId, cleaned);
        }
        if (items.length <= maxCallBytes) {
            return cleaned.withEncoded(projectId, items);
        }
        WeaveCall fitted = truncate(cleaned, items.length);
        return fitted.withEncoded(projectId, WeaveJson.upsertItems(projectId, fitted));
    }

    /**
     * The fast path, taken by nearly every call: serialise it as it is and look at the bytes. Only when
     * they hold a lone surrogate (the generator writes it as a {@code \\uD800}-style escape) or a
     * {@code "weave:///} string anywhere does the call go through the walk that fixes and records each
     * value; {@code null} then.
     */
    private static byte[] encodedIfClean(String projectId, WeaveCall call) {
        byte[] items = WeaveJson.upsertItems(projectId, call);
        return needsCleaning(items) ? null : items;
    }

    private static final byte[] QUOTED_REF = ("\"" + REF_PREFIX).getBytes(StandardCharsets.UTF_8);

    /** Serialised JSON with an escaped lone surrogate ({@code \\uD800}-{@code \\uDFFF}) or a {@code "weave:///} string. */
    static boolean needsCleaning(byte[] json) {
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (b == '\\') {
                if (i + 3 < json.length && json[i + 1] == 'u' && (json[i + 2] == 'D' || json[i + 2] == 'd')
                        && isSurrogateNibble(json[i + 3])) {
                    return true;
                }
                i++; // the escaped character, whatever it is (an escaped backslash is not an escape start)
            } else if (b == '"' && startsWithAt(json, i, QUOTED_REF)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSurrogateNibble(byte b) {
        return b == '8' || b == '9' || (b >= 'A' && b <= 'F') || (b >= 'a' && b <= 'f');
    }

    private static boolean startsWithAt(byte[] json, int at, byte[] prefix) {
        if (at + prefix.length > json.length) {
            return false;
        }
        for (int j = 1; j < prefix.length; j++) {
            if (json[at + j] != prefix[j]) {
                return false;
            }
        }
        return true;
    }

    /** The project id used when a call is only measured (the id's length hardly matters). */
    static final String SIZING_PROJECT = "entity/project";

    /**
     * Where a value is, as {@code inputs.query} or {@code output.items[2]}: built only for the rare value
     * that is escaped, never for the others (a call has hundreds of values).
     */
    private record Where(Where parent, String key, int index) {

        static Where root(String name) {
            return new Where(null, name, -1);
        }

        Where child(String name) {
            return new Where(this, name, -1);
        }

        Where element(int i) {
            return new Where(this, null, i);
        }

        @Override
        public String toString() {
            String prefix = parent == null ? "" : parent.toString();
            return key == null ? prefix + "[" + index + "]" : (parent == null ? key : prefix + "." + key);
        }
    }

    private static JsonNode clean(JsonNode node, String path, boolean escapeRefs, List<String> escaped) {
        return clean(node, Where.root(path), escapeRefs, escaped);
    }

    private static JsonNode clean(JsonNode node, Where where, boolean escapeRefs, List<String> escaped) {
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            String value = node.stringValue();
            String fixed = replaceLoneSurrogates(value);
            if (escapeRefs && fixed.startsWith(REF_PREFIX)) {
                escaped.add(where.toString());
                fixed = REF_ESCAPE + fixed;
            }
            return fixed.equals(value) ? node : Json.NODES.stringNode(fixed);
        }
        if (node.isObject()) {
            ObjectNode copy = null;
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                JsonNode child = entry.getValue();
                JsonNode value = child.isContainer() || child.isString()
                        ? clean(child, where.child(entry.getKey()), escapeRefs, escaped) : child;
                String key = replaceLoneSurrogates(entry.getKey());
                if (value != child || !key.equals(entry.getKey())) {
                    copy = copy != null ? copy : copyUntil((ObjectNode) node, entry.getKey());
                }
                if (copy != null) {
                    copy.set(key, value);
                }
            }
            return copy != null ? copy : node;
        }
        if (node.isArray()) {
            ArrayNode copy = null;
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                JsonNode value = element.isContainer() || element.isString()
                        ? clean(element, where.element(i), escapeRefs, escaped) : element;
                if (value != element && copy == null) {
                    copy = Json.NODES.arrayNode();
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
        return node;
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

    /** Cuts the largest strings until the call fits, then, if structure alone is too big, whole fields. */
    private WeaveCall truncate(WeaveCall call, long size) {
        ObjectNode attributes = call.attributes().deepCopy();
        JsonNode inputs = call.inputs() == null ? null : call.inputs().deepCopy();
        JsonNode output = call.output() == null ? null : call.output().deepCopy();
        List<StringLeaf> leaves = new ArrayList<>();
        collect(inputs, "inputs", leaves);
        collect(output, "output", leaves);
        collect(attributes, "attributes", leaves);
        leaves.sort(Comparator.comparingLong(StringLeaf::bytes).reversed());
        long excess = size - maxCallBytes + 4096;
        List<String> truncated = new ArrayList<>();
        for (StringLeaf leaf : leaves) {
            if (excess <= 0 || leaf.bytes() <= KEEP_AT_LEAST * 4L) {
                break;
            }
            String value = leaf.value();
            int keep = (int) Math.max(KEEP_AT_LEAST, value.length() - excess - 256);
            if (Character.isHighSurrogate(value.charAt(keep - 1))) {
                keep--;
            }
            String cut = value.substring(0, keep) + marker(keep, value.length());
            leaf.replace(cut);
            excess -= leaf.bytes() - utf8Length(cut);
            truncated.add(leaf.path());
        }
        WeaveCall candidate = call.withPayload(attributes, inputs, output);
        if (WeaveJson.callBytes(candidate) > maxCallBytes) {
            inputs = summarise(inputs, "inputs", truncated);
            output = summarise(output, "output", truncated);
            candidate = call.withPayload(attributes, inputs, output);
        }
        // structure in attributes (a node's execution_metadata: agent_log, iteration_duration_map, ...)
        List<String> attributeKeys = new ArrayList<>();
        attributes.propertyNames().forEach(attributeKeys::add);
        attributeKeys.remove("backfill");
        attributeKeys.sort(Comparator.comparingLong((String key) -> WeaveJson.toJson(attributes.get(key)).length())
                .reversed());
        for (String key : attributeKeys) {
            if (WeaveJson.callBytes(candidate) <= maxCallBytes) {
                break;
            }
            attributes.set(key, summarise(attributes.get(key), "attributes." + key, truncated));
        }
        backfill(attributes).set("truncated", strings(truncated));
        return candidate;
    }

    private JsonNode summarise(JsonNode node, String path, List<String> truncated) {
        if (node == null || node.isNull()) {
            return node;
        }
        String json = WeaveJson.toJson(node);
        if (json.length() <= maxCallBytes / 4) {
            return node; // small enough: not what makes the call too big
        }
        int keep = (int) (maxCallBytes / 4);
        truncated.add(path);
        ObjectNode replacement = Json.NODES.objectNode();
        replacement.put("truncated_json", json.substring(0, keep) + marker(keep, json.length()));
        return replacement;
    }

    static String marker(int kept, int total) {
        return "…[truncated by dify-weave-backfill: kept " + kept + " of " + total + " chars]";
    }

    private static void collect(JsonNode node, String path, List<StringLeaf> leaves) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String childPath = path + "." + entry.getKey();
                if (entry.getValue().isString()) {
                    leaves.add(new StringLeaf(childPath, (ObjectNode) node, entry.getKey(), null, -1,
                            entry.getValue().stringValue()));
                } else {
                    collect(entry.getValue(), childPath, leaves);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isString()) {
                    leaves.add(new StringLeaf(path + "[" + i + "]", null, null, (ArrayNode) node, i,
                            node.get(i).stringValue()));
                } else {
                    collect(node.get(i), path + "[" + i + "]", leaves);
                }
            }
        }
    }

    private record StringLeaf(String path, ObjectNode object, String key, ArrayNode array, int index, String value) {

        long bytes() {
            return utf8Length(value);
        }

        void replace(String replacement) {
            if (object != null) {
                object.put(key, replacement);
            } else {
                array.set(index, Json.NODES.stringNode(replacement));
            }
        }
    }

    static long utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static ObjectNode backfill(ObjectNode attributes) {
        JsonNode existing = attributes.get("backfill");
        return existing instanceof ObjectNode node ? node : attributes.putObject("backfill");
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = Json.NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
