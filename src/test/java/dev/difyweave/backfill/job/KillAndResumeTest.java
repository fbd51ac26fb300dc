package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.difyweave.demo.generator.DifyDataGenerator;

/**
 * The product's promise: {@code kill -9} at any moment, run the same command again, and every call
 * is in Weave exactly once. The backfill runs as a child JVM that is killed (SIGKILL) several times
 * while it writes; the executions it leaves STARTED are taken over by the next run.
 */
class KillAndResumeTest {

    private BackfillHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void killedAgainAndAgainThenResumedEndsWithEveryCallExactlyOnce(@TempDir Path work) throws Exception {
        // over 2,000 traces of every kind: 1,200 workflow runs, ~1,000 messages of all modes, conversation names
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small().toBuilder().runsPerApp(600)
                .conversationsPerApp(25).messagesPerConversation(10).build());
        harness.env.put("BACKFILL_CHUNK_SIZE", "20");
        harness.env.put("BACKFILL_BATCH_CALLS", "100");
        int expected = harness.expectedCalls().size();
        long traces = harness.expectedCalls().values().stream().filter(e -> e.parent().isEmpty()).count();
        assertThat(traces).isGreaterThanOrEqualTo(2000);
        Random random = new Random(4242);

        int kills = 0;
        for (int attempt = 0; attempt < 6; attempt++) {
            long before = harness.weave.writeRequestCount();
            Process child = harness.startChild(work, "attempt-" + attempt, "migrate", "--to=2026-11-29T00:00:00Z");
            long target = before + 2 + random.nextInt(20);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (child.isAlive() && harness.weave.writeRequestCount() < target && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            if (!child.isAlive()) {
                break;
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback, execution left STARTED
            child.waitFor(30, TimeUnit.SECONDS);
            kills++;
        }
        assertThat(kills).as("the run was killed mid-way at least 5 times").isGreaterThanOrEqualTo(5);
        assertThat(harness.weave.visibleCalls(BackfillHarness.PROJECT).size()).isLessThan(expected);

        Process last = harness.startChild(work, "final", "migrate", "--to=2026-11-29T00:00:00Z");
        assertThat(last.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(work.resolve("final.out")) + Files.readString(work.resolve("final.err"));
        assertThat(last.exitValue()).as(out).isZero();
        assertThat(out).contains("recovering it");

        harness.assertEveryExpectedCallExactlyOnce();
        assertThat(harness.run("status").out()).contains("COMPLETED");
    }

    @Test
    void sigtermStopsAtAChunkBoundaryAndLeavesAResumableExecution(@TempDir Path work) throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small().toBuilder().runsPerApp(60).build());
        harness.env.put("BACKFILL_CHUNK_SIZE", "5");
        harness.env.put("BACKFILL_BATCH_CALLS", "25");

        Process child = harness.startChild(work, "terminated", "migrate", "--to=2026-11-29T00:00:00Z");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (child.isAlive() && harness.weave.writeRequestCount() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(child.isAlive()).as("still running when terminated").isTrue();
        child.destroy(); // SIGTERM
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(work.resolve("terminated.err"));
        assertThat(log).contains("termination requested");
        assertThat(harness.run("status").out()).contains("STOPPED").contains("yes: run the same command again");
        assertThat(harness.weave.incompleteCalls(BackfillHarness.PROJECT)).isEmpty();

        Process resumed = harness.startChild(work, "resumed", "migrate", "--to=2026-11-29T00:00:00Z");
        assertThat(resumed.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(resumed.exitValue()).as(Files.readString(work.resolve("resumed.err"))).isZero();
        harness.assertEveryExpectedCallExactlyOnce();
    }
}
