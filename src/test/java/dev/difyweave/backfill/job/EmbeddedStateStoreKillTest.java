package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.GenerationResult;
import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/**
 * The default state store (no BACKFILL_DB_URL: an embedded PostgreSQL under ./var/) survives a
 * {@code kill -9} of the process that runs it: the next run stops the orphaned server, recovers the
 * execution the dead process left STARTED and completes the window.
 */
class EmbeddedStateStoreKillTest {

    @Test
    void aKilledRunOnTheEmbeddedStateStoreIsResumedByTheSameCommand(@TempDir Path work) throws Exception {
        try (TestDatabase dify = TestDatabases.createDifyDatabase()) {
            GenerationResult generated = new DifyDataGenerator().generate(dify.dataSource(),
                    DifyDataGenerator.Spec.small().toBuilder().runsPerApp(150).build());
            Map<String, String> env = new java.util.HashMap<>(Map.of("DIFY_DB_URL", dify.jdbcUrl(),
                    "BACKFILL_CHUNK_SIZE", "5"));
            if (dify.username() != null) {
                env.put("DIFY_DB_USERNAME", dify.username());
            }
            Path export = work.resolve("out");
            Path file = export.resolve("weave-requests.jsonl");

            Process first = BackfillHarness.child(work, "first", env, "migrate", "--to=2026-11-29T00:00:00Z", "--export-dir=" + export);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (first.isAlive() && (!Files.exists(file) || Files.size(file) < 200_000) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(first.isAlive()).as("killed while it writes").isTrue();
            first.destroyForcibly();
            first.waitFor(30, TimeUnit.SECONDS);

            Process second = BackfillHarness.child(work, "second", env, "migrate", "--to=2026-11-29T00:00:00Z", "--export-dir=" + export);
            assertThat(second.waitFor(240, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(work.resolve("second.out")) + Files.readString(work.resolve("second.err"));
            assertThat(second.exitValue()).as(log).isZero();
            assertThat(log).contains("recovering it").contains("COMPLETED");
            String exported = Files.readString(file);
            for (String id : BackfillHarness.expectedCalls(generated).keySet()) {
                assertThat(exported).contains("\"id\":\"" + id + "\"");
            }
            assertThat(Files.isDirectory(work.resolve("var").resolve("state-postgres"))).isTrue();
        }
    }
}
