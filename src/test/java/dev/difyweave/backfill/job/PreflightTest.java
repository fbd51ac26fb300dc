package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.state.EmbeddedPostgresServer;
import dev.difyweave.backfill.testsupport.FakeS3Server;
import dev.difyweave.backfill.testsupport.TestDatabases;

/**
 * The configuration is checked before any work, in seconds: a wrong Dify password, a state store that
 * does not answer, a key Weave refuses, credentials in a JDBC URL each end the command with exit status
 * 2 and exactly one line on stderr that names the setting and the cause, no stack trace, and never the
 * password or the key. Each case runs the real main class in a child JVM, so stderr is the real one
 * (logging included).
 */
class PreflightTest {

    private static final String DIFY_PASSWORD = "wrong-dify-password-4711";

    private static BackfillHarness harness;
    private static EmbeddedPostgresServer passwordProtected;

    @BeforeAll
    static void start() {
        harness = BackfillHarness.empty();
        passwordProtected = EmbeddedPostgresServer.startEphemeral();
    }

    @AfterAll
    static void stop() {
        if (passwordProtected != null) {
            passwordProtected.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    private record Outcome(int status, String out, String err, long millis) {
    }

    /** Each case has its own window ({@code --to}): a window completed by another case would end a run early. */
    private static Outcome run(Path work, Map<String, String> env, String... args) throws Exception {
        long started = System.nanoTime();
        Process child = BackfillHarness.child(work, "run", env, args);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the command ends").isTrue();
        return new Outcome(child.exitValue(), Files.readString(work.resolve("run.out")),
                Files.readString(work.resolve("run.err")), (System.nanoTime() - started) / 1_000_000);
    }

    /** Exit 2, one line on stderr starting with the setting, no stack trace, none of the secrets. */
    private static void assertOneLine(Outcome outcome, String setting, String cause, String... secrets) {
        List<String> lines = outcome.err().lines().filter(l -> !l.isBlank()).toList();
        assertThat(outcome.status()).as(outcome.err()).isEqualTo(2);
        assertThat(lines).as("stderr").hasSize(1);
        assertThat(lines.get(0)).startsWith("configuration error: " + setting).contains(cause);
        assertThat(outcome.err()).doesNotContain("\tat ").doesNotContain("Exception in thread");
        for (String secret : secrets) {
            assertThat(outcome.out() + outcome.err()).doesNotContain(secret);
        }
        assertThat(outcome.millis()).as("answered in seconds, JVM start included").isLessThan(30_000);
    }

    private static Map<String, String> env() {
        return new HashMap<>(harness.env);
    }

    @Test
    void aWrongDifyPasswordIsOneLineNamingDifyDbUrl(@TempDir Path work) throws Exception {
        Map<String, String> env = env();
        env.put("DIFY_DB_URL", passwordProtected.jdbcUrl("postgres"));
        env.put("DIFY_DB_USERNAME", passwordProtected.username());
        env.put("DIFY_DB_PASSWORD", DIFY_PASSWORD);
        long requestsBefore = harness.weave.requestCount();

        Outcome outcome = run(work, env, "migrate", "--to=2026-11-11T00:00:00Z");

        assertOneLine(outcome, "DIFY_DB_URL", "password authentication failed for user \"postgres\"", DIFY_PASSWORD,
                BackfillHarness.API_KEY, passwordProtected.password());
        assertThat(harness.weave.requestCount()).as("Weave is not asked after Dify failed").isEqualTo(requestsBefore);
    }

    @Test
    void aStateStoreThatDoesNotAnswerIsOneLineNamingBackfillDbUrl(@TempDir Path work) throws Exception {
        Map<String, String> env = env();
        env.put("BACKFILL_DB_URL", "jdbc:postgresql://127.0.0.1:1/state");
        env.put("BACKFILL_DB_PASSWORD", "state-store-secret-0815");
        long requestsBefore = harness.weave.requestCount();

        Outcome migrate = run(work, env, "migrate", "--to=2026-11-12T00:00:00Z");
        assertOneLine(migrate, "BACKFILL_DB_URL (jdbc:postgresql://127.0.0.1:1/state", "refused",
                "state-store-secret-0815", BackfillHarness.API_KEY);

        Outcome status = run(work, env, "status");
        assertOneLine(status, "BACKFILL_DB_URL", "refused", "state-store-secret-0815");
        assertThat(harness.weave.requestCount()).isEqualTo(requestsBefore);
    }

    @Test
    void aKeyWeaveRefusesIsOneLineNamingWandbApiKey(@TempDir Path work) throws Exception {
        Map<String, String> env = env();
        String wrongKey = "refused-key-0123456789";
        env.put("WANDB_API_KEY", wrongKey);
        long writesBefore = harness.weave.writeRequestCount();
        int checksBefore = harness.weave.requestsTo("/calls/stream_query").size();
        try (TestDatabases.TestDatabase state = TestDatabases.createFresh("untouched")) {
            env.put("BACKFILL_DB_URL", state.jdbcUrl());

            Outcome outcome = run(work, env, "migrate", "--to=2026-11-13T00:00:00Z");

            assertOneLine(outcome, "WANDB_API_KEY", "HTTP 401", wrongKey);
            assertThat(outcome.err()).contains(harness.weave.baseUrl());
            assertThat(harness.weave.writeRequestCount()).as("nothing was sent").isEqualTo(writesBefore);
            assertThat(harness.weave.requestsTo("/calls/stream_query")).as("one check of the one server and key")
                    .hasSize(checksBefore + 1).last().satisfies(r -> assertThat(r.status()).isEqualTo(401));
            // Weave is checked while the command starts; its answer still comes before any work
            assertThat(new JdbcTemplate(state.dataSource()).queryForObject(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", Integer.class))
                    .as("tables in the state store").isZero();
        }
    }

    @Test
    void aBucketThatRefusesTheKeysIsOneLineNamingTheKeySettings(@TempDir Path work) throws Exception {
        try (FakeS3Server s3 = new FakeS3Server("dify", null, "AKIDPREFLIGHT", "the-right-secret-0000").start()) {
            Map<String, String> env = env();
            env.put("DIFY_STORAGE_S3_BUCKET", "dify");
            env.put("DIFY_STORAGE_S3_ENDPOINT", s3.endpoint());
            env.put("DIFY_STORAGE_S3_REGION", "us-east-1");
            env.put("DIFY_STORAGE_S3_ACCESS_KEY", "AKIDPREFLIGHT");
            env.put("DIFY_STORAGE_S3_SECRET_KEY", "a-wrong-secret-0000");
            long requestsBefore = harness.weave.requestCount();

            Outcome outcome = run(work, env, "migrate", "--to=2026-11-16T00:00:00Z");

            assertOneLine(outcome, "Dify's storage, bucket dify at " + s3.endpoint(), "S3 refused the credentials "
                    + "for bucket dify (403 SignatureDoesNotMatch): check DIFY_STORAGE_S3_ACCESS_KEY/DIFY_STORAGE_S3_SECRET_KEY",
                    "a-wrong-secret-0000", "the-right-secret-0000", BackfillHarness.API_KEY);
            assertThat(harness.weave.requestCount()).as("Weave is not asked after the storage failed")
                    .isEqualTo(requestsBefore);
        }
    }

    /** 429 or 5xx proves nothing about the key: a warning, and the run goes on (its requests are retried). */
    @Test
    void aWeaveThatCannotAnswerNowIsAWarningAndTheRunGoesOn(@TempDir Path work) throws Exception {
        HttpServer busy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> asked = new CopyOnWriteArrayList<>();
        busy.createContext("/", exchange -> {
            asked.add(exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        busy.start();
        try {
            Map<String, String> env = env();
            env.put("WF_TRACE_SERVER_URL", "http://127.0.0.1:" + busy.getAddress().getPort());

            Outcome outcome = run(work, env, "migrate", "--to=2026-11-16T00:00:00Z"); // no Dify rows: nothing to send

            assertThat(outcome.status()).as(outcome.err()).isZero();
            assertThat(asked).as("the preflight's one check").containsExactly("/calls/stream_query");
            assertThat(outcome.err()).contains("answered HTTP 503 for project " + BackfillHarness.PROJECT
                    + "; the key could not be checked now, the run goes on").doesNotContain(BackfillHarness.API_KEY);
        } finally {
            busy.stop(0);
        }
    }

    @Test
    void credentialsInAJdbcUrlNeverShow(@TempDir Path work) throws Exception {
        Map<String, String> env = env();
        env.put("DIFY_DB_URL", "jdbc:postgresql://postgres:topsecret-in-url@127.0.0.1:5432/dify");

        Outcome userInfo = run(work, env, "migrate", "--to=2026-11-14T00:00:00Z");

        assertOneLine(userInfo, "DIFY_DB_URL", "DIFY_DB_PASSWORD", "topsecret-in-url");
        assertThat(userInfo.err()).contains("jdbc:postgresql://***@127.0.0.1:5432/dify");

        env.put("DIFY_DB_URL", "jdbc:postgresql://127.0.0.1:1/dify?user=postgres&password=topsecret-parameter");
        Outcome parameter = run(work, env, "migrate", "--to=2026-11-15T00:00:00Z");

        assertOneLine(parameter, "DIFY_DB_URL", "refused", "topsecret-parameter");
        assertThat(parameter.err()).contains("password=***");
    }
}
