package dev.difyweave.backfill.call;

import static dev.difyweave.backfill.testsupport.ColumnText.asRead;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.difyweave.backfill.testsupport.WeaveRequestRules;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Properties of the sanitizer over random calls ({@link RandomCalls}): whatever goes in, what comes out is valid
 * UTF-8, within the cap, nested no deeper than Weave takes, accepted by the fake Weave, holds no string Weave would
 * try to resolve as a ref, and every change is listed in {@code attributes.backfill}; a call that needs no change
 * is sent byte for byte as it is. Each try is one seed (shown in the test name); rerun one with
 * {@code -Dsanitizer.seed=<seed>}. The checks are written from Weave's rules, not from the sanitizer's code: the
 * ref rule is the fake server's ({@code WeaveRefs}, with its own Python-style JSON reader).
 */
class CallSanitizerPropertiesTest {

    private static final int TRIES = 40;

    static LongStream seeds() {
        return RandomCalls.seeds("sanitizer.seed", TRIES);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyCallComesOutSafeAndEveryChangeIsListed(long seed) {
        RandomCalls random = new RandomCalls(seed);
        long cap = random.cap();
        WeaveCall original = random.call();

        WeaveCall sanitized = new CallSanitizer(cap).sanitize(original, RandomCalls.PROJECT);

        byte[] items = sanitized.upsertItems(RandomCalls.PROJECT);
        assertThat(items).isEqualTo(WeaveJson.upsertItems(RandomCalls.PROJECT, sanitized));
        WeaveCall unencoded = sanitized.withPayload(sanitized.attributes(), sanitized.inputs(), sanitized.output());
        assertThat(WeaveJson.completeItem(RandomCalls.PROJECT, sanitized)).as("calls/complete item cut from the bytes")
                .isEqualTo(WeaveJson.completeItem(RandomCalls.PROJECT, unencoded));
        assertThat((long) items.length).as("bytes of the call").isLessThanOrEqualTo(cap);
        byte[] body = body(items);
        assertValidUtf8WithoutLoneSurrogates(body);
        assertThat(WeaveRequestRules.nesting(body)).isLessThanOrEqualTo(WeaveRequestRules.MAX_NESTING);
        assertThat(WeaveRequestRules.upsertBatchRefusal(body)).as("the fake Weave's answer").isEmpty();
        assertThat(WeaveRequestRules.stringWeaveWouldResolve(body)).as("a string Weave would resolve").isEmpty();

        List<String> changed = changes(original, sanitized);
        Set<String> listed = listed(sanitized);
        for (String path : changed) {
            assertThat(listed.stream().anyMatch(p -> covers(p, path))).as("%s is listed in %s", path, listed).isTrue();
        }
        if (changed.isEmpty() && !hasLoneSurrogates(original)) {
            assertThat(Arrays.equals(items, WeaveJson.upsertItems(RandomCalls.PROJECT, original)))
                    .as("a call that needs no change is sent byte for byte as it is").isTrue();
        }
    }

    /**
     * Item 1 and 2 of issue 15: a call whose inputs and output were read by streaming ({@link StreamedJson}: the
     * members kept as raw JSON) is written to exactly the bytes of the same call read as trees, the generator
     * notes the same need for cleaning either way, and that is what a scan of the written bytes finds; the
     * sanitizer makes the same call of both.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aStreamedCallIsWrittenAsItsTreeIs(long seed) {
        RandomCalls random = new RandomCalls(seed);
        long cap = random.cap();
        WeaveCall original = random.call();
        String inputsText = new String(Json.MAPPER.writeValueAsBytes(original.inputs()), StandardCharsets.UTF_8);
        String outputText = original.output() == null ? null
                : new String(Json.MAPPER.writeValueAsBytes(original.output()), StandardCharsets.UTF_8);
        WeaveCall asTrees = original.withPayload(original.attributes(), Json.MAPPER.readTree(inputsText),
                outputText == null ? null : Json.MAPPER.readTree(outputText));
        WeaveCall streamed = original.withPayload(original.attributes(), StreamedJson.read(asRead(inputsText)),
                outputText == null ? null : StreamedJson.read(asRead(outputText)));

        if (original.inputs().isObject() && !original.inputs().isEmpty()) {
            assertThat(streamed.inputsAsStored().values().iterator().next()).as("a member kept as raw JSON")
                    .isInstanceOf(tools.jackson.databind.node.POJONode.class);
        }
        WeaveCall.Encoded fromTrees = WeaveJson.encode(RandomCalls.PROJECT, asTrees);
        WeaveCall.Encoded fromStream = WeaveJson.encode(RandomCalls.PROJECT, streamed);
        assertThat(new String(fromStream.upsertItems(), StandardCharsets.UTF_8))
                .isEqualTo(new String(fromTrees.upsertItems(), StandardCharsets.UTF_8));
        assertThat(fromStream.needsCleaning()).isEqualTo(fromTrees.needsCleaning());
        assertThat(fromTrees.needsCleaning()).as("what the byte scan finds")
                .isEqualTo(NeedsCleaningByteScan.needsCleaning(fromTrees.upsertItems()));
        assertThat(streamed).isEqualTo(asTrees);

        CallSanitizer sanitizer = new CallSanitizer(cap);
        assertThat(sanitizer.sanitize(streamed, RandomCalls.PROJECT).upsertItems(RandomCalls.PROJECT))
                .isEqualTo(sanitizer.sanitize(asTrees, RandomCalls.PROJECT).upsertItems(RandomCalls.PROJECT));
    }

    /** The size model the cutter plans with is the generator's byte count. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theSizeModelCountsWhatTheGeneratorWrites(long seed) {
        RandomCalls random = new RandomCalls(seed);
        for (int i = 0; i < 20; i++) {
            JsonNode tree = withoutLoneSurrogates(random.tree(5));
            assertThat(new JsonSize().of(tree)).isEqualTo(Json.MAPPER.writeValueAsBytes(tree).length);
        }
    }

    private static byte[] body(byte[] items) {
        byte[] open = "{\"batch\":[".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[open.length + items.length + 2];
        System.arraycopy(open, 0, body, 0, open.length);
        System.arraycopy(items, 0, body, open.length, items.length);
        body[body.length - 2] = ']';
        body[body.length - 1] = '}';
        return body;
    }

    private static void assertValidUtf8WithoutLoneSurrogates(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new AssertionError("not valid UTF-8: " + e);
        }
        JsonNode parsed = Json.MAPPER.readTree(body);
        List<String> texts = new ArrayList<>();
        collectTexts(parsed, texts);
        for (String text : texts) {
            assertThat(withoutLoneSurrogates(text)).as("no lone surrogate (escaped or not)").isEqualTo(text);
        }
    }

    private static void collectTexts(JsonNode node, List<String> texts) {
        if (node.isString()) {
            texts.add(node.stringValue());
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                texts.add(member.getKey());
                collectTexts(member.getValue(), texts);
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectTexts(element, texts));
        }
    }

    // ---- what changed, and what is listed -------------------------------------------------------------------

    /** The paths where the sanitized call differs from the original, lone surrogates (fixed, unlisted) aside. */
    private static List<String> changes(WeaveCall before, WeaveCall after) {
        List<String> changed = new ArrayList<>();
        diffString(before.opName(), after.opName(), "op_name", changed);
        diffString(before.displayName(), after.displayName(), "display_name", changed);
        diffString(before.exception(), after.exception(), "exception", changed);
        diff(withoutLoneSurrogates(before.attributes()), withoutLists(after.attributes()), "attributes", changed);
        diff(withoutLoneSurrogates(before.inputs()), after.inputs(), "inputs", changed);
        diff(withoutLoneSurrogates(before.output()), after.output(), "output", changed);
        diff(withoutLoneSurrogates(before.summary()), after.summary(), "summary", changed);
        return changed;
    }

    private static boolean hasLoneSurrogates(WeaveCall call) {
        List<String> texts = new ArrayList<>();
        for (JsonNode field : new JsonNode[] {call.attributes(), call.inputs(), call.output(), call.summary()}) {
            if (field != null) {
                collectTexts(field, texts);
            }
        }
        texts.add(call.opName());
        texts.add(call.displayName() == null ? "" : call.displayName());
        texts.add(call.exception() == null ? "" : call.exception());
        return texts.stream().anyMatch(text -> !withoutLoneSurrogates(text).equals(text));
    }

    private static void diffString(String before, String after, String path, List<String> changed) {
        String expected = before == null ? null : withoutLoneSurrogates(before);
        if (expected == null ? after != null : !expected.equals(after)) {
            changed.add(path);
        }
    }

    private static void diff(JsonNode before, JsonNode after, String path, List<String> changed) {
        if (before == after || (before != null && before.equals(after))) {
            return;
        }
        if (before != null && after != null && before.isObject() && after.isObject()) {
            for (Map.Entry<String, JsonNode> member : before.properties()) {
                String child = path + "." + member.getKey();
                if (after.has(member.getKey())) {
                    diff(member.getValue(), after.get(member.getKey()), child, changed);
                } else {
                    changed.add(child);
                }
            }
            for (String key : after.propertyNames()) {
                if (!before.has(key)) {
                    changed.add(path);
                }
            }
        } else if (before != null && after != null && before.isArray() && after.isArray()) {
            for (int i = 0; i < Math.min(before.size(), after.size()); i++) {
                diff(before.get(i), after.get(i), path + "[" + i + "]", changed);
            }
            if (before.size() != after.size()) {
                changed.add(path);
            }
        } else {
            changed.add(path);
        }
    }

    private static final List<String> LISTS = List.of("escaped", "flattened", "truncated");

    /** The attributes without the lists the sanitizer adds to {@code backfill}. */
    private static JsonNode withoutLists(ObjectNode attributes) {
        ObjectNode copy = Json.NODES.objectNode();
        copy.setAll(attributes);
        if (attributes.get("backfill") instanceof ObjectNode backfill) {
            ObjectNode provenance = Json.NODES.objectNode();
            provenance.setAll(backfill);
            LISTS.forEach(provenance::remove);
            copy.set("backfill", provenance);
        }
        return copy;
    }

    private static Set<String> listed(WeaveCall call) {
        Set<String> listed = new HashSet<>();
        JsonNode backfill = call.attributes().path("backfill");
        for (String list : LISTS) {
            backfill.path(list).forEach(path -> listed.add(path.stringValue()));
        }
        return listed;
    }

    private static boolean covers(String listed, String path) {
        return path.equals(listed) || path.startsWith(listed + ".") || path.startsWith(listed + "[");
    }

    // ---- lone surrogates, repaired independently of the sanitizer ---------------------------------------------

    static String withoutLoneSurrogates(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    /** A copy with lone surrogates replaced in strings and keys; the same node where there are none. */
    static JsonNode withoutLoneSurrogates(JsonNode node) {
        return withoutLoneSurrogates(node, new IdentityHashMap<>());
    }

    /** {@code done}: nodes already repaired (a generated tree may hold one node many times). */
    private static JsonNode withoutLoneSurrogates(JsonNode node, Map<JsonNode, JsonNode> done) {
        if (node == null || node.isValueNode() && !node.isString()) {
            return node;
        }
        JsonNode known = done.get(node);
        if (known != null) {
            return known;
        }
        JsonNode result = node;
        if (node.isString()) {
            String fixed = withoutLoneSurrogates(node.stringValue());
            result = fixed.equals(node.stringValue()) ? node : Json.NODES.stringNode(fixed);
        } else if (node.isObject()) {
            ObjectNode copy = Json.NODES.objectNode();
            boolean same = true;
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String key = withoutLoneSurrogates(member.getKey());
                JsonNode value = withoutLoneSurrogates(member.getValue(), done);
                same &= key.equals(member.getKey()) && value == member.getValue();
                copy.set(key, value);
            }
            result = same ? node : copy;
        } else if (node.isArray()) {
            ArrayNode copy = Json.NODES.arrayNode();
            boolean same = true;
            for (JsonNode element : node) {
                JsonNode value = withoutLoneSurrogates(element, done);
                same &= value == element;
                copy.add(value);
            }
            result = same ? node : copy;
        }
        done.put(node, result);
        return result;
    }
}
