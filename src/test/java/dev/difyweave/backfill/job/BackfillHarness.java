package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.cli.BackfillCli;
import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.GeneratedAgentThought;
import dev.difyweave.demo.generator.GeneratedConversation;
import dev.difyweave.demo.generator.GeneratedMessage;
import dev.difyweave.demo.generator.GeneratedNode;
import dev.difyweave.demo.generator.GeneratedRun;
import dev.difyweave.demo.generator.GenerationResult;
import dev.difyweave.backfill.testsupport.FakeWeaveServer;
import dev.difyweave.backfill.testsupport.StoredCall;
import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/**
 * A whole backfill environment for functional tests: a Dify database with Dify's DDL and generated
 * data, a fresh state store, and the fake Weave server; commands run through the real CLI.
 */
final class BackfillHarness implements AutoCloseable {

    static final String API_KEY = "test-key-0123456789abcdef";
    static final String PROJECT = "acme/dify-history";
    /** Where the runs link message files (C3): the default {@code DIFY_FILES_URL}, which the harness leaves unset. */
    static final String FILES_URL = "http://127.0.0.1:5001";
    /** A fixed "now" after every generated row, so windows are reproducible. */
    static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");

    final TestDatabase dify;
    final TestDatabase state;
    final FakeWeaveServer weave;
    final GenerationResult generated;
    final Map<String, String> env = new HashMap<>();

    private BackfillHarness(DifyDataGenerator.Spec spec) {
        dify = TestDatabases.createDifyDatabase();
        state = TestDatabases.createFresh("state");
        weave = new FakeWeaveServer(API_KEY).start();
        generated = spec == null ? null : new DifyDataGenerator().generate(dify.dataSource(), spec);
        env.put("DIFY_DB_URL", dify.jdbcUrl());
        put("DIFY_DB_USERNAME", dify.username());
        put("DIFY_DB_PASSWORD", dify.password());
        env.put("BACKFILL_DB_URL", state.jdbcUrl());
        put("BACKFILL_DB_USERNAME", state.username());
        put("BACKFILL_DB_PASSWORD", state.password());
        env.put("WANDB_API_KEY", API_KEY);
        env.put("WEAVE_PROJECT", PROJECT);
        env.put("WF_TRACE_SERVER_URL", weave.baseUrl());
        env.put("BACKFILL_CHUNK_SIZE", "10");
        env.put("BACKFILL_RETRY_MAX", "6");
        env.put("BACKFILL_RETRY_INITIAL_DELAY", "PT0.01S");
        env.put("BACKFILL_RETRY_MAX_DELAY", "PT0.05S");
        env.put("BACKFILL_RETRY_AFTER_MAX", "PT1S");
        env.put("BACKFILL_HTTP_TIMEOUT", "PT5S");
    }

    static BackfillHarness withData(DifyDataGenerator.Spec spec) {
        return new BackfillHarness(spec);
    }

    static BackfillHarness empty() {
        return new BackfillHarness(null);
    }

    private void put(String name, String value) {
        if (value != null) {
            env.put(name, value);
        }
    }

    record Result(int exitStatus, String out, String err) {
    }

    /** The backfill's main class in a child JVM with this harness's environment (see {@link #child}). */
    Process startChild(Path work, String name, String... args) throws java.io.IOException {
        return child(work, name, env, args);
    }

    /**
     * The backfill's main class in a child JVM, working in {@code work} with exactly {@code env} for its
     * settings (none inherited), stdout and stderr in {@code work/<name>.out} and {@code .err}.
     */
    static Process child(Path work, String name, Map<String, String> env, String... args) throws java.io.IOException {
        return child(work, name, env, List.of(), args);
    }

    /** The same with these options for the child JVM (system properties such as a trust store). */
    static Process child(Path work, String name, Map<String, String> env, List<String> jvmOptions, String... args)
            throws java.io.IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                dev.difyweave.backfill.BackfillApplication.class.getName()));
        command.addAll(List.of(withFixtureStaleness(args)));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(work.resolve(name + ".out").toFile())
                .redirectError(work.resolve(name + ".err").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("BACKFILL_") || k.startsWith("DIFY_")
                || k.startsWith("WANDB") || k.equals("WEAVE_PROJECT") || k.equals("WF_TRACE_SERVER_URL"));
        builder.environment().putAll(env);
        return builder.start();
    }

    /**
     * The generator writes its running and paused runs (and unsaved answers) days before {@link #NOW},
     * where the default {@code --stale-after=P1D} would send them as stale (C15). Tests of everything
     * else treat them as still going on, with a stale-after longer than the fixture's history, unless
     * they give {@code --stale-after} themselves ({@code StaleRootsJobTest} tests the default).
     */
    static String[] withFixtureStaleness(String... args) {
        boolean readsDify = args.length > 0 && List.of("migrate", "sync", "verify").contains(args[0]);
        if (!readsDify || Arrays.stream(args).anyMatch(a -> a.startsWith("--stale-after") || a.equals("--help"))) {
            return args;
        }
        String[] with = Arrays.copyOf(args, args.length + 1);
        with[args.length] = "--stale-after=" + FIXTURE_NEVER_STALE;
        return with;
    }

    /** Longer than any generated history: no generated root is stale. */
    static final String FIXTURE_NEVER_STALE = "P36500D";

    Result run(String... args) {
        return runAt(NOW, args);
    }

    Result runAt(Instant now, String... args) {
        return runWith(Clock.fixed(now, ZoneOffset.UTC), args);
    }

    Result runWith(Clock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new BackfillCli(Map.copyOf(env), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), clock).run(withFixtureStaleness(args));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A call the run must produce: its parent ("" for a root) and its trace. */
    record Expected(String parent, String trace, String what) {
    }

    /** Every call a run over all kinds must produce, from what the generator wrote: call id -> parent and trace. */
    Map<String, Expected> expectedCalls() {
        return expectedCalls(generated);
    }

    static Map<String, Expected> expectedCalls(GenerationResult generated) {
        Map<String, Expected> expected = new LinkedHashMap<>();
        for (GeneratedRun run : generated.runs()) {
            if (!run.finished()) {
                continue;
            }
            String runId = run.id().toString();
            expected.put(runId, new Expected("", runId, "workflow run " + runId));
            for (GeneratedNode node : run.nodes()) {
                if (!"paused".equals(node.status())) {
                    expected.put(node.id().toString(), new Expected(runId, runId, "node " + node.id()));
                }
            }
        }
        for (GeneratedMessage message : generated.messages()) {
            if (!message.finished()) {
                continue;
            }
            String m = message.id().toString();
            expected.put(m, new Expected("", m, message.appMode() + " message " + m));
            if (message.appMode().equals("advanced-chat")) {
                if (message.workflowRunId() != null) {
                    String runId = message.workflowRunId().toString();
                    expected.put(runId, new Expected(m, m, "chatflow run " + runId));
                    message.workflowNodeIds().forEach(node -> expected.put(node.toString(), new Expected(runId, m, "chatflow node " + node)));
                }
            } else {
                expected.put(CallIds.llm(m), new Expected(m, m, "llm of " + m));
                for (GeneratedAgentThought thought : message.agentThoughts()) {
                    for (int n = 0; n < thought.tools().size(); n++) {
                        expected.put(CallIds.tool(m, thought.id().toString(), thought.tools().get(n), n),
                                new Expected(m, m, "tool " + thought.tools().get(n) + " of thought " + thought.id()));
                    }
                }
                if (message.hasRetrieverResources() || message.legacyRetrieverResources()) {
                    expected.put(CallIds.datasetRetrieval(m), new Expected(m, m, "dataset_retrieval of " + m));
                }
            }
            if (message.inputModeration()) {
                expected.put(CallIds.moderation(m), new Expected(m, m, "moderation (" + message.moderationType() + ") of " + m));
            }
        }
        for (GeneratedConversation conversation : generated.conversations()) {
            if (conversation.hasGeneratedName() && !conversation.appMode().equals("completion")) {
                String id = CallIds.generateConversationName(conversation.id().toString());
                expected.put(id, new Expected("", id, "name of conversation " + conversation.id()));
            }
        }
        return expected;
    }

    /**
     * Asserts that Weave holds exactly the expected calls, each once, complete, in the right tree, with the
     * start and end its Dify rows give it ({@link SourceTimes}).
     */
    void assertEveryExpectedCallExactlyOnce() {
        assertEveryExpectedCallExactlyOnce(expectedCalls());
    }

    void assertEveryExpectedCallExactlyOnce(Map<String, Expected> expected) {
        assertEveryExpectedCallExactlyOnce(weave, difyJdbc(), expected);
    }

    static void assertEveryExpectedCallExactlyOnce(FakeWeaveServer weave, JdbcTemplate dify, Map<String, Expected> expected) {
        List<StoredCall> visible = weave.visibleCalls(PROJECT);
        java.util.Set<String> ids = new java.util.HashSet<>();
        visible.forEach(c -> ids.add(c.id()));
        assertThat(expected.entrySet().stream().filter(e -> !ids.contains(e.getKey())).map(e -> e.getValue().what()))
                .as("expected calls missing in Weave").isEmpty();
        assertThat(visible).extracting(StoredCall::id).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (StoredCall call : visible) {
            Expected e = expected.get(call.id());
            assertThat(call.hasEnd()).as("call %s has its end", call.id()).isTrue();
            assertThat(call.parentId() == null ? "" : call.parentId()).as("parent of %s", call.id()).isEqualTo(e.parent());
            assertThat(call.traceId()).as("trace of %s", call.id()).isEqualTo(e.trace());
        }
        Map<String, SourceTimes.Span> spans = SourceTimes.of(dify);
        List<String> wrongTimes = visible.stream().filter(c -> !new SourceTimes.Span(c.startedAt(), c.endedAt())
                .equals(spans.get(c.id()))).map(c -> expected.get(c.id()).what() + ": " + c.startedAt() + " .. "
                        + c.endedAt() + ", its rows say " + spans.get(c.id())).toList();
        assertThat(wrongTimes).as("calls whose start or end is not what their Dify rows give").isEmpty();
        assertThat(weave.incompleteCalls(PROJECT)).isEmpty();
        assertThat(weave.endOnlyIds(PROJECT)).isEmpty();
    }

    JdbcTemplate stateJdbc() {
        return new JdbcTemplate(state.dataSource());
    }

    JdbcTemplate difyJdbc() {
        return new JdbcTemplate(dify.dataSource());
    }

    List<Map<String, Object>> problems() {
        return stateJdbc().queryForList("SELECT source_table, source_key, source_column, reason FROM backfill_problem");
    }

    List<Map<String, Object>> deadLetters() {
        return stateJdbc().queryForList("SELECT call_id, source_key, http_status, reason FROM backfill_dead_letter");
    }

    @Override
    public void close() {
        weave.close();
        state.close();
        dify.close();
    }
}
