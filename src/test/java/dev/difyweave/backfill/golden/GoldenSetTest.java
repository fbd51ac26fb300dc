package dev.difyweave.backfill.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.difyweave.backfill.cli.BackfillCli;
import dev.difyweave.backfill.testsupport.FakeWeaveServer;
import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The golden set (issue 17): the real {@code migrate} job over a small hand-written Dify database
 * ({@code src/test/resources/golden/dify-fixture.sql}) must send exactly the Weave request bodies written by
 * hand from the spec in {@code golden/expected/*.json}: every call once, start and end in one request,
 * every field equal, no call missing, none extra; and exactly the feedback of {@code expected/feedback.json}.
 * How each expected value was derived, and where the expectation and the spec part ways, is in
 * {@code golden/README.md}. The expected files are never regenerated from this project's output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldenSetTest {

    private static final String API_KEY = "golden-key-0123456789abcdef";
    private static final String PROJECT = "acme/dify-history";
    /** The test's "now": the fixture's running run and unsaved answer are an hour old, not stale. */
    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");
    private static final List<String> TRACES = List.of("workflow-run-w1.json", "workflow-run-w2.json",
            "chat-message-m1.json", "chat-message-m2.json", "completion-message-m3.json", "agent-message-m5.json",
            "chatflow-message-m6.json", "conversation-names.json");
    private static final String VERSION_TOKEN = "@project.version@";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestDatabase dify;
    private TestDatabase state;
    private FakeWeaveServer weave;
    private int exitStatus;
    private String stderr;

    @BeforeAll
    void runTheJobOnTheFixture() throws SQLException {
        dify = TestDatabases.createDifyDatabase();
        state = TestDatabases.createFresh("state");
        weave = new FakeWeaveServer(API_KEY).keepAcceptedBodies().start();
        try (Connection connection = dify.connect(); Statement statement = connection.createStatement()) {
            statement.execute(resource("golden/dify-fixture.sql"));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        exitStatus = new BackfillCli(environment(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC)).run(new String[] {"migrate"});
        stderr = err.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    void close() {
        if (weave != null) {
            weave.close();
        }
        if (state != null) {
            state.close();
        }
        if (dify != null) {
            dify.close();
        }
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("DIFY_DB_URL", dify.jdbcUrl());
        env.put("BACKFILL_DB_URL", state.jdbcUrl());
        putIfSet(env, "DIFY_DB_USERNAME", dify.username());
        putIfSet(env, "DIFY_DB_PASSWORD", dify.password());
        putIfSet(env, "BACKFILL_DB_USERNAME", state.username());
        putIfSet(env, "BACKFILL_DB_PASSWORD", state.password());
        env.put("WANDB_API_KEY", API_KEY);
        env.put("WEAVE_PROJECT", PROJECT);
        env.put("WF_TRACE_SERVER_URL", weave.baseUrl());
        return env;
    }

    private static void putIfSet(Map<String, String> env, String name, String value) {
        if (value != null) {
            env.put(name, value);
        }
    }

    @Test
    void theRunCompletes() {
        assertThat(exitStatus).as("exit status of migrate; stderr:%n%s", stderr).isZero();
    }

    @Test
    void exactlyTheExpectedCallsAreSentEachOnceWithStartAndEndInOneRequest() {
        Map<String, JsonNode> expected = expectedCalls();
        Map<String, SentCalls.Call> sent = sentCalls();
        Set<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(sent.keySet());
        Set<String> extra = new TreeSet<>(sent.keySet());
        extra.removeAll(expected.keySet());
        assertThat(missing).as("expected calls that were not sent").isEmpty();
        assertThat(extra).as("calls sent that the golden set does not expect").isEmpty();
        List<String> wrong = new ArrayList<>();
        sent.forEach((id, call) -> {
            if (call.starts.size() != 1 || call.ends.size() != 1) {
                wrong.add(id + ": " + call.starts.size() + " start(s) and " + call.ends.size() + " end(s)");
            } else if (call.starts.get(0).request() != call.ends.get(0).request()) {
                wrong.add(id + ": start and end in different requests");
            }
        });
        assertThat(wrong).as("calls not sent exactly once as start + end in one request").isEmpty();
    }

    @Test
    void everyFieldOfEveryCallIsTheHandWrittenOne() {
        Map<String, SentCalls.Call> sent = sentCalls();
        List<String> differences = new ArrayList<>();
        expectedCalls().forEach((id, call) -> {
            SentCalls.Call actual = sent.get(id);
            if (actual == null || actual.starts.isEmpty() || actual.ends.isEmpty()) {
                differences.add("call " + id + ": not sent complete");
                return;
            }
            JsonDiff diff = new JsonDiff();
            diff.topLevelNullIsAbsent("start", call.get("start"), actual.starts.get(0).body());
            diff.topLevelNullIsAbsent("end", call.get("end"), actual.ends.get(0).body());
            diff.differences().forEach(d -> differences.add("call " + id + " " + d));
        });
        assertThat(differences).as("fields that differ from golden/expected (call id, then the path)").isEmpty();
    }

    @Test
    void feedbackIsExactlyTheHandWrittenRows() {
        List<JsonNode> sent = new ArrayList<>();
        weave.acceptedBodies("/feedback/batch/create").forEach(body -> body.path("batch").forEach(sent::add));
        Set<String> ids = new HashSet<>();
        List<JsonNode> withoutIds = new ArrayList<>();
        for (JsonNode item : sent) {
            String id = item.path("id").asString();
            assertThat(id).as("feedback id of %s", item).matches("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(UUID.fromString(id).toString()).isEqualTo(id);
            assertThat(ids.add(id)).as("feedback id %s sent once", id).isTrue();
            ObjectNode copy = (ObjectNode) item.deepCopy();
            copy.remove("id");
            withoutIds.add(copy);
        }
        List<JsonNode> expected = new ArrayList<>();
        read("golden/expected/feedback.json").path("feedback").forEach(expected::add);
        List<JsonNode> missing = new ArrayList<>(expected);
        List<JsonNode> extra = new ArrayList<>();
        for (JsonNode item : withoutIds) {
            if (!missing.remove(item)) {
                extra.add(item);
            }
        }
        List<String> differences = new ArrayList<>();
        missing.forEach(item -> differences.add("expected but not sent: " + JsonDiff.show(item)));
        extra.forEach(item -> differences.add("sent but not expected: " + JsonDiff.show(item)));
        assertThat(differences).as("feedback items (without their ids) that differ from golden/expected/feedback.json").isEmpty();
    }

    private Map<String, SentCalls.Call> sentCalls() {
        return SentCalls.of(weave.acceptedBodies("/call/upsert_batch")).byId();
    }

    /** Every expected call by id, the build's version in place of {@value #VERSION_TOKEN}. */
    private static Map<String, JsonNode> expectedCalls() {
        Map<String, JsonNode> calls = new LinkedHashMap<>();
        for (String trace : TRACES) {
            for (JsonNode call : read("golden/expected/" + trace).path("calls")) {
                String id = call.path("start").path("id").asString();
                assertThat(calls.put(id, call)).as("call %s expected twice", id).isNull();
            }
        }
        return calls;
    }

    private static JsonNode read(String location) {
        return JSON.readTree(resource(location).replace(VERSION_TOKEN, buildVersion()));
    }

    /** The version Maven filtered into the build's properties: what attributes.backfill.version carries (C8). */
    private static String buildVersion() {
        Properties properties = new Properties();
        try (InputStream in = GoldenSetTest.class.getResourceAsStream("/dify-weave-backfill-build.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static String resource(String location) {
        try (InputStream in = GoldenSetTest.class.getClassLoader().getResourceAsStream(location)) {
            assertThat(in).as("test resource %s", location).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
