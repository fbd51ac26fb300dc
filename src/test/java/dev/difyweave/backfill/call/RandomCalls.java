package dev.difyweave.backfill.call;

import java.util.UUID;
import java.time.Instant;
import java.util.Random;
import java.util.stream.LongStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random calls for the sanitizer's properties, from one seed: JSON trees of random Unicode (CJK, astral
 * characters, NUL and other controls, lone surrogates, escape text), strings holding refs at their start or
 * inside JSON text (with Python-only forms, trailing data, JSON inside JSON, deep brackets), containers nested
 * up to 400 levels, and bulk of up to 20 MB in long strings, many short strings, wide arrays or wide objects.
 */
final class RandomCalls {

    static final String PROJECT = "entity/project";
    static final long MAX_BULK_BYTES = 20L * 1024 * 1024;

    private static final String[] OP_NAMES = {"workflow", "node:llm", "tool:search", "weave:///op",
        "weave-trace-internal:///p/op/x:1", "{\"op\": \"weave:///x\"}"};
    private static final String[] FIXED_PIECES = {"\u0000", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\"", "\\",
        "\n", "\t", "\u0001", "\u001f", "\u007f", "\u2028", "\uFEFF", "\\ud800", "\\u0000", " ", "{", "}", "[", "]",
        ",", ":", "NaN", "weave:///", "weave-trace-internal:///", "weave:///entity/project/object/doc:1",
        "weave:///x", "WEAVE:///x", "weave:/", "[escaped] ", "…[truncated", "\uD83D\uDE00", "\uD83D\uDC68\u200D"};

    private final Random random;
    private long bulkLeft;

    /**
     * The seeds of a property's tries: {@code tries} of them from the clock, or the one given in the system
     * property {@code rerun} (to replay a try).
     */
    static LongStream seeds(String rerun, int tries) {
        String fixed = System.getProperty(rerun);
        if (fixed != null) {
            return LongStream.of(Long.parseLong(fixed));
        }
        long base = System.nanoTime();
        return LongStream.range(0, tries).map(i -> base + i * 0x9E3779B97F4A7C15L);
    }

    RandomCalls(long seed) {
        this.random = new Random(seed);
    }

    /** The cap to sanitize with: mostly the default, sometimes as small as the configuration allows. */
    long cap() {
        int pick = random.nextInt(10);
        return pick < 7 ? CallSanitizer.DEFAULT_MAX_CALL_BYTES : pick < 8 ? 16 * 1024 : pick < 9 ? 64 * 1024
                : 1024 * 1024;
    }

    WeaveCall call() {
        int sizeClass = random.nextInt(20);
        bulkLeft = sizeClass < 8 ? 0 : sizeClass < 12 ? random.nextInt(1024 * 1024)
                : sizeClass < 17 ? 1024L * 1024 + random.nextInt(4 * 1024 * 1024)
                : 5L * 1024 * 1024 + (long) (random.nextDouble() * (MAX_BULK_BYTES - 5L * 1024 * 1024));
        ObjectNode attributes = Json.NODES.objectNode();
        attributes.putArray("tags").add("dify_workflow");
        attributes.putObject("backfill").put("source", "dify-weave-backfill").put("job", "j").putArray("approximated");
        attributes.put("app_name", text(6));
        maybe(attributes, "execution_metadata", 3);
        ObjectNode inputs = Json.NODES.objectNode().put("query", text(8));
        maybe(inputs, "data", 4);
        JsonNode output = random.nextInt(4) == 0 ? Json.NODES.stringNode(text(8)) : maybe(
                Json.NODES.objectNode().put("text", text(8)), "result", 4);
        ObjectNode summary = Json.NODES.objectNode();
        summary.putObject("status_counts").put("success", 1).put("error", 0);
        summary.putObject("weave").put("latency_ms", 5).put("note", text(3));
        String exception = random.nextInt(3) == 0 ? (random.nextBoolean() ? text(5) : bulkString()) : null;
        String displayName = random.nextInt(5) == 0 ? null : text(4);
        String opName = OP_NAMES[random.nextInt(OP_NAMES.length)];
        String id = "0b7e7d43-6b8e-4f5e-9a51-3c1f0d2a9e11";
        return new WeaveCall(id, id, null, opName, displayName, Instant.parse("2025-11-20T08:15:02.123456Z"),
                Instant.parse("2025-11-20T08:15:04.000001Z"), attributes, inputs, output, exception, summary,
                TraceKind.WORKFLOW, RootKind.WORKFLOW_RUNS.key(UUID.fromString(id)));
    }

    /** Puts a random tree under {@code key}, sometimes deeply nested, sometimes with bulk beside it. */
    private ObjectNode maybe(ObjectNode target, String key, int depth) {
        if (random.nextInt(4) != 0) {
            target.set(key, tree(depth));
        }
        if (random.nextInt(5) == 0) {
            target.set(key + "_deep", nested(random.nextInt(400), tree(2)));
        }
        if (bulkLeft > 0 && random.nextBoolean()) {
            target.set(key + "_bulk", bulk());
        }
        return target;
    }

    JsonNode tree(int depth) {
        return tree(depth, true);
    }

    /**
     * A random value; {@code withJsonText}: strings may hold JSON text. The tree inside JSON text holds none:
     * text nested in text, each level escaped again, grew without bound for some seeds (out of memory).
     */
    private JsonNode tree(int depth, boolean withJsonText) {
        int pick = random.nextInt(depth <= 0 ? 5 : 8);
        switch (pick) {
            case 0, 1:
                return Json.NODES.stringNode(text(5));
            case 2:
                return Json.NODES.stringNode(withJsonText ? jsonText() : text(5));
            case 3:
                return random.nextBoolean() ? Json.NODES.numberNode(random.nextLong())
                        : Json.NODES.numberNode(random.nextDouble() * 1e6);
            case 4:
                return random.nextBoolean() ? Json.NODES.booleanNode(random.nextBoolean()) : Json.NODES.nullNode();
            case 5, 6: {
                ObjectNode object = Json.NODES.objectNode();
                int n = random.nextInt(6);
                for (int i = 0; i < n; i++) {
                    object.set(random.nextInt(4) == 0 ? text(2) : "k" + i, tree(depth - 1, withJsonText));
                }
                return object;
            }
            default: {
                ArrayNode array = Json.NODES.arrayNode();
                int n = random.nextInt(6);
                for (int i = 0; i < n; i++) {
                    array.add(tree(depth - 1, withJsonText));
                }
                return array;
            }
        }
    }

    static JsonNode nested(int levels, JsonNode innermost) {
        JsonNode node = innermost;
        for (int i = 0; i < levels; i++) {
            node = i % 3 == 0 ? Json.NODES.objectNode().set("k", node) : Json.NODES.arrayNode().add(node);
        }
        return node;
    }

    String text(int maxPieces) {
        StringBuilder out = new StringBuilder();
        int n = random.nextInt(maxPieces + 1);
        for (int i = 0; i < n; i++) {
            out.append(piece());
        }
        return out.toString();
    }

    private String piece() {
        int pick = random.nextInt(8);
        StringBuilder out = new StringBuilder();
        int length = 1 + random.nextInt(12);
        switch (pick) {
            case 0 -> {
                for (int i = 0; i < length; i++) {
                    out.append((char) (' ' + random.nextInt(95)));
                }
            }
            case 1 -> {
                for (int i = 0; i < length; i++) {
                    out.append((char) (0x4e00 + random.nextInt(0x5000)));
                }
            }
            case 2 -> {
                for (int i = 0; i < length; i++) {
                    out.appendCodePoint(0x10000 + random.nextInt(0x100000));
                }
            }
            case 3 -> {
                for (int i = 0; i < length; i++) {
                    out.append((char) random.nextInt(0x10000)); // anything, lone surrogates included
                }
            }
            default -> out.append(FIXED_PIECES[random.nextInt(FIXED_PIECES.length)]);
        }
        return out.toString();
    }

    /** JSON text as an LLM answer or a tool observation holds it, often around a ref. */
    String jsonText() {
        JsonNode inner = random.nextBoolean() ? Json.NODES.stringNode("weave:///" + text(1)) : tree(2, false);
        ObjectNode wrapper = Json.NODES.objectNode().put("mention", "see weave:///x here");
        wrapper.set("value", inner);
        String text = WeaveJson.toJson(random.nextBoolean() ? wrapper : inner);
        switch (random.nextInt(8)) {
            case 0:
                return " \n" + text + "\t";
            case 1:
                return "[NaN, -Infinity, " + text + "]";
            case 2:
                return text + " trailing";
            case 3: { // JSON inside JSON, around the 8-level limit
                int levels = 5 + random.nextInt(6);
                for (int i = 0; i < levels; i++) {
                    text = WeaveJson.toJson(Json.NODES.arrayNode().add(text));
                }
                return text;
            }
            case 4: {
                int levels = 40 + random.nextInt(60);
                return "[".repeat(levels) + text + "]".repeat(levels);
            }
            case 5:
                return "{\"a\": \"weave:///x\", \"a\": " + text + "}";
            default:
                return text;
        }
    }

    private JsonNode bulk() {
        int pick = random.nextInt(4);
        return switch (pick) {
            case 0 -> Json.NODES.stringNode(bulkString());
            case 1 -> manyStrings();
            case 2 -> wideArray();
            default -> wideObject();
        };
    }

    /** Spends a random part (or the rest) of the bulk budget; at least 1 byte so that it always ends. */
    private long spend() {
        long bytes = random.nextBoolean() ? bulkLeft : 1 + (long) (random.nextDouble() * bulkLeft);
        bulkLeft -= bytes;
        return bytes;
    }

    private String bulkString() {
        String unit = piece() + "\u65e5\u672c";
        long bytes = Math.max(1, spend());
        return unit.repeat((int) Math.max(1, bytes / Math.max(1, utf8(unit))));
    }

    /** Up to 300 000 short strings of CJK text, more text each when the budget is bigger. */
    private JsonNode manyStrings() {
        long bytes = spend();
        long count = Math.max(1, Math.min(300_000, bytes / 16));
        String unit = "\u4e2d\u6587\u65e5".repeat((int) Math.max(1, bytes / count / 9));
        ArrayNode array = Json.NODES.arrayNode();
        for (long i = 0; i < count; i++) {
            array.add(random.nextInt(100) == 0 ? text(2) + unit : unit + i);
        }
        return array;
    }

    /** Up to 300 000 elements, one node many times (as big on the wire, cheap in memory), bigger for more bytes. */
    private JsonNode wideArray() {
        long bytes = spend();
        JsonNode element = tree(3);
        long count = Math.max(1, Math.min(300_000, bytes / Math.max(8, utf8(WeaveJson.toJson(element)))));
        if (count == 300_000) {
            element = Json.NODES.arrayNode().add(element).add(text(1) + "x".repeat((int) (bytes / count)));
        }
        ArrayNode array = Json.NODES.arrayNode();
        for (long i = 0; i < count; i++) {
            array.add(element);
        }
        return array;
    }

    /**
     * Up to 200 000 members sharing one value (a random tree, or a string longer when the budget is bigger), as
     * many as the budget pays for with the value's size: a shared tree of some KB 200 000 times would be GBs.
     */
    private JsonNode wideObject() {
        long bytes = spend();
        JsonNode value;
        long count;
        if (random.nextBoolean()) {
            value = tree(2);
            count = Math.max(1, Math.min(200_000, bytes / Math.max(24, 12 + utf8(WeaveJson.toJson(value)))));
        } else {
            count = Math.max(1, Math.min(200_000, bytes / 24));
            value = Json.NODES.stringNode("v".repeat((int) Math.max(1, bytes / count - 12)));
        }
        ObjectNode object = Json.NODES.objectNode();
        for (long i = 0; i < count; i++) {
            object.set((random.nextInt(1000) == 0 ? text(2) : "") + "m" + i, value);
        }
        return object;
    }

    private static long utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
