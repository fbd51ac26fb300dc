package dev.difyweave.backfill.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.testsupport.WeaveRequestRules;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * C13 and C14 at the edges: what the change lists may take for a given cap, calls too deep to be written at all,
 * the string fields of a call over the cap, attributes with too many members, and the bytes a sanitised call
 * carries for its project.
 */
class CallSanitizerLimitsTest {

    private static final String ID = "0b7e7d43-6b8e-4f5e-9a51-3c1f0d2a9e11";
    private static final String PROJECT = "entity/project";
    private static final long CAP = CallSanitizer.DEFAULT_MAX_CALL_BYTES;

    private static ObjectNode provenance() {
        ObjectNode attributes = Json.NODES.objectNode();
        attributes.putObject("backfill").put("source", "dify-weave-backfill").put("version", "0.1.0");
        return attributes;
    }

    private static WeaveCall call(String displayName, ObjectNode attributes, JsonNode inputs, JsonNode output,
            String exception) {
        ObjectNode summary = Json.NODES.objectNode();
        summary.putObject("status_counts").put("success", 1).put("error", 0);
        return new WeaveCall(ID, ID, null, "workflow", displayName, Instant.parse("2025-11-20T08:15:02.123456Z"),
                Instant.parse("2025-11-20T08:15:04Z"), attributes, inputs, output, exception, summary,
                TraceKind.WORKFLOW, RootKind.WORKFLOW_RUNS.key(UUID.fromString(ID)));
    }

    private static String listed(WeaveCall call, String list) {
        return WeaveJson.toJson(call.attributes().path("backfill").path(list));
    }

    private static ObjectNode refs(int count) {
        ObjectNode inputs = Json.NODES.objectNode();
        for (int i = 0; i < count; i++) {
            inputs.put(String.format("r%02d", i), "weave:///x");
        }
        return inputs;
    }

    private static String paths(int count) {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            paths.add(String.format("\"inputs.r%02d\"", i));
        }
        return "[" + String.join(",", paths) + "]";
    }

    /** A list may take 1/64 of the cap (at least 256 bytes, at most 8 KiB); "inputs.rNN" takes 13 with its comma. */
    @Test
    void theListsTakeAtMostASixtyFourthOfTheCap() {
        CallSanitizer small = new CallSanitizer(64 * 1024); // lists of 1024 bytes

        // 2 + 70 * 13 = 912 fits, 2 + 80 * 13 = 1042 does not
        assertThat(listed(small.sanitize(call(null, provenance(), refs(70), null, null)), "escaped"))
                .isEqualTo(paths(70));
        assertThat(listed(small.sanitize(call(null, provenance(), refs(80), null, null)), "escaped"))
                .isEqualTo("[\"inputs\"]");
        assertThat(listed(new CallSanitizer(CAP).sanitize(call(null, provenance(), refs(80), null, null)), "escaped"))
                .isEqualTo(paths(80));
        // 16 KiB / 64 = 256 bytes: 19 paths (249 bytes), not 20 (262)
        CallSanitizer smallest = new CallSanitizer(16 * 1024);
        assertThat(listed(smallest.sanitize(call(null, provenance(), refs(19), null, null)), "escaped"))
                .isEqualTo(paths(19));
        assertThat(listed(smallest.sanitize(call(null, provenance(), refs(20), null, null)), "escaped"))
                .isEqualTo("[\"inputs\"]");
    }

    /** Deeper than the JSON writer goes (516 levels): the call cannot even be measured before it is flattened. */
    @Test
    void aCallTooDeepToBeWrittenIsFlattenedAndSent() {
        JsonNode deep = Json.NODES.stringNode("bottom");
        for (int i = 0; i < 600; i++) {
            deep = Json.NODES.arrayNode().add(deep);
        }
        ObjectNode inputs = Json.NODES.objectNode().put("query", "q");
        inputs.set("log", deep);

        WeaveCall sanitized = new CallSanitizer(CAP).sanitize(call(null, provenance(), inputs, null, null), PROJECT);

        byte[] items = sanitized.upsertItems(PROJECT);
        assertThat(items).isEqualTo(WeaveJson.upsertItems(PROJECT, sanitized));
        assertThat(2 + WeaveRequestRules.nesting(items)).isLessThanOrEqualTo(CallCleaner.MAX_BODY_LEVELS);
        assertThat(listed(sanitized, "flattened")).startsWith("[\"inputs.log[0][0]").endsWith("]\"]");
        assertThat(sanitized.inputs().get("query").stringValue()).isEqualTo("q");
    }

    @Test
    void theBytesCarriedAreThoseOfTheEscapedCall() {
        WeaveCall original = call("title", provenance(), Json.NODES.objectNode().put("q", "weave:///x"), null, null);

        WeaveCall sanitized = new CallSanitizer(CAP).sanitize(original, PROJECT);

        assertThat(sanitized.inputs().get("q").stringValue()).isEqualTo("[escaped] weave:///x");
        assertThat(sanitized.upsertItems(PROJECT)).isEqualTo(WeaveJson.upsertItems(PROJECT, sanitized));
        assertThat(new String(sanitized.upsertItems(PROJECT))).contains("[escaped] weave:///x");
    }

    @Test
    void aHugeExceptionIsCutAndListed() {
        WeaveCall sanitized = new CallSanitizer(CAP).sanitize(
                call("node", provenance(), Json.NODES.objectNode().put("q", "x"), null, "e".repeat(4_000_000)));

        assertThat((long) sanitized.upsertItems(CallSanitizer.SIZING_PROJECT).length).isLessThanOrEqualTo(CAP);
        assertThat(sanitized.exception()).startsWith("e".repeat(1000)).endsWith(" of 4000000 chars]");
        assertThat(sanitized.displayName()).isEqualTo("node");
        assertThat(listed(sanitized, "truncated")).isEqualTo("[\"exception\"]");
    }

    @Test
    void aHugeDisplayNameIsCutAndListed() {
        WeaveCall sanitized = new CallSanitizer(CAP).sanitize(
                call("t".repeat(4_000_000), provenance(), Json.NODES.objectNode().put("q", "x"), null, "failed"));

        assertThat((long) sanitized.upsertItems(CallSanitizer.SIZING_PROJECT).length).isLessThanOrEqualTo(CAP);
        assertThat(sanitized.displayName()).startsWith("t".repeat(1000)).endsWith(" of 4000000 chars]");
        assertThat(sanitized.exception()).isEqualTo("failed");
        assertThat(listed(sanitized, "truncated")).isEqualTo("[\"display_name\"]");
    }

    /** 300 000 small attributes: the last ones go, the note of how many comes last, the provenance stays first. */
    @Test
    void attributesWithTooManyMembersKeepTheFirstOnesAndSaySo() {
        ObjectNode attributes = provenance();
        for (int i = 0; i < 300_000; i++) {
            attributes.put(String.format("m%06d", i), "v");
        }

        WeaveCall sanitized = new CallSanitizer(CAP).sanitize(call(null, attributes, Json.NODES.objectNode(), null, null));

        assertThat((long) sanitized.upsertItems(CallSanitizer.SIZING_PROJECT).length).isLessThanOrEqualTo(CAP);
        List<String> names = new ArrayList<>();
        sanitized.attributes().propertyNames().forEach(names::add);
        assertThat(names.get(0)).isEqualTo("backfill");
        assertThat(names.get(1)).isEqualTo("m000000");
        assertThat(names.get(names.size() - 1)).isEqualTo(SizeCutter.DROPPED_KEY);
        int kept = names.size() - 2;
        assertThat(kept).isGreaterThan(150_000);
        assertThat(names.get(names.size() - 2)).isEqualTo(String.format("m%06d", kept - 1));
        assertThat(sanitized.attributes().get(SizeCutter.DROPPED_KEY).stringValue()).isEqualTo(
                "[" + (300_000 - kept) + " of 300000 members dropped by dify-weave-backfill, largest first]");
        assertThat(sanitized.attributes().path("backfill").path("source").stringValue()).isEqualTo("dify-weave-backfill");
        assertThat(listed(sanitized, "truncated")).isEqualTo("[\"attributes\"]");
    }

    @Test
    void aCallWithNothingToFixIsTheVeryCallTheCleanerWasGiven() {
        WeaveCall original = call("title", provenance(), Json.NODES.objectNode().put("q", "see weave: no ref"),
                Json.NODES.objectNode().put("a", "fine"), "failed");

        assertThat(CallCleaner.clean(original, 1024)).isSameAs(original);
    }

    @Test
    void onlyTheChangedFieldIsReplaced() {
        WeaveCall original = call("title", provenance(), Json.NODES.objectNode().put("q", "fine"),
                Json.NODES.numberNode(42), null);
        ObjectNode summary = original.summary().deepCopy();
        summary.put("note", "weave:///s");
        WeaveCall withRef = original.withValues("workflow", "title", original.attributes(), original.inputs(),
                original.output(), null, summary);

        WeaveCall cleaned = CallCleaner.clean(withRef, 1024);

        assertThat(cleaned.summary().get("note").stringValue()).isEqualTo("[escaped] weave:///s");
        assertThat(cleaned.inputs()).isSameAs(withRef.inputs());
        assertThat(cleaned.output()).isSameAs(withRef.output());
        assertThat(cleaned.output().intValue()).isEqualTo(42);
        assertThat(cleaned.displayName()).isEqualTo("title");
        assertThat(listed(cleaned, "escaped")).isEqualTo("[\"summary.note\"]");
    }

    /** Weave's start_call wraps inputs that are not an object: {"inputs": value}; that is what is checked. */
    @Test
    void inputsThatAreNotAnObjectAreCheckedAsWeaveReceivesThem() {
        WeaveCall sanitized = new CallSanitizer(CAP).sanitize(
                call(null, provenance(), Json.NODES.stringNode("weave:///x"), null, null));

        assertThat(WeaveJson.toJson(sanitized.inputs())).isEqualTo("{\"inputs\":\"[escaped] weave:///x\"}");
        assertThat(listed(sanitized, "escaped")).isEqualTo("[\"inputs.inputs\"]");
    }

    @Test
    void noInputsStayNoInputs() {
        WeaveCall sanitized = new CallSanitizer(CAP).sanitize(call("weave:///t", provenance(), null, null, null));

        assertThat(sanitized.inputs()).isNull();
        assertThat(sanitized.displayName()).isEqualTo("[escaped] weave:///t");
    }
}
