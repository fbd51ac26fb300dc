package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.difyweave.backfill.testsupport.Fault;
import dev.difyweave.backfill.testsupport.OwnThread;
import dev.difyweave.demo.generator.DifyDataGenerator;

/** An operator's controls: {@code stop} from another process, and a {@code schedule} process that gets SIGTERM. */
class OperatorControlTest {

    private BackfillHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void stopEndsARunningExecutionAtAChunkBoundaryAndTheSameCommandResumesIt() throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        harness.env.put("BACKFILL_CHUNK_SIZE", "5");
        for (int i = 0; i < 40; i++) {
            harness.weave.enqueueFault(Fault.stall(Duration.ofMillis(150)));
        }
        CompletableFuture<BackfillHarness.Result> running = OwnThread.supply(
                () -> harness.run("migrate", "--to=2026-11-29T00:00:00Z"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (harness.weave.writeRequestCount() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        BackfillHarness.Result stop = harness.run("stop");

        assertThat(stop.out()).contains("asked execution").contains("to stop at its next chunk boundary");
        BackfillHarness.Result stopped = running.get(120, TimeUnit.SECONDS);
        assertThat(stopped.exitStatus()).isEqualTo(1);
        assertThat(stopped.out()).contains("STOPPED");
        assertThat(harness.run("status").out()).contains("STOPPED").contains("yes: run the same command again");

        BackfillHarness.Result resumed = harness.run("migrate", "--to=2026-11-29T00:00:00Z");
        assertThat(resumed.exitStatus()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resumed execution");
        harness.assertEveryExpectedCallExactlyOnce();
    }

    @Test
    void aScheduleProcessSurvivesSigtermAndTheNextScheduleResumesTheScope(@TempDir Path work) throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small().toBuilder().runsPerApp(80).build());
        harness.env.put("BACKFILL_CHUNK_SIZE", "5");
        harness.env.put("BACKFILL_BATCH_CALLS", "25");
        Path jobs = Files.createDirectories(work.resolve("jobs"));
        Files.writeString(jobs.resolve("often.yaml"), """
                name: often
                command: sync
                schedule: "*/2 * * * * *"
                safety-lag: PT1M
                stale-after: P36500D
                """);
        Process schedule = harness.startChild(work, "schedule", "schedule", "--jobs-dir=" + jobs);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (schedule.isAlive() && harness.weave.writeRequestCount() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(schedule.isAlive()).isTrue();
        schedule.destroy(); // SIGTERM
        assertThat(schedule.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(work.resolve("schedule.err"))).contains("termination requested");
        assertThat(harness.run("status").out()).contains("STOPPED");

        BackfillHarness.Result again = harness.runWith(Clock.systemUTC(), "schedule", "--jobs-dir=" + jobs, "--max-runs=1");

        assertThat(again.exitStatus()).as(again.err()).isZero();
        assertThat(again.out()).contains("resumed execution");
        harness.assertEveryExpectedCallExactlyOnce();
    }
}
