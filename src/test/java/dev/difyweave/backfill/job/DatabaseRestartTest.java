package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.difyweave.backfill.cli.BackfillCli;
import dev.difyweave.backfill.state.EmbeddedPostgresServer;
import dev.difyweave.backfill.testsupport.FakeWeaveServer;
import dev.difyweave.backfill.testsupport.Fault;
import dev.difyweave.backfill.testsupport.OwnThread;
import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.GenerationResult;
import dev.difyweave.demo.generator.SqlScript;

/**
 * PostgreSQL (Dify's database and the state store on one server here) goes down in the middle of a
 * run: the run fails with one line saying why, and once the server is back the same command resumes
 * from the checkpoint and ends with every call exactly once.
 */
class DatabaseRestartTest {

    private record Run(int status, String out, String err) {
    }

    @Test
    void aRunCutOffByADatabaseRestartFailsWithOneLineAndTheNextRunResumes(@TempDir Path work) throws Exception {
        Path data = work.resolve("pg");
        GenerationResult generated;
        try (FakeWeaveServer weave = new FakeWeaveServer(BackfillHarness.API_KEY).start()) {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startPersistent(data);
            postgres.createDatabaseIfMissing("dify");
            try (Connection c = postgres.connect("dify")) {
                SqlScript.run(c, "sql/fixtures/dify-schema.sql");
            }
            generated = new DifyDataGenerator().generate(
                    new DriverManagerDataSource(postgres.jdbcUrl("dify"), postgres.username(), postgres.password()), DifyDataGenerator.Spec.small());
            postgres.createDatabaseIfMissing("state");
            for (int i = 0; i < 200; i++) {
                weave.enqueueFault(Fault.stall(Duration.ofMillis(100)));
            }
            Map<String, String> env = env(postgres, weave);
            CompletableFuture<Run> running = OwnThread.supply(() -> run(env));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (weave.writeRequestCount() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            postgres.close(); // the server goes away under the running job

            Run cut = running.get(240, TimeUnit.SECONDS);
            assertThat(cut.status()).isEqualTo(BackfillCli.FAILED);
            assertThat(cut.err().strip().lines()).as(cut.err()).hasSize(1);
            assertThat(cut.err()).startsWith("migrate").containsIgnoringCase("connect");

            EmbeddedPostgresServer restarted = EmbeddedPostgresServer.startPersistent(data);
            try {
                weave.clearRandomFaults();
                Run resumed = run(env(restarted, weave));
                assertThat(resumed.status()).as(resumed.err()).isZero();
                assertThat(resumed.out()).contains("resumed execution");
                BackfillHarness.assertEveryExpectedCallExactlyOnce(weave, new org.springframework.jdbc.core.JdbcTemplate(
                        new DriverManagerDataSource(restarted.jdbcUrl("dify"), restarted.username(), restarted.password())),
                        BackfillHarness.expectedCalls(generated));
            } finally {
                restarted.close();
            }
        }
    }

    private static Map<String, String> env(EmbeddedPostgresServer postgres, FakeWeaveServer weave) {
        Map<String, String> env = new HashMap<>();
        env.put("DIFY_DB_URL", postgres.jdbcUrl("dify"));
        env.put("DIFY_DB_USERNAME", postgres.username());
        env.put("DIFY_DB_PASSWORD", postgres.password());
        env.put("BACKFILL_DB_URL", postgres.jdbcUrl("state"));
        env.put("BACKFILL_DB_USERNAME", postgres.username());
        env.put("BACKFILL_DB_PASSWORD", postgres.password());
        env.put("WANDB_API_KEY", BackfillHarness.API_KEY);
        env.put("WEAVE_PROJECT", BackfillHarness.PROJECT);
        env.put("WF_TRACE_SERVER_URL", weave.baseUrl());
        env.put("BACKFILL_CHUNK_SIZE", "5");
        env.put("BACKFILL_RETRY_INITIAL_DELAY", "PT0.01S");
        env.put("BACKFILL_RETRY_MAX_DELAY", "PT0.05S");
        return env;
    }

    private static Run run(Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new BackfillCli(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.fixed(BackfillHarness.NOW, ZoneOffset.UTC))
                .run(BackfillHarness.withFixtureStaleness("migrate", "--to=2026-11-29T00:00:00Z"));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
