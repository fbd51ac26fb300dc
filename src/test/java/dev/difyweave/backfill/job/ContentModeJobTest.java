package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.GeneratedMessage;
import dev.difyweave.backfill.testsupport.StoredCall;
import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.call.ContentPolicy;
import dev.difyweave.backfill.call.Json;
import tools.jackson.databind.JsonNode;

/**
 * {@code --content}: one Dify database migrated three times, keeping the content (to one project),
 * dropping it (to the harness's project) and hashing it (to a third): the same calls with the same
 * structure, timing, status and usage each time; no text of the Dify rows in the dropped or hashed calls.
 */
class ContentModeJobTest {

    private static final String TO = "--to=2026-11-29T00:00:00Z";
    private static final String KEPT = "acme/kept";
    private static final String HASHED = "acme/hashed";

    private static BackfillHarness harness;
    private static Set<String> texts;

    @BeforeAll
    static void migrateThreeTimes() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        BackfillHarness.Result kept = harness.run("migrate", TO, "--project=" + KEPT);
        assertThat(kept.exitStatus()).as(kept.err()).isZero();
        BackfillHarness.Result dropped = harness.run("migrate", TO, "--content=drop");
        assertThat(dropped.exitStatus()).as(dropped.err()).isZero();
        BackfillHarness.Result hashed = harness.run("migrate", TO, "--project=" + HASHED, "--content=hash");
        assertThat(hashed.exitStatus()).as(hashed.err()).isZero();
        texts = difyTexts();
    }

    @AfterAll
    static void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    /** Every piece of free text in Dify's content columns (string leaves of their JSON, with a space, 12+ chars). */
    private static Set<String> difyTexts() {
        return texts("""
                SELECT query FROM messages UNION ALL SELECT answer FROM messages
                UNION ALL SELECT message::text FROM messages UNION ALL SELECT inputs::text FROM messages
                UNION ALL SELECT error FROM messages UNION ALL SELECT message_metadata FROM messages
                UNION ALL SELECT name FROM conversations
                UNION ALL SELECT inputs FROM workflow_runs UNION ALL SELECT outputs FROM workflow_runs
                UNION ALL SELECT error FROM workflow_runs
                UNION ALL SELECT inputs FROM workflow_node_executions UNION ALL SELECT outputs FROM workflow_node_executions
                UNION ALL SELECT process_data FROM workflow_node_executions UNION ALL SELECT error FROM workflow_node_executions
                UNION ALL SELECT thought FROM message_agent_thoughts UNION ALL SELECT tool_input FROM message_agent_thoughts
                UNION ALL SELECT observation FROM message_agent_thoughts
                UNION ALL SELECT content FROM dataset_retriever_resources
                """);
    }

    /**
     * The texts of the rows and columns a run keeping the content sends (docs/trace-mapping.md): of each run,
     * node, message, agent thought and conversation that became a call, the columns its call is made of.
     */
    private static Set<String> textsOfSentRows(Set<String> callIds) {
        Object[] ids = callIds.toArray(new String[0]);
        return texts("""
                SELECT inputs FROM workflow_runs WHERE id::text = ANY(?)
                UNION ALL SELECT outputs FROM workflow_runs WHERE id::text = ANY(?)
                UNION ALL SELECT error FROM workflow_runs WHERE id::text = ANY(?)
                UNION ALL SELECT CASE WHEN node_type = 'llm' THEN process_data::json->>'prompts' ELSE inputs END
                    FROM workflow_node_executions WHERE id::text = ANY(?)
                UNION ALL SELECT outputs FROM workflow_node_executions WHERE id::text = ANY(?)
                UNION ALL SELECT error FROM workflow_node_executions WHERE id::text = ANY(?) AND status IN ('failed', 'exception')
                UNION ALL SELECT message::text FROM messages WHERE id::text = ANY(?) AND workflow_run_id IS NULL
                UNION ALL SELECT answer FROM messages WHERE id::text = ANY(?) AND workflow_run_id IS NULL
                UNION ALL SELECT error FROM messages WHERE id::text = ANY(?) AND workflow_run_id IS NULL
                UNION ALL SELECT t.tool_input FROM message_agent_thoughts t WHERE t.message_id::text = ANY(?) AND t.tool <> ''
                UNION ALL SELECT t.observation FROM message_agent_thoughts t WHERE t.message_id::text = ANY(?) AND t.tool <> ''
                UNION ALL SELECT c.name FROM conversations c WHERE c.id::text = ANY(?)
                """, ids, ids, ids, ids, ids, ids, ids, ids, ids, ids, ids, conversationsNamed(callIds));
    }

    private static Object[] conversationsNamed(Set<String> callIds) {
        return harness.difyJdbc().queryForList("SELECT id::text FROM conversations", String.class).stream()
                .filter(id -> callIds.contains(CallIds.generateConversationName(id))).toArray(String[]::new);
    }

    private static Set<String> texts(String sql, Object... parameters) {
        List<String> columns = harness.difyJdbc().queryForList(sql, String.class, parameters);
        Set<String> out = new HashSet<>();
        for (String column : columns) {
            if (column == null) {
                continue;
            }
            try {
                leaves(Json.MAPPER.readTree(column), out);
            } catch (RuntimeException notJson) {
                out.add(column);
            }
        }
        out.removeIf(s -> s.length() < 12 || !s.contains(" "));
        return out;
    }

    private static void leaves(JsonNode node, Set<String> out) {
        if (node.isString()) {
            out.add(node.stringValue());
        }
        node.forEach(child -> leaves(child, out));
    }

    /**
     * Every string the call holds (inputs, output, attributes, exception, display name) as it was meant,
     * JSON escapes undone, so that a text with a quote or a line break is found as well.
     */
    private static String strings(StoredCall call) {
        Set<String> strings = new HashSet<>();
        for (JsonNode part : new JsonNode[] {call.inputs(), call.output(), call.attributes()}) {
            if (part != null) {
                leaves(part, strings);
            }
        }
        strings.add(String.valueOf(call.exception()));
        strings.add(String.valueOf(call.displayName()));
        return String.join("\u0000", strings);
    }

    private static Map<String, StoredCall> byId(String project) {
        return harness.weave.visibleCalls(project).stream().collect(Collectors.toMap(StoredCall::id, Function.identity()));
    }

    @Test
    void theKeptCallsHoldEveryTextOfTheirRowsThatTheOthersMustNot() {
        List<StoredCall> keptCalls = harness.weave.visibleCalls(KEPT);
        Set<String> sentTexts = textsOfSentRows(keptCalls.stream().map(StoredCall::id).collect(Collectors.toSet()));
        assertThat(sentTexts).hasSizeGreaterThan(100);
        assertThat(texts).as("the texts no call may carry without keep include them").containsAll(sentTexts);
        String kept = keptCalls.stream().map(ContentModeJobTest::strings).collect(Collectors.joining("\u0000"));
        List<String> missing = sentTexts.stream().filter(t -> !kept.contains(t)).toList();
        assertThat(missing).as("texts of the rows sent with keep that are in no kept call").isEmpty();
    }

    @Test
    void dropSendsEveryCallWithItsStructureButNoText() {
        harness.assertEveryExpectedCallExactlyOnce();
        Map<String, StoredCall> kept = byId(KEPT);
        List<StoredCall> dropped = harness.weave.visibleCalls(BackfillHarness.PROJECT);
        assertThat(dropped).hasSameSizeAs(kept.values());
        List<String> leaked = new ArrayList<>();
        for (StoredCall call : dropped) {
            String sent = strings(call);
            texts.stream().filter(sent::contains).forEach(t -> leaked.add(call.id() + ": " + t));
            StoredCall original = kept.get(call.id());
            assertThat(call.inputs().toString()).as("inputs of %s", call.id()).isEqualTo("{}");
            assertThat(call.output()).as("output of %s", call.id()).isNull();
            assertSameStructure(call, original);
            if (original.exception() != null) {
                assertThat(call.exception()).isEqualTo(ContentPolicy.DROPPED_EXCEPTION);
                assertThat(call.status()).isEqualTo("error");
            } else {
                assertThat(call.exception()).isNull();
            }
            assertThat(call.attributes().path("backfill").path("content").stringValue()).isEqualTo("drop");
        }
        assertThat(leaked).as("Dify texts in dropped calls").isEmpty();
        assertThat(dropped).anyMatch(c -> c.exception() != null);
        assertThat(dropped).anyMatch(c -> c.summary().has("usage"));
    }

    @Test
    void hashKeepsEqualValuesEqualAndNoText() {
        Map<String, StoredCall> kept = byId(KEPT);
        Map<String, StoredCall> hashed = byId(HASHED);
        assertThat(hashed.keySet()).isEqualTo(kept.keySet());
        List<String> leaked = new ArrayList<>();
        for (StoredCall call : hashed.values()) {
            String sent = strings(call);
            texts.stream().filter(sent::contains).forEach(t -> leaked.add(call.id() + ": " + t));
            assertSameStructure(call, kept.get(call.id()));
            assertThat(call.attributes().path("backfill").path("content").stringValue()).isEqualTo("hash");
        }
        assertThat(leaked).as("Dify texts in hashed calls").isEmpty();

        // an easy-UI message's answer: its hash, in the message call and in its llm child
        GeneratedMessage chat = harness.generated.messages().stream()
                .filter(m -> m.finished() && m.appMode().equals("chat") && m.answerSaved() && m.files().isEmpty())
                .findFirst().orElseThrow();
        String answer = harness.difyJdbc().queryForObject("SELECT answer FROM messages WHERE id = ?", String.class,
                chat.id());
        String m = chat.id().toString();
        JsonNode messageOutput = hashed.get(m).output().path("choices");
        assertThat(messageOutput.path("content").stringValue()).isEqualTo(ContentPolicy.hash(answer));
        assertThat(hashed.get(CallIds.llm(m)).output().path("choices").path("content"))
                .isEqualTo(messageOutput.path("content"));
        assertThat(hashed.get(m).inputs()).as("same prompt, same hashes").isEqualTo(hashed.get(CallIds.llm(m)).inputs());
        // numbers are not content: token counts in the payload stay as they were
        assertThat(hashed.get(m).output().path("choices").path("usage_metadata"))
                .isEqualTo(kept.get(m).output().path("choices").path("usage_metadata"));

        // the same value is the same hash wherever it is: each kept string maps to exactly one hash
        Map<String, Set<String>> hashesOf = new java.util.HashMap<>();
        for (StoredCall call : kept.values()) {
            pairStrings(call.inputs(), hashed.get(call.id()).inputs(), hashesOf);
            pairStrings(call.output(), hashed.get(call.id()).output(), hashesOf);
        }
        assertThat(hashesOf).isNotEmpty();
        assertThat(hashesOf.entrySet()).allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).hasSize(1)
                .containsExactly(ContentPolicy.hash(e.getKey())));
    }

    private static void pairStrings(JsonNode kept, JsonNode hashed, Map<String, Set<String>> hashesOf) {
        if (kept == null) {
            assertThat(hashed).isNull();
            return;
        }
        if (kept.isString()) {
            hashesOf.computeIfAbsent(kept.stringValue(), k -> new HashSet<>()).add(hashed.stringValue());
            return;
        }
        assertThat(hashed.size()).isEqualTo(kept.size());
        if (kept.isObject()) {
            kept.properties().forEach(e -> pairStrings(e.getValue(), hashed.get(e.getKey()), hashesOf));
        } else if (kept.isArray()) {
            for (int i = 0; i < kept.size(); i++) {
                pairStrings(kept.get(i), hashed.get(i), hashesOf);
            }
        } else {
            assertThat(hashed).isEqualTo(kept);
        }
    }

    /** Ids, tree, op and display names, times, status counts, latency and token usage as with keep. */
    private static void assertSameStructure(StoredCall call, StoredCall kept) {
        assertThat(kept).as("kept call %s", call.id()).isNotNull();
        assertThat(call.traceId()).isEqualTo(kept.traceId());
        assertThat(call.parentId()).isEqualTo(kept.parentId());
        assertThat(call.opName()).isEqualTo(kept.opName());
        assertThat(call.displayName()).isEqualTo(kept.displayName());
        assertThat(call.startedAt()).isEqualTo(kept.startedAt());
        assertThat(call.endedAt()).isEqualTo(kept.endedAt());
        assertThat(call.summary()).as("summary of %s", call.id()).isEqualTo(kept.summary());
        assertThat(call.attributes().path("tags")).isEqualTo(kept.attributes().path("tags"));
        assertThat(call.attributes().path("message_id")).isEqualTo(kept.attributes().path("message_id"));
        assertThat(call.attributes().path("workflow_run_id")).isEqualTo(kept.attributes().path("workflow_run_id"));
    }
}
